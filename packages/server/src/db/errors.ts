// Recognises the database's own refusals (on both engines) so a use case can answer them with a 4xx code.

/** True when `error` (or an error it wraps, as Drizzle does) is a unique violation of `constraint`. */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  return isViolation(error, "23505", constraint);
}

/** True when `error` (or an error it wraps) is a CHECK violation of `constraint`. */
export function isCheckViolation(error: unknown, constraint: string): boolean {
  return isViolation(error, "23514", constraint);
}

function isViolation(error: unknown, code: string, constraint: string): boolean {
  for (let e = error as { code?: unknown; constraint?: unknown; cause?: unknown } | undefined; e; ) {
    if (e.code === code && e.constraint === constraint) return true;
    e = e.cause as typeof e;
  }
  return false;
}

/** The fields both drivers' DatabaseError carry (pg and PGlite share pg-protocol's); values live in `detail`. */
export type DatabaseErrorFields = {
  code: string;
  severity?: string;
  constraint?: string;
  table?: string;
  column?: string;
  routine?: string;
  detail?: string;
};

/** The database's own error inside `error` (Drizzle wraps it as `cause` of a DrizzleQueryError), or null. */
export function findDatabaseError(error: unknown): DatabaseErrorFields | null {
  for (let e = error as Record<string, unknown> | undefined, hops = 0; e && hops < 8; hops++) {
    if (typeof e.code === "string" && /^[0-9A-Z]{5}$/.test(e.code) && "severity" in e)
      return e as unknown as DatabaseErrorFields;
    e = e.cause as typeof e;
  }
  return null;
}

/**
 * A serialization failure or deadlock: the transaction was rolled back whole, so running it again is
 * exactly as if the first attempt had not happened.
 */
export function isRetryableConflict(error: unknown): boolean {
  const code = findDatabaseError(error)?.code;
  return code === "40001" || code === "40P01";
}

/** SQLSTATE of `app_refuse(code, details)` (migration 0046): a statement's own refusal, said in SQL. */
const REFUSAL = "LB400";

/** The refusal a statement raised with `app_refuse` (its app error code and details), or null. */
export function refusalOf(error: unknown): { code: string; details: Record<string, unknown> } | null {
  const found = findDatabaseError(error);
  if (found?.code !== REFUSAL) return null;
  const { message, detail } = found as DatabaseErrorFields & { message?: string };
  return { code: message ?? "", details: detail ? (JSON.parse(detail) as Record<string, unknown>) : {} };
}
