// Every use case runs through this helper. On PGlite, Drizzle's transaction() takes PGlite's
// exclusive lock, so concurrent requests never see or roll back one another's writes.
import type { Db, Executor, Tx } from "./client.ts";

export async function inTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(work);
}

export type { Db, Executor, Tx };
