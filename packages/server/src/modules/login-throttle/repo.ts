// Queries for per-account login throttling.
import { eq } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { loginThrottles } from "../../db/schema/auth.ts";

export type ThrottleRow = typeof loginThrottles.$inferSelect;

export async function findThrottle(db: Executor, key: string): Promise<ThrottleRow | null> {
  const [row] = await db.select().from(loginThrottles).where(eq(loginThrottles.key, key)).limit(1);
  return row ?? null;
}

/** Creates the row if missing and locks it, so concurrent failures on one account count one by one. */
export async function lockThrottle(db: Executor, key: string): Promise<ThrottleRow> {
  await db.insert(loginThrottles).values({ key, failures: 0 }).onConflictDoNothing();
  const [row] = await db.select().from(loginThrottles).where(eq(loginThrottles.key, key)).for("update");
  if (!row) throw new Error(`login throttle row ${key} vanished`);
  return row;
}

export async function updateThrottle(
  db: Executor,
  key: string,
  values: Pick<ThrottleRow, "failures" | "lastFailedAt" | "lockedUntil">,
): Promise<void> {
  await db.update(loginThrottles).set(values).where(eq(loginThrottles.key, key));
}

export async function deleteThrottle(db: Executor, key: string): Promise<void> {
  await db.delete(loginThrottles).where(eq(loginThrottles.key, key));
}
