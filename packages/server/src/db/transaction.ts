// Every use case runs through this helper. On PGlite, Drizzle's transaction() takes PGlite's
// exclusive lock, so concurrent requests never see or roll back one another's writes.
// Nothing runs behind a use case's back before COMMIT: a money event writes its rows in a fixed order and
// posts its ledger lines last, itself, so shared rows stay locked for the commit alone.
import type { Db, Executor, Tx } from "./client.ts";
import { isRetryableConflict } from "./errors.ts";

/**
 * Runs `work` in one transaction. A serialization failure or deadlock (PostgreSQL only) rolled everything
 * back, so it is run once more; a second failure reaches the error handler as 503 SERVICE_BUSY.
 */
export async function inTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await db.transaction(work);
  } catch (error) {
    if (!isRetryableConflict(error)) throw error;
    return db.transaction(work);
  }
}

export type { Db, Executor, Tx };
