// Outbox rows: insert in the caller's transaction; a deliverer locks a due batch (SKIP LOCKED) in its own
// transaction and settles each row there. Every statement's text is fixed (ids travel as one array), so
// each stays one prepared statement: a list spelled out per id made a new statement, parsed and planned
// anew, for every batch size.
import { and, asc, eq, isNull, lte, sql } from "drizzle-orm";
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
 * Locks up to `limit` undelivered rows due at `now`, oldest first, until `db`'s transaction ends: rows
 * another deliverer holds are skipped, and a row that deliverer marked delivered meanwhile is re-read
 * and left out. Only `ids` (when given) are considered.
 */
export async function lockDueOutbox(
  db: Executor,
  now: Date,
  limit: number,
  ids?: number[],
): Promise<OutboxRow[]> {
  return db
    .select()
    .from(outbox)
    .where(
      and(
        isNull(outbox.deliveredAt),
        lte(outbox.nextAttemptAt, now),
        ids ? sql`${outbox.id} = any(${sql.param(ids)}::bigint[])` : undefined,
      ),
    )
    .orderBy(asc(outbox.nextAttemptAt), asc(outbox.id))
    .limit(limit)
    .for("update", { skipLocked: true });
}

/** Marks the rows delivered, each tried once more. */
export async function markOutboxDelivered(db: Executor, ids: number[], at: Date) {
  if (ids.length === 0) return;
  await db
    .update(outbox)
    .set({ deliveredAt: at, lastError: null, attempts: sql`${outbox.attempts} + 1` })
    .where(sql`${outbox.id} = any(${sql.param(ids)}::bigint[])`);
}

/** Records a failed try: its error, one more attempt, and when to try again. */
export async function markOutboxFailed(db: Executor, id: number, error: string, retryAt: Date) {
  await db
    .update(outbox)
    .set({
      lastError: error.slice(0, 2000),
      nextAttemptAt: retryAt,
      attempts: sql`${outbox.attempts} + 1`,
    })
    .where(and(eq(outbox.id, id), isNull(outbox.deliveredAt)));
}
