// Per-account login throttling, stored in the database so every API process sees the same count: an account
// (shopper phone or staff username, existing or not) that keeps failing waits longer and longer, and while it
// waits no password is checked, not even the right one. The per-IP limit (routes' rateLimit) sits beside it.
import { computeFailure, decideLoginAttempt, type ThrottleState } from "@liebian/domain";
import type { Db } from "../../db/client.ts";
import { inTransaction } from "../../db/transaction.ts";
import { AppError } from "../../errors/app-error.ts";
import { deleteThrottle, findThrottle, lockThrottle, type ThrottleRow, updateThrottle } from "./repo.ts";

export type ThrottleKey = `user:${string}` | `staff:${string}`;

/** The refusal while an account waits; `details` and the Retry-After header say when to try again. */
export function throttledError(retryAfterSeconds: number, until: Date): AppError {
  return new AppError("ACCOUNT_THROTTLED", `Too many failed attempts; try again in ${retryAfterSeconds} s`, {
    retryAfterSeconds,
    retryAt: until.toISOString(),
  });
}

function stateOf(row: ThrottleRow | null): ThrottleState | null {
  return row
    ? {
        failures: row.failures,
        lastFailedAtMs: row.lastFailedAt?.getTime() ?? null,
        lockedUntilMs: row.lockedUntil?.getTime() ?? null,
      }
    : null;
}

/** Throws ACCOUNT_THROTTLED while the account must wait. */
export async function assertMayTryLogin(db: Db, key: ThrottleKey, now: Date): Promise<void> {
  const decision = decideLoginAttempt(stateOf(await findThrottle(db, key)), now.getTime());
  if (decision.kind === "wait") throw throttledError(decision.retryAfterSeconds, new Date(decision.untilMs));
}

/** Counts one wrong password; returns how many in a row and the wait it set (if any). */
export async function recordLoginFailure(
  db: Db,
  key: ThrottleKey,
  now: Date,
): Promise<{ failures: number; lockedUntil: Date | null }> {
  return inTransaction(db, async (tx) => {
    const next = computeFailure(stateOf(await lockThrottle(tx, key)), now.getTime());
    const lockedUntil = next.lockedUntilMs === null ? null : new Date(next.lockedUntilMs);
    await updateThrottle(tx, key, {
      failures: next.failures,
      lastFailedAt: now,
      lockedUntil,
    });
    return { failures: next.failures, lockedUntil };
  });
}

/** A right password (outside any wait) forgets the failures. */
export async function clearLoginFailures(db: Db, key: ThrottleKey): Promise<void> {
  await deleteThrottle(db, key);
}
