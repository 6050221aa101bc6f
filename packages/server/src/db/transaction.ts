// Every use case runs through this helper. On PGlite, Drizzle's transaction() takes PGlite's
// exclusive lock, so concurrent requests never see or roll back one another's writes.
// `beforeCommit` lets a use case write rows many transactions touch (shop-wide ledger balances, a popular
// product's sales count) as its LAST statements, so their row locks are held for the commit alone.
import type { Db, Executor, Tx } from "./client.ts";
import { isRetryableConflict } from "./errors.ts";

type Finisher = () => Promise<void>;
const finishers = new WeakMap<Tx, Map<string, Finisher>>();

/**
 * Runs `work` in one transaction. A serialization failure or deadlock (PostgreSQL only) rolled everything
 * back, so it is run once more; a second failure reaches the error handler as 503 SERVICE_BUSY.
 */
export async function inTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await runTransaction(db, work);
  } catch (error) {
    if (!isRetryableConflict(error)) throw error;
    return runTransaction(db, work);
  }
}

async function runTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    const queue = new Map<string, Finisher>();
    finishers.set(tx, queue);
    const result = await work(tx);
    // A finisher may queue another (a flush that posts more); run until none is left, in queue order.
    while (queue.size > 0) {
      const [key, finish] = queue.entries().next().value!;
      queue.delete(key);
      await finish();
    }
    return result;
  });
}

/**
 * Runs `finish` at the end of `tx`, after the use case's work and just before COMMIT. One finisher per
 * key: registering a key again keeps the first (the finisher reads what was queued by then). Throws when
 * `tx` was not opened by inTransaction, so queued writes can never be silently dropped.
 */
export function beforeCommit(tx: Tx, key: string, finish: Finisher): void {
  const queue = finishers.get(tx);
  if (!queue) throw new Error("beforeCommit needs a transaction opened by inTransaction");
  if (!queue.has(key)) queue.set(key, finish);
}

export type { Db, Executor, Tx };
