// The staff side of 在线客服 (service.reply): the queue (unassigned / mine / all, longest waiting first), a
// conversation with its context card, claim, reply (claims an unassigned one), transfer, close, read,
// history search and quick replies.

import type { Db } from "../../db/client.ts";
import { inTransaction } from "../../db/transaction.ts";
import type { AppDeps } from "../../deps.ts";
import { AppError, notFound } from "../../errors/app-error.ts";
import { roleHas } from "../../http/permissions.ts";
import type { StaffPrincipal } from "../../http/types.ts";
import { findAfterSaleOwner, findOrderCard, findProductBrief, findRecentOrders } from "./context-repo.ts";
import { publishChange } from "./publish.ts";
import { writeStaffReply } from "./reply-repo.ts";
import {
  type ConversationRow,
  countQueue,
  deleteQuickReply,
  findActiveStaff,
  findQueueRow,
  findStaffNames,
  insertMessages,
  insertQuickReply,
  listActiveStaff,
  listMessages,
  listQueue,
  listQuickReplies,
  lockConversation,
  type QueueView,
  searchMessages,
  updateConversation,
} from "./repo.ts";
import { checkUploadedImage } from "./uploaded-image.ts";
import { messageView, previewOf, staffConversationView } from "./views.ts";

export async function listDeskQueue(
  deps: AppDeps,
  me: StaffPrincipal,
  q: { view: QueueView; status: "open" | "closed"; cursor?: number | undefined; limit: number },
) {
  const rows = await listQueue(deps.db, { ...q, staffId: me.id, limit: q.limit + 1 });
  const page = rows.slice(0, q.limit);
  const names = await findStaffNames(deps.db, [
    ...new Set(page.flatMap((r) => r.conversation.assignedStaffId ?? [])),
  ]);
  const now = deps.now();
  return {
    items: page.map((r) => staffConversationView(r, names, now)),
    nextCursor: rows.length > q.limit ? (page.at(-1)?.conversation.id ?? null) : null,
    counts: await countQueue(deps.db, me.id),
  };
}

async function deskRow(deps: AppDeps, id: number) {
  const row = await findQueueRow(deps.db, id);
  if (!row) throw notFound("Conversation", { id });
  const names = await findStaffNames(
    deps.db,
    row.conversation.assignedStaffId ? [row.conversation.assignedStaffId] : [],
  );
  return staffConversationView(row, names, deps.now());
}

async function contextCard(db: Db, c: ConversationRow) {
  const orderId =
    c.contextKind === "order"
      ? c.contextId
      : c.contextKind === "after_sale" && c.contextId
        ? ((await findAfterSaleOwner(db, c.contextId))?.orderId ?? null)
        : null;
  return {
    kind: c.contextKind,
    product: c.contextKind === "product" && c.contextId ? await findProductBrief(db, c.contextId) : null,
    order: orderId ? await findOrderCard(db, orderId) : null,
    afterSaleId: c.contextKind === "after_sale" ? c.contextId : null,
    recentOrders: await findRecentOrders(db, c.userId),
  };
}

export async function getDeskConversation(deps: AppDeps, id: number) {
  const conversation = await deskRow(deps, id);
  const messages = await listMessages(deps.db, id, { limit: 50 });
  return {
    conversation,
    messages: messages.map(messageView),
    context: await contextCard(deps.db, (await findQueueRow(deps.db, id))!.conversation),
  };
}

export async function listDeskMessages(
  deps: AppDeps,
  id: number,
  q: { after?: number | undefined; before?: number | undefined; limit: number },
) {
  await deskRow(deps, id);
  return { items: (await listMessages(deps.db, id, q)).map(messageView) };
}

async function lockOpen(tx: Parameters<typeof lockConversation>[0], id: number) {
  const row = await lockConversation(tx, id);
  if (!row) throw notFound("Conversation", { id });
  if (row.status !== "open") throw new AppError("CONVERSATION_CLOSED", "This conversation is closed");
  return row;
}

/** Takes an unassigned conversation; one another staff member holds is refused (transfer hands it over). */
export async function claimConversation(deps: AppDeps, me: StaffPrincipal, id: number) {
  const conversation = await inTransaction(deps.db, async (tx) => {
    const row = await lockOpen(tx, id);
    if (row.assignedStaffId === me.id) return row;
    if (row.assignedStaffId !== null) {
      throw new AppError("CONVERSATION_TAKEN", "Another staff member handles this conversation", {
        assignedStaffId: row.assignedStaffId,
      });
    }
    return updateConversation(tx, id, { assignedStaffId: me.id, needsHuman: true });
  });
  await publishChange(deps.database, conversation);
  return deskRow(deps, id);
}

export async function transferConversation(deps: AppDeps, me: StaffPrincipal, id: number, toStaffId: number) {
  const target = await findActiveStaff(deps.db, toStaffId);
  if (!target) throw notFound("Staff member", { id: toStaffId });
  if (!roleHas(target.role, "service.reply")) {
    throw new AppError("STAFF_CANNOT_SERVE", `${target.name} may not answer customers`, {
      role: target.role,
    });
  }
  const now = deps.now();
  const { conversation, added } = await inTransaction(deps.db, async (tx) => {
    await lockOpen(tx, id);
    const added = await insertMessages(tx, [
      { conversationId: id, sender: "system", body: `已为您转接客服 ${target.name}`, createdAt: now },
    ]);
    const conversation = await updateConversation(tx, id, {
      assignedStaffId: target.id,
      needsHuman: true,
      lastMessageAt: now,
      lastMessagePreview: "[转接]",
    });
    return { conversation, added: added.map((m) => ({ ...m, senderName: null })) };
  });
  void me;
  await publishChange(deps.database, conversation, added);
  return deskRow(deps, id);
}

export async function replyAsStaff(
  deps: AppDeps,
  me: StaffPrincipal,
  id: number,
  input: { text?: string | undefined; imageUrl?: string | undefined },
) {
  checkUploadedImage(deps, input.imageUrl);
  const now = deps.now();
  const body = input.text ?? "";
  const imageUrl = input.imageUrl ?? null;
  const reply = await writeStaffReply(deps.db, {
    conversationId: id,
    staffId: me.id,
    body,
    imageUrl,
    at: now,
    preview: previewOf({ body, imageUrl }),
    // the message centre hears of the first answer the shopper has not read, not of every line after it
    notice: { kind: "service_reply", title: "客服回复了您", link: "/service" },
  });
  if (!reply) throw notFound("Conversation", { id });
  if (reply.wasStatus !== "open") throw new AppError("CONVERSATION_CLOSED", "This conversation is closed");
  const { conversation, message } = reply;
  if (!conversation || !message) {
    throw new AppError("CONVERSATION_TAKEN", "Another staff member handles this conversation", {
      assignedStaffId: reply.wasAssignedStaffId,
    });
  }
  const added = [{ ...message, senderName: me.name }];
  await publishChange(deps.database, conversation, added);
  // the desk's view of it from the same statement: the replier now holds it
  const view = staffConversationView(
    { conversation, userNickname: reply.userNickname, userPhone: reply.userPhone },
    new Map([[me.id, me.name]]),
    now,
  );
  return { conversation: view, messages: added.map(messageView) };
}

export async function closeConversation(deps: AppDeps, id: number) {
  const now = deps.now();
  const { conversation, added } = await inTransaction(deps.db, async (tx) => {
    await lockOpen(tx, id);
    const added = await insertMessages(tx, [
      {
        conversationId: id,
        sender: "system",
        body: "本次会话已结束，如有问题可随时再次咨询。",
        createdAt: now,
      },
    ]);
    const conversation = await updateConversation(tx, id, {
      status: "closed",
      closedAt: now,
      waitingSince: null,
      staffUnread: 0,
      lastMessageAt: now,
      lastMessagePreview: "[已结束]",
    });
    return { conversation, added: added.map((m) => ({ ...m, senderName: null })) };
  });
  await publishChange(deps.database, conversation, added);
  return deskRow(deps, id);
}

export async function markReadByStaff(deps: AppDeps, id: number) {
  const conversation = await inTransaction(deps.db, async (tx) => {
    const row = await lockConversation(tx, id);
    if (!row) throw notFound("Conversation", { id });
    return row.staffUnread === 0 ? row : updateConversation(tx, id, { staffUnread: 0 });
  });
  await publishChange(deps.database, conversation);
  return deskRow(deps, id);
}

export async function searchHistory(deps: AppDeps, q: string, limit: number) {
  const rows = await searchMessages(deps.db, q, limit);
  return { items: rows.map((r) => ({ ...messageView(r), userNickname: r.userNickname })) };
}

export async function listDeskStaff(deps: AppDeps) {
  const rows = await listActiveStaff(deps.db);
  return { items: rows.filter((r) => roleHas(r.role, "service.reply")) };
}

export async function getQuickReplies(deps: AppDeps) {
  return { items: await listQuickReplies(deps.db) };
}

export async function addQuickReply(deps: AppDeps, input: { title: string; body: string }) {
  return insertQuickReply(deps.db, { ...input, createdAt: deps.now() });
}

export async function removeQuickReply(deps: AppDeps, id: number) {
  if (!(await deleteQuickReply(deps.db, id))) throw notFound("Quick reply", { id });
}
