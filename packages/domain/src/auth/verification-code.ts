// SMS verification codes: when a code may be sent (one a minute per phone, a daily cap per phone and per
// address, counted over the last 24 hours) and whether a typed code is accepted (5 minutes, 5 tries).
// Times are epoch milliseconds.

export const VERIFICATION_CODE = {
  length: 6,
  ttlMs: 5 * 60_000,
  maxAttempts: 5,
  resendIntervalMs: 60_000,
  dayMs: 24 * 60 * 60_000,
} as const;

export type SendLimits = { perPhonePerDay: number; perIpPerDay: number };

/** Sends in the last 24 hours, oldest first, for the phone and for the caller's address. */
export type SendHistory = { phoneSentAtMs: number[]; ipSentAtMs: number[] };

export type SendDecision =
  | { kind: "send" }
  | {
      kind: "refuse";
      reason: "RESEND_TOO_SOON" | "PHONE_DAILY_LIMIT" | "IP_DAILY_LIMIT";
      retryAfterSeconds: number;
    };

const secondsUntil = (atMs: number, nowMs: number) => Math.max(1, Math.ceil((atMs - nowMs) / 1000));

/**
 * Whether another code may be sent now.
 * Example: the last code to this phone went 20 s ago → refuse RESEND_TOO_SOON, retry after 40 s.
 */
export function decideSend(history: SendHistory, nowMs: number, limits: SendLimits): SendDecision {
  const dayAgo = nowMs - VERIFICATION_CODE.dayMs;
  const phone = history.phoneSentAtMs.filter((t) => t > dayAgo);
  const ip = history.ipSentAtMs.filter((t) => t > dayAgo);
  const last = phone.at(-1);
  if (last !== undefined && nowMs - last < VERIFICATION_CODE.resendIntervalMs)
    return {
      kind: "refuse",
      reason: "RESEND_TOO_SOON",
      retryAfterSeconds: secondsUntil(last + VERIFICATION_CODE.resendIntervalMs, nowMs),
    };
  // the oldest send in the window leaves it first; then one more is allowed
  const full = (sent: number[], cap: number) =>
    sent.length >= cap ? secondsUntil(sent[sent.length - cap]! + VERIFICATION_CODE.dayMs, nowMs) : null;
  const phoneWait = full(phone, limits.perPhonePerDay);
  if (phoneWait !== null)
    return { kind: "refuse", reason: "PHONE_DAILY_LIMIT", retryAfterSeconds: phoneWait };
  const ipWait = full(ip, limits.perIpPerDay);
  if (ipWait !== null) return { kind: "refuse", reason: "IP_DAILY_LIMIT", retryAfterSeconds: ipWait };
  return { kind: "send" };
}

export type StoredCode = { sentAtMs: number; attempts: number; consumed: boolean };

export type CheckDecision =
  | { kind: "accept" }
  | { kind: "reject"; reason: "NO_CODE" | "EXPIRED" | "ATTEMPTS_EXCEEDED" }
  | { kind: "wrong"; attemptsLeft: number };

/**
 * Whether a typed code is accepted, given the latest code sent for that phone and purpose.
 * Example: sent 6 minutes ago → reject EXPIRED; 4th wrong try → wrong with 1 attempt left.
 */
export function decideCheck(stored: StoredCode | null, matches: boolean, nowMs: number): CheckDecision {
  if (!stored || stored.consumed) return { kind: "reject", reason: "NO_CODE" };
  if (nowMs - stored.sentAtMs >= VERIFICATION_CODE.ttlMs) return { kind: "reject", reason: "EXPIRED" };
  if (stored.attempts >= VERIFICATION_CODE.maxAttempts)
    return { kind: "reject", reason: "ATTEMPTS_EXCEEDED" };
  if (matches) return { kind: "accept" };
  return { kind: "wrong", attemptsLeft: VERIFICATION_CODE.maxAttempts - stored.attempts - 1 };
}
