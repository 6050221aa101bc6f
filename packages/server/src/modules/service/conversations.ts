// The shopper's side of 在线客服: open (or continue) the one open conversation, about a product, an order or
// an after-sale; send text or an uploaded image, answered at once by the FAQ when it is sure; ask for a
// person (told when one is on duty); read. Another shopper's conversation is not found, never forbidden.
import { decideDeskState, describeOpening } from "@liebian/domain";
import type { Executor } from "../../db/client.ts";
import { conversations } from "../../db/schema/service.ts";
import { inTransaction } from "../../db/transaction.ts";
import type { AppDeps } from "../../deps.ts";
import { AppError, notFound } from "../../errors/app-error.ts";
import { getSettings } from "../settings/service.ts";
import { findAfterSaleOwner, findOrderOwner, findProductBrief } from "./context-repo.ts";
import { answerFromFaq } from "./faq.ts";
import { publishChange } from "./publish.ts";
import {
  type ConversationRow,
  countUserMessagesSince,
  findConversation,
  findOpenConversation,
  insertMessages,
  insertOpenConversation,
  listMessages,
  listUserConversations,
  lockConversation,
  type MessageRow,
  type NewMessage,
  plus,
  sumUserUnread,
  updateConversation,
} from "./repo.ts";
import { checkUploadedImage } from "./uploaded-image.ts";
import { conversationView, messageView, previewOf } from "./views.ts";

/** A shopper may send this many messages a minute: a person types far fewer, a script far more. */
export const MESSAGES_PER_MINUTE = 20;

type Context = { kind: "product" | "order" | "after_sale"; id: number };

async function checkContext(db: Executor, userId: number, context: Context): Promise<void> {
  const found =
    context.kind === "product"
      ? Boolean(await findProductBrief(db, context.id))
      : context.kind === "order"
        ? (await findOrderOwner(db, context.id)) === userId
        : (await findAfterSaleOwner(db, context.id))?.buyer === userId;
  if (!found)
    throw notFound(
      context.kind === "after_sale" ? "After-sale" : context.kind === "order" ? "Order" : "Product",
      { id: context.id },
    );
}

const asMessages = (rows: Omit<MessageRow, "senderName">[], senderName: string | null = null): MessageRow[] =>
  rows.map((r) => ({ ...r, senderName: r.sender === "staff" ? senderName : null }));

/** Continues the shopper's open conversation or starts one; a context adds a 咨询 line the desk sees. */
export async function openConversation(deps: AppDeps, userId: number, context: Context | undefined) {
  const now = deps.now();
  const { conversation, added } = await inTransaction(deps.db, async (tx) => {
    if (context) await checkContext(tx, userId, context);
    await insertOpenConversation(tx, userId, now);
    let row = (await findOpenConversation(tx, userId))!;
    let added: MessageRow[] = [];
    if (context && (row.contextKind !== context.kind || row.contextId !== context.id)) {
      added = asMessages(
        await insertMessages(tx, [
          {
            conversationId: row.id,
            sender: "user",
            senderId: userId,
            contextKind: context.kind,
            contextId: context.id,
            createdAt: now,
          },
        ]),
      );
      row = await updateConversation(tx, row.id, {
        contextKind: context.kind,
        contextId: context.id,
        staffUnread: plus(conversations.staffUnread, 1),
        lastMessageAt: now,
        lastMessagePreview: previewOf(added[0]!),
      });
    }
    return { conversation: row, added };
  });
  await publishChange(deps.database, conversation, added);
  return withMessages(deps, conversation);
}

async function withMessages(deps: AppDeps, conversation: ConversationRow) {
  const messages = await listMessages(deps.db, conversation.id, { limit: 50 });
  return {
    conversation: conversationView(conversation),
    messages: messages.map(messageView),
    offHoursNotice: await offHoursNotice(deps),
  };
}

/** Null while a person is on duty; else when one will answer, in the shop's words. */
export async function offHoursNotice(deps: AppDeps): Promise<string | null> {
  const settings = await getSettings(deps.db, "service");
  const now = deps.now();
  const state = decideDeskState(now.getTime(), {
    open: settings.hoursOpen,
    close: settings.hoursClose,
    days: settings.days,
  });
  if (state.kind === "open") return null;
  const { time, day } = describeOpening(state.opensAtMs, now.getTime());
  const when =
    day === "today"
      ? `今天 ${time}`
      : day === "tomorrow"
        ? `明天 ${time}`
        : `${new Date(state.opensAtMs + 8 * 3_600_000).toISOString().slice(5, 10)} ${time}`;
  return `现在是非工作时间（客服时间 ${settings.hoursOpen}–${settings.hoursClose}），人工客服将于${when}起回复您，留言不会丢失。`;
}

async function ownConversation(db: Executor, userId: number, id: number, lock: boolean) {
  const row = lock ? await lockConversation(db, id) : await findConversation(db, id);
  if (!row || row.userId !== userId) throw notFound("Conversation", { id });
  return row;
}

export async function sendShopperMessage(
  deps: AppDeps,
  userId: number,
  id: number,
  input: { text?: string | undefined; imageUrl?: string | undefined },
) {
  checkUploadedImage(deps, input.imageUrl);
  const now = deps.now();
  const { conversation, added } = await inTransaction(deps.db, async (tx) => {
    const row = await ownConversation(tx, userId, id, true);
    if (row.status !== "open")
      throw new AppError("CONVERSATION_CLOSED", "This conversation is closed; open a new one");
    const sent = await countUserMessagesSince(tx, userId, new Date(now.getTime() - 60_000));
    if (sent >= MESSAGES_PER_MINUTE) {
      throw new AppError("MESSAGE_RATE_LIMITED", `At most ${MESSAGES_PER_MINUTE} messages a minute`, {
        perMinute: MESSAGES_PER_MINUTE,
        retryAfterSeconds: 60,
      });
    }
    const rows: NewMessage[] = [
      {
        conversationId: id,
        sender: "user",
        senderId: userId,
        body: input.text ?? "",
        imageUrl: input.imageUrl ?? null,
        createdAt: now,
      },
    ];
    // while a person handles it (or was asked for), the bot stays quiet
    const botMayAnswer =
      input.text && !row.needsHuman && !row.assignedStaffId && (await getSettings(tx, "service")).autoAnswer;
    const faq = botMayAnswer ? await answerFromFaq(tx, input.text!, now) : null;
    if (faq)
      rows.push({
        conversationId: id,
        sender: "bot",
        body: faq.answer,
        faqEntryId: faq.entryId,
        createdAt: now,
      });
    const added = asMessages(await insertMessages(tx, rows));
    const waiting = !faq;
    const conversation = await updateConversation(tx, id, {
      lastMessageAt: now,
      lastMessagePreview: previewOf(added.at(-1)!),
      staffUnread: plus(conversations.staffUnread, 1),
      ...(faq ? { userUnread: plus(conversations.userUnread, 1) } : {}),
      needsHuman: row.needsHuman || waiting,
      waitingSince: waiting ? (row.waitingSince ?? now) : row.waitingSince,
    });
    return { conversation, added };
  });
  await publishChange(deps.database, conversation, added);
  return { conversation: conversationView(conversation), messages: added.map(messageView) };
}

/** 转人工: the conversation joins the staff queue; off duty, the shopper is told when someone answers. */
export async function requestHuman(deps: AppDeps, userId: number, id: number) {
  const now = deps.now();
  const notice = await offHoursNotice(deps);
  const { conversation, added } = await inTransaction(deps.db, async (tx) => {
    const row = await ownConversation(tx, userId, id, true);
    if (row.status !== "open")
      throw new AppError("CONVERSATION_CLOSED", "This conversation is closed; open a new one");
    if (row.needsHuman && row.waitingSince) return { conversation: row, added: [] };
    const body = notice ?? "正在为您转接人工客服，请稍候。";
    const added = asMessages(
      await insertMessages(tx, [{ conversationId: id, sender: "system", body, createdAt: now }]),
    );
    const conversation = await updateConversation(tx, id, {
      needsHuman: true,
      waitingSince: row.waitingSince ?? now,
      lastMessageAt: now,
      lastMessagePreview: "[转人工]",
    });
    return { conversation, added };
  });
  await publishChange(deps.database, conversation, added);
  return { conversation: conversationView(conversation), messages: added.map(messageView) };
}

export async function getShopperConversation(deps: AppDeps, userId: number, id: number) {
  return withMessages(deps, await ownConversation(deps.db, userId, id, false));
}

export async function listShopperMessages(
  deps: AppDeps,
  userId: number,
  id: number,
  q: { after?: number | undefined; before?: number | undefined; limit: number },
) {
  await ownConversation(deps.db, userId, id, false);
  return { items: (await listMessages(deps.db, id, q)).map(messageView) };
}

export async function markReadByShopper(deps: AppDeps, userId: number, id: number) {
  const conversation = await inTransaction(deps.db, async (tx) => {
    const row = await ownConversation(tx, userId, id, true);
    return row.userUnread === 0 ? row : updateConversation(tx, id, { userUnread: 0 });
  });
  await publishChange(deps.database, conversation);
  return conversationView(conversation);
}

export async function listShopperConversations(
  deps: AppDeps,
  userId: number,
  q: { cursor?: number | undefined; limit: number },
) {
  const rows = await listUserConversations(deps.db, userId, { ...q, limit: q.limit + 1 });
  const items = rows.slice(0, q.limit).map(conversationView);
  return { items, nextCursor: rows.length > q.limit ? (items.at(-1)?.id ?? null) : null };
}

export async function shopperUnread(deps: AppDeps, userId: number) {
  return { unread: await sumUserUnread(deps.db, userId) };
}

/** Checks a shopper may watch a conversation (its live stream); answers the row. */
export async function watchableByShopper(deps: AppDeps, userId: number, id: number) {
  return ownConversation(deps.db, userId, id, false);
}
