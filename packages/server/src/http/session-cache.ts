// Sessions remembered in this process for a few seconds, so a shopper's requests do not each look their
// session up with a join. Revocation stays immediate in the process that revokes (logout, password or
// phone change, a staff member disabled or changed forget here), and reaches other processes within TTL.
import type { StaffRole } from "../db/schema/accounts.ts";

export type CachedSession = {
  kind: "user" | "staff";
  staffId: number | null;
  staffUsername: string | null;
  staffName: string | null;
  staffRole: StaffRole | null;
  staffDisabled: boolean | null;
  userId: number | null;
  userDisabled: boolean | null;
  /** The session's own end: a cached session is never used past it. */
  expiresAt: Date;
};

export const SESSION_CACHE_TTL_MS = 5_000;
const MAX_ENTRIES = 50_000;

const remembered = new Map<string, { session: CachedSession; untilMs: number }>();
/**
 * Tokens and subjects forgotten in the last TTL: not remembered again until then, so a lookup racing the
 * revoking transaction's commit cannot put the old session back in the cache.
 */
const forgotten = new Map<string, number>();

const subjectKey = (kind: string, id: number | null) => `${kind}:${id}`;

/** The session of `tokenHash` if looked up less than TTL ago in this process and unexpired at `now`. */
export function cachedSession(tokenHash: string, now: Date): CachedSession | null {
  const hit = remembered.get(tokenHash);
  if (!hit) return null;
  if (Date.now() >= hit.untilMs || now.getTime() >= hit.session.expiresAt.getTime()) {
    remembered.delete(tokenHash);
    return null;
  }
  return hit.session;
}

export function rememberSession(tokenHash: string, session: CachedSession): void {
  const nowMs = Date.now();
  for (const key of [
    tokenHash,
    subjectKey(session.kind, session.kind === "staff" ? session.staffId : session.userId),
  ]) {
    const until = forgotten.get(key);
    if (until === undefined) continue;
    if (nowMs < until) return;
    forgotten.delete(key);
  }
  // Oldest first out: a Map iterates in insertion order.
  if (remembered.size >= MAX_ENTRIES) remembered.delete(remembered.keys().next().value!);
  remembered.set(tokenHash, { session, untilMs: nowMs + SESSION_CACHE_TTL_MS });
}

function block(key: string): void {
  if (forgotten.size >= MAX_ENTRIES) forgotten.delete(forgotten.keys().next().value!);
  forgotten.set(key, Date.now() + SESSION_CACHE_TTL_MS);
}

/** Forgets one session (logout). */
export function forgetSession(tokenHash: string): void {
  block(tokenHash);
  remembered.delete(tokenHash);
}

/** Forgets every session of a staff member or shopper (password change, disabled, role changed). */
export function forgetSubjectSessions(kind: "user" | "staff", subjectId: number): void {
  block(subjectKey(kind, subjectId));
  for (const [hash, { session }] of remembered) {
    const id = kind === "staff" ? session.staffId : session.userId;
    if (session.kind === kind && id === subjectId) remembered.delete(hash);
  }
}
