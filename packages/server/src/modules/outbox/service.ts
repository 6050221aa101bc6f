// The outbox: effects that move no money leave the money path here. enqueueOutbox writes a message in the
// use case's own transaction (a rollback leaves none); deliverOutbox hands committed messages to their
// handlers after commit — each once per success, failures retried with backoff, any number of deliverers.
import type { Db, Executor, Tx } from "../../db/client.ts";
import { inTransaction } from "../../db/transaction.ts";
import {
  insertOutbox,
  lockDueOutbox,
  markOutboxDelivered,
  markOutboxFailed,
  type OutboxRow,
} from "./repo.ts";
import type { OutboxDelivery, OutboxHandlers, OutboxMessage, OutboxTopic } from "./topics.ts";

export {
  eachMessage,
  type OutboxDelivery,
  type OutboxHandlers,
  type OutboxMessage,
  type OutboxMessages,
  type OutboxTopic,
} from "./topics.ts";

/** Writes the messages in `tx` (one statement), each due at its `at` (the use case's clock). */
export async function enqueueOutbox(tx: Tx, ...messages: (OutboxMessage & { at: Date })[]): Promise<void> {
  await insertOutbox(tx, messages);
}

const MAX_BACKOFF_MS = 3_600_000;

/** 2 s, 4 s, 8 s … after each failed attempt, at most an hour. */
export function outboxBackoffMs(attempts: number): number {
  return Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.max(1, attempts));
}

/**
 * Delivers due messages in batches until a batch comes back short; returns how many were delivered.
 *
 * A batch is one transaction: its rows are locked (SKIP LOCKED keeps every other deliverer off them), each
 * topic's handler gets all of the batch's messages of that topic, and the rows are marked delivered, so a
 * hot topic costs a few statements per batch, not per message. A crash mid-batch leaves nothing written
 * and the rows due at once (handlers write once per delivery id). If a handler fails, the batch rolls back
 * and each message is delivered alone: a failing one is marked failed (tried again after a backoff) and
 * holds none of the others back.
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
    let batch: OutboxRow[] = [];
    const failure = await inTransaction(db, async (tx) => {
      batch = await lockDueOutbox(tx, now, batchSize);
      await deliverIn(tx, handlers, batch, now);
    }).then(
      () => null,
      (error: unknown) => ({ error }),
    );
    if (!failure) delivered += batch.length;
    // the lock itself failed: nothing was handed on
    else if (batch.length === 0) throw failure.error;
    else if (batch.length === 1) await markFailed(db, batch[0]!, failure.error, now);
    // which message failed is not known: each alone (so the failing one's handler runs twice this time)
    else for (const row of batch) delivered += await deliverAlone(db, handlers, row, now);
    if (batch.length < batchSize) return delivered;
  }
}

/** One message in its own transaction (1), unless another deliverer has it or has delivered it (0). */
async function deliverAlone(db: Db, handlers: OutboxHandlers, row: OutboxRow, now: Date): Promise<number> {
  try {
    return await inTransaction(db, async (tx) => {
      const locked = await lockDueOutbox(tx, now, 1, [row.id]);
      await deliverIn(tx, handlers, locked, now);
      return locked.length;
    });
  } catch (error) {
    await markFailed(db, row, error, now);
    return 0;
  }
}

function markFailed(db: Db, row: OutboxRow, error: unknown, now: Date) {
  return markOutboxFailed(
    db,
    row.id,
    error instanceof Error ? error.message : String(error),
    new Date(now.getTime() + outboxBackoffMs(row.attempts + 1)),
  );
}

/** Runs each topic's handler on its rows, and marks them delivered, in `tx`. */
async function deliverIn(tx: Executor, handlers: OutboxHandlers, rows: OutboxRow[], now: Date) {
  if (rows.length === 0) return;
  const byTopic = new Map<string, OutboxDelivery[]>();
  for (const row of rows) {
    const list = byTopic.get(row.topic) ?? [];
    list.push({ id: row.id, attempts: row.attempts, payload: row.payload as OutboxDelivery["payload"] });
    byTopic.set(row.topic, list);
  }
  for (const [topic, messages] of byTopic) {
    const handler = handlers[topic as OutboxTopic] as
      | ((messages: OutboxDelivery[], db: Executor) => Promise<void>)
      | undefined;
    if (handler) await handler(messages, tx);
  }
  await markOutboxDelivered(
    tx,
    rows.map((row) => row.id),
    now,
  );
}
