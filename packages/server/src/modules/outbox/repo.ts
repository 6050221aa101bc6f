// Outbox rows: insert in the caller's transaction, claim a due batch (SKIP LOCKED, leased), settle each.
import { and, asc, eq, inArray, isNull, lte, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { outbox } from "../../db/schema/outbox.ts";
import { insertRows } from "../../db/statement.ts";

export type OutboxRow = typeof outbox.$inferSelect;

export async function insertOutbox(db: Executor, rows: { topic: string; payload: unknown; at: Date }[]) {
  if (rows.length === 0) return;
  await insertRows(
    db,
    outbox,
    rows.map((r) => ({ topic: r.topic, payload: r.payload, createdAt: r.at, nextAttemptAt: r.at })),
  );
}

/**
 * Claims up to `limit` undelivered rows due at `now`, oldest first: rows another deliverer holds are
 * skipped, and each claimed row is leased (not due again before `leaseUntil`) with one more attempt counted.
 */
export async function claimDueOutbox(
  db: Executor,
  now: Date,
  leaseUntil: Date,
  limit: number,
): Promise<OutboxRow[]> {
  const due = db
    .select({ id: outbox.id })
    .from(outbox)
    .where(and(isNull(outbox.deliveredAt), lte(outbox.nextAttemptAt, now)))
    .orderBy(asc(outbox.nextAttemptAt), asc(outbox.id))
    .limit(limit)
    .for("update", { skipLocked: true });
  const rows = await db
    .update(outbox)
    .set({ attempts: sql`${outbox.attempts} + 1`, nextAttemptAt: leaseUntil })
    .where(inArray(outbox.id, due))
    .returning();
  return rows.sort((a, b) => a.id - b.id);
}

export async function markOutboxDelivered(db: Executor, ids: number[], at: Date) {
  if (ids.length === 0) return;
  await db.update(outbox).set({ deliveredAt: at, lastError: null }).where(inArray(outbox.id, ids));
}

export async function markOutboxFailed(db: Executor, id: number, error: string, retryAt: Date) {
  await db
    .update(outbox)
    .set({ lastError: error.slice(0, 2000), nextAttemptAt: retryAt })
    .where(and(eq(outbox.id, id), isNull(outbox.deliveredAt)));
}
