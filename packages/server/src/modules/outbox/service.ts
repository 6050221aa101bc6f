// The outbox: effects that move no money leave the money path here. enqueueOutbox writes a message in the
// use case's own transaction (a rollback leaves none); deliverOutbox hands committed messages to their
// handlers after commit — each once per success, failures retried with backoff, any number of deliverers.
import type { Db, Tx } from "../../db/client.ts";
import { inTransaction } from "../../db/transaction.ts";
import { claimDueOutbox, insertOutbox, markOutboxDelivered, markOutboxFailed } from "./repo.ts";
import type { OutboxHandlers, OutboxMessage, OutboxTopic } from "./topics.ts";

export type { OutboxHandlers, OutboxMessage, OutboxMessages, OutboxTopic } from "./topics.ts";

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
 * The claim commits before any handler runs (no transaction waits on a handler's I/O), and its lease
 * keeps every other deliverer off the row; a crash mid-handler delivers the row again after the lease.
 */
export async function deliverOutbox(
  db: Db,
  handlers: OutboxHandlers,
  options: { now: Date; batchSize?: number },
): Promise<number> {
  const batchSize = options.batchSize ?? 100;
  const { now } = options;
  let delivered = 0;
  for (;;) {
    const claimed = await inTransaction(db, (tx) =>
      claimDueOutbox(tx, now, new Date(now.getTime() + LEASE_MS), batchSize),
    );
    const done: number[] = [];
    for (const row of claimed) {
      const handler = handlers[row.topic as OutboxTopic] as
        | ((payload: unknown, delivery: { id: number; attempts: number }) => Promise<void>)
        | undefined;
      try {
        if (handler) await handler(row.payload, { id: row.id, attempts: row.attempts });
        done.push(row.id);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        await markOutboxFailed(db, row.id, message, new Date(now.getTime() + outboxBackoffMs(row.attempts)));
      }
    }
    await markOutboxDelivered(db, done, now);
    delivered += done.length;
    if (claimed.length < batchSize) return delivered;
  }
}
