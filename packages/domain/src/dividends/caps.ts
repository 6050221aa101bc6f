// Dividend caps (分红封顶): a member who has received a set amount in the day / month / quarter / year stops
// sharing until the next period. The room left is the smallest of what each cap still allows.

export type DividendCaps = {
  dayFen?: number | null;
  monthFen?: number | null;
  quarterFen?: number | null;
  yearFen?: number | null;
};

export type ReceivedInPeriods = { dayFen: number; monthFen: number; quarterFen: number; yearFen: number };

export type CapsCheck =
  | { kind: "ok" }
  | { kind: "refuse"; reason: "CAP_NEGATIVE"; field: keyof DividendCaps };

const FIELDS = [
  ["dayFen", "dayFen"],
  ["monthFen", "monthFen"],
  ["quarterFen", "quarterFen"],
  ["yearFen", "yearFen"],
] as const;

/** A cap is a non-negative whole number of fen, or absent. Example: { dayFen: -1 } → CAP_NEGATIVE. */
export function validateDividendCaps(caps: DividendCaps): CapsCheck {
  for (const [field] of FIELDS) {
    const value = caps[field];
    if (value !== null && value !== undefined && (!Number.isSafeInteger(value) || value < 0))
      return { kind: "refuse", reason: "CAP_NEGATIVE", field };
  }
  return { kind: "ok" };
}

/**
 * What a member may still receive this run: the least room under any set cap, never below 0; null = uncapped.
 * Example: day cap ¥300 with ¥120 today, month cap ¥1,000 with ¥950 this month → 5000 (¥50).
 */
export function computeCapRoom(caps: DividendCaps, received: ReceivedInPeriods): number | null {
  let room: number | null = null;
  for (const [capField, receivedField] of FIELDS) {
    const cap = caps[capField];
    if (cap === null || cap === undefined) continue;
    const left = Math.max(0, cap - received[receivedField]);
    room = room === null ? left : Math.min(room, left);
  }
  return room;
}
