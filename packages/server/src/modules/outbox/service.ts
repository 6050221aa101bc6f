// The outbox: effects that move no money leave the money path here. enqueueOutbox writes a message in the
// use case's own transaction (a rollback leaves none); deliverOutbox hands committed messages to their
// handlers after commit — each once per success, failures retried with backoff, any number of deliverers.
import type { Db, Executor, Tx } from "../../db/client.ts";
import { inTransaction } from "../../db/transaction.ts";
import { claimDueOutbox, insertOutbox, markOutboxDelivered, markOutboxFailed } from "./repo.ts";
import type { OutboxDelivery, OutboxHandlers, OutboxMessage, OutboxTopic } from "./topics.ts";

export type { OutboxDelivery, OutboxHandlers, OutboxMessage, OutboxMessages, OutboxTopic } from "./topics.ts";

/** Writes the messages in `tx` (one statement), each due at its `at` (the use case's clock). */
export async function enqueueOutbox(tx: Tx, ...messages: (OutboxMessage & { at: Date })[]): Promise<void> {
  await insertOutbox(tx, messages);
}

/** How long a claimed row is not offered again: longer than any handler should take. */
const LEASE_MS = 60_000;
const MAX_BACKOFF_MS = 3_600_000;

/** 2 s, 4 s, 8 s … after each failed attempt, at most an hour. */
export function outboxBackoffMs(attempts: number): number {
  return Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.max(1, attempts));
}

/**
 * Delivers due messages in batches until a batch comes back short; returns how many were delivered.
 * The claim commits before any handler runs, and its lease keeps every other deliverer off the row; a
 * crash mid-batch delivers its rows again after the lease (handlers write once per delivery id).
 *
 * A batch's handlers write in one transaction, with the rows marked delivered in it: one commit per batch,
 * not one per handler statement (a paid order's tracking and notice were ~7 commits, more than the
 * checkout's own 3). A handler that fails rolls that transaction back; it is marked failed (tried again
 * after a backoff), and the batch's other messages are delivered one at a time, so it holds none back.
 */
export async function deliverOutbox(
  db: Db,
  handlers: OutboxHandlers,
  options: { now: Date; batchSize?: number },
): Promise<number> {
  const batchSize = options.batchSize ?? 100;
  const { now } = options;
  const failed = (row: ClaimedRow, error: unknown) =>
    markOutboxFailed(
      db,
      row.id,
      error instanceof Error ? error.message : String(error),
      new Date(now.getTime() + outboxBackoffMs(row.attempts)),
    );
  let delivered = 0;
  for (;;) {
    const claimed = await inTransaction(db, (tx) =>
      claimDueOutbox(tx, now, new Date(now.getTime() + LEASE_MS), batchSize),
    );
    // the handler that failed the batch's transaction, if one did
    const failure: { row?: ClaimedRow; error?: unknown } = {};
    try {
      await inTransaction(db, async (tx) => {
        for (const row of claimed) {
          try {
            await handle(handlers, row, tx);
          } catch (error) {
            Object.assign(failure, { row, error });
            throw error;
          }
        }
        await markOutboxDelivered(
          tx,
          claimed.map((row) => row.id),
          now,
        );
      });
      delivered += claimed.length;
    } catch (error) {
      if (!failure.row) throw error;
      await failed(failure.row, failure.error);
      const done: number[] = [];
      for (const row of claimed) {
        if (row === failure.row) continue;
        try {
          await handle(handlers, row, db);
          done.push(row.id);
        } catch (one) {
          await failed(row, one);
        }
      }
      await markOutboxDelivered(db, done, now);
      delivered += done.length;
    }
    if (claimed.length < batchSize) return delivered;
  }
}

type ClaimedRow = Awaited<ReturnType<typeof claimDueOutbox>>[number];

/** Runs the row's topic handler (none: nothing to do), writing through `db`. */
async function handle(handlers: OutboxHandlers, row: ClaimedRow, db: Executor): Promise<void> {
  const handler = handlers[row.topic as OutboxTopic] as
    | ((payload: unknown, delivery: OutboxDelivery) => Promise<void>)
    | undefined;
  if (handler) await handler(row.payload, { id: row.id, attempts: row.attempts, db });
}
