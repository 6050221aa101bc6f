// The message centre: write notices (each once per cause), list them newest first, count and mark unread.
import { and, count, desc, eq, inArray, isNull, lt } from "drizzle-orm";
import type { Db, Executor } from "../../db/client.ts";
import { notifications } from "../../db/schema/notifications.ts";
import { insertRows } from "../../db/statement.ts";

export type Notice = {
  userId: number;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  sourceKey: string;
};

/** Writes the notices; one whose cause was already written (a redelivery) is skipped. */
export async function notify(db: Executor, notices: Notice[], at: Date): Promise<void> {
  if (notices.length === 0) return;
  await insertRows(
    db,
    notifications,
    notices.map((n) => ({ ...n, createdAt: at })),
    "on conflict do nothing",
  );
}

export async function listNotifications(
  db: Db,
  userId: number,
  q: { cursor?: number | undefined; limit: number },
) {
  const rows = await db
    .select({
      id: notifications.id,
      kind: notifications.kind,
      title: notifications.title,
      body: notifications.body,
      link: notifications.link,
      readAt: notifications.readAt,
      createdAt: notifications.createdAt,
    })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), q.cursor ? lt(notifications.id, q.cursor) : undefined))
    .orderBy(desc(notifications.id))
    .limit(q.limit + 1);
  const items = rows.slice(0, q.limit);
  return { items, nextCursor: rows.length > q.limit ? (items.at(-1)?.id ?? null) : null };
}

export async function unreadNotifications(db: Db, userId: number) {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return { unread: Number(row?.n ?? 0) };
}

/** Marks the given notices (or all) of this shopper read; others' ids are simply not theirs to mark. */
export async function markNotificationsRead(db: Db, userId: number, ids: number[] | undefined, at: Date) {
  await db
    .update(notifications)
    .set({ readAt: at })
    .where(
      and(
        eq(notifications.userId, userId),
        isNull(notifications.readAt),
        ids ? inArray(notifications.id, ids) : undefined,
      ),
    );
  return unreadNotifications(db, userId);
}
