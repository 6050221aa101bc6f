// The periods dividends, bonuses and contests are counted over, in Asia/Shanghai time (UTC+8 all year, no
// daylight saving, so plain integer arithmetic on days): day, week (Monday first), month, quarter, year. A
// period is named by a key ("2026-12-03", "2026-W49", "2026-12", "2026-Q4", "2026") and runs [startMs, endMs).

export type PeriodKind = "day" | "week" | "month" | "quarter" | "year";
export type Period = { kind: PeriodKind; key: string; startMs: number; endMs: number };

const OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a proleptic Gregorian date; month may run past 12 (H. Hinnant's algorithm). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y0 = year + Math.floor((month - 1) / 12);
  const m0 = ((((month - 1) % 12) + 12) % 12) + 1;
  const y = m0 <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m0 > 2 ? m0 - 3 : m0 + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function civilFromDays(days: number): [number, number, number] {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

const startOf = (days: number) => days * DAY_MS - OFFSET_MS;
/** Monday 0 … Sunday 6 (1970-01-01 was a Thursday). */
const weekday = (days: number) => (((days + 3) % 7) + 7) % 7;

/** The period of `kind` that holds the instant. Example: ("month", 2026-11-30T16:30Z) → "2026-12" (Shanghai). */
export function periodOf(kind: PeriodKind, atMs: number): Period {
  const days = Math.floor((atMs + OFFSET_MS) / DAY_MS);
  const [y, m, d] = civilFromDays(days);
  switch (kind) {
    case "day":
      return { kind, key: `${y}-${pad(m)}-${pad(d)}`, startMs: startOf(days), endMs: startOf(days + 1) };
    case "week": {
      const monday = days - weekday(days);
      return { kind, key: isoWeekKey(monday), startMs: startOf(monday), endMs: startOf(monday + 7) };
    }
    case "month":
      return {
        kind,
        key: `${y}-${pad(m)}`,
        startMs: startOf(daysFromCivil(y, m, 1)),
        endMs: startOf(daysFromCivil(y, m + 1, 1)),
      };
    case "quarter": {
      const first = Math.floor((m - 1) / 3) * 3 + 1;
      return {
        kind,
        key: `${y}-Q${(first + 2) / 3}`,
        startMs: startOf(daysFromCivil(y, first, 1)),
        endMs: startOf(daysFromCivil(y, first + 3, 1)),
      };
    }
    case "year":
      return {
        kind,
        key: String(y),
        startMs: startOf(daysFromCivil(y, 1, 1)),
        endMs: startOf(daysFromCivil(y + 1, 1, 1)),
      };
  }
}

const KEY_PATTERNS: Record<PeriodKind, RegExp> = {
  day: /^(\d{4})-(\d{2})-(\d{2})$/,
  week: /^(\d{4})-W(\d{2})$/,
  month: /^(\d{4})-(\d{2})$/,
  quarter: /^(\d{4})-Q([1-4])$/,
  year: /^(\d{4})$/,
};

/** The period a key names, or null when the key names none. Example: ("day", "2026-02-30") → null. */
export function periodFromKey(kind: PeriodKind, key: string): Period | null {
  const match = KEY_PATTERNS[kind].exec(key);
  if (!match) return null;
  const [y, a = 1, b = 1] = match.slice(1).map(Number) as [number, number?, number?];
  let days: number;
  if (kind === "week") {
    // ISO week 1 holds January 4th
    const jan4 = daysFromCivil(y, 1, 4);
    days = jan4 - weekday(jan4) + (a - 1) * 7;
  } else if (kind === "quarter") days = daysFromCivil(y, (a - 1) * 3 + 1, 1);
  else days = daysFromCivil(y, a, b);
  const period = periodOf(kind, startOf(days));
  return period.key === key ? period : null;
}

export type RunPeriodDecision =
  | { kind: "ok"; period: Period }
  | { kind: "refuse"; reason: "PERIOD_INVALID" | "PERIOD_NOT_ENDED" };

/** A run may only count a period that has ended by `nowMs`. Example: today at noon → PERIOD_NOT_ENDED. */
export function decideRunPeriod(kind: PeriodKind, key: string, nowMs: number): RunPeriodDecision {
  const period = periodFromKey(kind, key);
  if (!period) return { kind: "refuse", reason: "PERIOD_INVALID" };
  return period.endMs > nowMs ? { kind: "refuse", reason: "PERIOD_NOT_ENDED" } : { kind: "ok", period };
}

function isoWeekKey(mondayDays: number): string {
  const [year] = civilFromDays(mondayDays + 3); // the week's Thursday names its year
  const week = Math.floor((mondayDays + 3 - daysFromCivil(year, 1, 1)) / 7) + 1;
  return `${year}-W${pad(week)}`;
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}
