// Conversation and message queries: the shopper's open conversation, the staff queue, messages after or
// before an id, the sending-rate count, and history search.
import { and, asc, count, desc, eq, gt, gte, ilike, isNull, lt, or, type SQL, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { staff, users } from "../../db/schema/accounts.ts";
import { conversationMessages, conversations, quickReplies } from "../../db/schema/service.ts";

export type ConversationRow = typeof conversations.$inferSelect;
export type MessageRow = typeof conversationMessages.$inferSelect & { senderName: string | null };
export type NewMessage = typeof conversationMessages.$inferInsert;

export async function findConversation(db: Executor, id: number): Promise<ConversationRow | undefined> {
  const [row] = await db.select().from(conversations).where(eq(conversations.id, id));
  return row;
}

export async function lockConversation(db: Executor, id: number): Promise<ConversationRow | undefined> {
  const [row] = await db.select().from(conversations).where(eq(conversations.id, id)).for("update");
  return row;
}

export async function findOpenConversation(
  db: Executor,
  userId: number,
): Promise<ConversationRow | undefined> {
  const [row] = await db
    .select()
    .from(conversations)
    .where(and(eq(conversations.userId, userId), eq(conversations.status, "open")))
    .for("update");
  return row;
}

/** Inserts the shopper's open conversation unless one exists (the partial unique index decides a race). */
export async function insertOpenConversation(db: Executor, userId: number, now: Date): Promise<void> {
  await db
    .insert(conversations)
    .values({ userId, status: "open", lastMessageAt: now, createdAt: now })
    .onConflictDoNothing();
}

export async function updateConversation(
  db: Executor,
  id: number,
  patch: Partial<Omit<ConversationRow, "id" | "userId" | "userUnread" | "staffUnread">> & {
    userUnread?: number | SQL;
    staffUnread?: number | SQL;
  },
): Promise<ConversationRow> {
  const [row] = await db.update(conversations).set(patch).where(eq(conversations.id, id)).returning();
  return row!;
}

/** `unread + n` in SQL, so concurrent bumps add up. */
export const plus = (column: typeof conversations.userUnread | typeof conversations.staffUnread, n: number) =>
  sql`${column} + ${n}`;

export async function insertMessages(db: Executor, rows: NewMessage[]) {
  return db.insert(conversationMessages).values(rows).returning();
}

const messageColumns = {
  id: conversationMessages.id,
  conversationId: conversationMessages.conversationId,
  sender: conversationMessages.sender,
  senderId: conversationMessages.senderId,
  body: conversationMessages.body,
  imageUrl: conversationMessages.imageUrl,
  faqEntryId: conversationMessages.faqEntryId,
  contextKind: conversationMessages.contextKind,
  contextId: conversationMessages.contextId,
  createdAt: conversationMessages.createdAt,
  senderName: staff.name,
};

const staffSender = and(
  eq(conversationMessages.sender, "staff"),
  eq(staff.id, conversationMessages.senderId),
);

export async function listMessages(
  db: Executor,
  conversationId: number,
  q: { after?: number | undefined; before?: number | undefined; limit: number },
): Promise<MessageRow[]> {
  const where = [eq(conversationMessages.conversationId, conversationId)];
  if (q.after !== undefined) where.push(gt(conversationMessages.id, q.after));
  if (q.before !== undefined) where.push(lt(conversationMessages.id, q.before));
  const query = db
    .select(messageColumns)
    .from(conversationMessages)
    .leftJoin(staff, staffSender)
    .where(and(...where))
    .limit(q.limit);
  // after an id: the next ones in order; otherwise the latest page, turned back into reading order
  if (q.after !== undefined) return query.orderBy(asc(conversationMessages.id));
  const rows = await query.orderBy(desc(conversationMessages.id));
  return rows.reverse();
}

/** How many messages the shopper sent since `since` (the sending limit). */
export async function countUserMessagesSince(db: Executor, userId: number, since: Date): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(conversationMessages)
    .where(
      and(
        eq(conversationMessages.sender, "user"),
        eq(conversationMessages.senderId, userId),
        gte(conversationMessages.createdAt, since),
      ),
    );
  return row?.n ?? 0;
}

export async function listUserConversations(
  db: Executor,
  userId: number,
  q: { cursor?: number | undefined; limit: number },
) {
  return db
    .select()
    .from(conversations)
    .where(and(eq(conversations.userId, userId), q.cursor ? lt(conversations.id, q.cursor) : undefined))
    .orderBy(desc(conversations.id))
    .limit(q.limit);
}

export async function sumUserUnread(db: Executor, userId: number): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`coalesce(sum(${conversations.userUnread}), 0)::int` })
    .from(conversations)
    .where(eq(conversations.userId, userId));
  return Number(row?.n ?? 0);
}

const queueColumns = {
  conversation: conversations,
  userNickname: users.nickname,
  userPhone: users.phone,
};

export type QueueView = "unassigned" | "mine" | "all";

function queueFilter(view: QueueView, staffId: number): SQL | undefined {
  if (view === "unassigned")
    return and(isNull(conversations.assignedStaffId), eq(conversations.needsHuman, true));
  if (view === "mine") return eq(conversations.assignedStaffId, staffId);
  return undefined;
}

/** The staff queue: longest waiting first, then the most recently active. */
export async function listQueue(
  db: Executor,
  q: {
    view: QueueView;
    status: "open" | "closed";
    staffId: number;
    cursor?: number | undefined;
    limit: number;
  },
) {
  const rows = await db
    .select(queueColumns)
    .from(conversations)
    .innerJoin(users, eq(users.id, conversations.userId))
    .where(
      and(
        eq(conversations.status, q.status),
        queueFilter(q.view, q.staffId),
        q.cursor ? lt(conversations.id, q.cursor) : undefined,
      ),
    )
    .orderBy(sql`${conversations.waitingSince} asc nulls last`, desc(conversations.id))
    .limit(q.limit);
  return rows;
}

export async function countQueue(db: Executor, staffId: number) {
  const [row] = await db
    .select({
      all: count(),
      unassigned: sql<number>`count(*) filter (where ${conversations.assignedStaffId} is null and ${conversations.needsHuman})::int`,
      mine: sql<number>`count(*) filter (where ${conversations.assignedStaffId} = ${staffId})::int`,
      staffUnread: sql<number>`coalesce(sum(${conversations.staffUnread}), 0)::int`,
    })
    .from(conversations)
    .where(eq(conversations.status, "open"));
  return {
    all: Number(row?.all ?? 0),
    unassigned: Number(row?.unassigned ?? 0),
    mine: Number(row?.mine ?? 0),
    staffUnread: Number(row?.staffUnread ?? 0),
  };
}

export async function findQueueRow(db: Executor, conversationId: number) {
  const [row] = await db
    .select(queueColumns)
    .from(conversations)
    .innerJoin(users, eq(users.id, conversations.userId))
    .where(eq(conversations.id, conversationId));
  return row;
}

export async function findStaffNames(db: Executor, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: staff.id, name: staff.name })
    .from(staff)
    .where(sql`${staff.id} in ${ids}`);
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function findActiveStaff(db: Executor, id: number) {
  const [row] = await db
    .select({ id: staff.id, name: staff.name, role: staff.role })
    .from(staff)
    .where(and(eq(staff.id, id), eq(staff.disabled, false)));
  return row;
}

export async function listActiveStaff(db: Executor) {
  return db
    .select({ id: staff.id, name: staff.name, role: staff.role })
    .from(staff)
    .where(eq(staff.disabled, false))
    .orderBy(asc(staff.id));
}

/** Staff history search: message text containing the words (wildcards in them are matched literally). */
export async function searchMessages(db: Executor, q: string, limit: number) {
  const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return db
    .select({ ...messageColumns, userNickname: users.nickname })
    .from(conversationMessages)
    .innerJoin(conversations, eq(conversations.id, conversationMessages.conversationId))
    .innerJoin(users, eq(users.id, conversations.userId))
    .leftJoin(staff, staffSender)
    .where(or(ilike(conversationMessages.body, pattern)))
    .orderBy(desc(conversationMessages.id))
    .limit(limit);
}

export async function listQuickReplies(db: Executor) {
  return db
    .select({ id: quickReplies.id, title: quickReplies.title, body: quickReplies.body })
    .from(quickReplies)
    .orderBy(asc(quickReplies.id));
}

export async function insertQuickReply(db: Executor, row: { title: string; body: string; createdAt: Date }) {
  const [created] = await db
    .insert(quickReplies)
    .values(row)
    .returning({ id: quickReplies.id, title: quickReplies.title, body: quickReplies.body });
  return created!;
}

export async function deleteQuickReply(db: Executor, id: number): Promise<boolean> {
  const rows = await db
    .delete(quickReplies)
    .where(eq(quickReplies.id, id))
    .returning({ id: quickReplies.id });
  return rows.length > 0;
}
