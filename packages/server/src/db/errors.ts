// Recognises the database's own refusals (on both engines) so a use case can answer them with a 4xx code.

/** True when `error` (or an error it wraps, as Drizzle does) is a unique violation of `constraint`. */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  for (let e = error as { code?: unknown; constraint?: unknown; cause?: unknown } | undefined; e; ) {
    if (e.code === "23505" && e.constraint === constraint) return true;
    e = e.cause as typeof e;
  }
  return false;
}
