// Per-account login throttling: after a few wrong passwords on one account (from any address), each further
// failure makes the next attempt wait twice as long, and no password is checked until the wait is over.
// Times are epoch milliseconds.

/** What is remembered about one account's recent failures. */
export type ThrottleState = { failures: number; lastFailedAtMs: number | null; lockedUntilMs: number | null };

export const LOGIN_THROTTLE = {
  /** Wrong passwords allowed before the first wait. */
  freeFailures: 5,
  /** The first wait; each further failure doubles it. */
  baseWaitMs: 30_000,
  maxWaitMs: 60 * 60_000,
  /** Quiet time after the last failure (or the end of the last wait) that forgets the count. */
  windowMs: 15 * 60_000,
} as const;

export type ThrottlePolicy = typeof LOGIN_THROTTLE;

/**
 * Whether an attempt may check its password now.
 * Example: locked until 10:00:30, asked at 10:00:00 → `{ kind: "wait", retryAfterSeconds: 30 }`.
 */
export function decideLoginAttempt(
  state: ThrottleState | null,
  nowMs: number,
): { kind: "try" } | { kind: "wait"; untilMs: number; retryAfterSeconds: number } {
  if (state?.lockedUntilMs == null || state.lockedUntilMs <= nowMs) return { kind: "try" };
  const retryAfterSeconds = Math.max(1, Math.ceil((state.lockedUntilMs - nowMs) / 1000));
  return { kind: "wait", untilMs: state.lockedUntilMs, retryAfterSeconds };
}

/**
 * The state after one more wrong password.
 * Example: the 5th failure within the window → locked for 30 s; the 6th (after that wait) → 60 s.
 */
export function computeFailure(
  state: ThrottleState | null,
  nowMs: number,
  policy: ThrottlePolicy = LOGIN_THROTTLE,
): ThrottleState {
  const quietSince = state ? (state.lockedUntilMs ?? state.lastFailedAtMs) : null;
  const forgotten = quietSince == null || nowMs - quietSince > policy.windowMs;
  const failures = (forgotten ? 0 : (state?.failures ?? 0)) + 1;
  const over = failures - policy.freeFailures;
  const waitMs = over < 0 ? 0 : Math.min(policy.maxWaitMs, policy.baseWaitMs * 2 ** Math.min(over, 30));
  const keptLock = forgotten ? null : (state?.lockedUntilMs ?? null);
  return { failures, lastFailedAtMs: nowMs, lockedUntilMs: waitMs > 0 ? nowMs + waitMs : keptLock };
}
