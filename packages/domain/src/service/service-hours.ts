// Whether the service desk is staffed at an instant, and if not, when it opens next: the shop tells a
// shopper who writes at night when a person will answer. Hours are China Standard Time (UTC+8, no DST).

export type ServiceHours = {
  /** "09:00": the desk opens (inclusive). */
  open: string;
  /** "21:00": the desk closes (exclusive); an earlier time than `open` means it closes after midnight. */
  close: string;
  /** Days the desk opens on, 0 = Sunday … 6 = Saturday (of the day it opens). */
  days: number[];
};

/** Instants are epoch milliseconds, as elsewhere in domain. */
export type DeskState = { kind: "open" } | { kind: "closed"; opensAtMs: number };

const CST_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

function minutesOf(time: string): number {
  const [h = "0", m = "0"] = time.split(":");
  return Number(h) * 60 + Number(m);
}

/**
 * The desk's state at `now`. Example: hours 09:00–21:00 every day, now 22:30 CST → closed, opens at
 * 09:00 CST the next day.
 */
export function decideDeskState(nowMs: number, hours: ServiceHours): DeskState {
  if (hours.days.length === 0) return { kind: "closed", opensAtMs: nowMs + 365 * DAY_MS };
  const open = minutesOf(hours.open);
  const close = minutesOf(hours.close);
  const length = close > open ? close - open : close + 1440 - open;
  const local = nowMs + CST_OFFSET_MS;
  const dayStart = Math.floor(local / DAY_MS) * DAY_MS;
  // yesterday's shift may still run past midnight; then today's and the next week's openings
  for (let d = -1; d <= 7; d += 1) {
    const start = dayStart + d * DAY_MS + open * 60_000;
    // 1970-01-01 was a Thursday (4)
    const weekday = (Math.floor((dayStart + d * DAY_MS) / DAY_MS) + 4) % 7;
    if (!hours.days.includes(weekday)) continue;
    if (local >= start && local < start + length * 60_000) return { kind: "open" };
    if (start > local) return { kind: "closed", opensAtMs: start - CST_OFFSET_MS };
  }
  return { kind: "closed", opensAtMs: nowMs + 7 * DAY_MS };
}

/** "09:00" of an instant in CST, and whether it is the same CST day as `now` (today) or later. */
export function describeOpening(
  opensAtMs: number,
  nowMs: number,
): { time: string; day: "today" | "tomorrow" | "later" } {
  const minuteOfDay = Math.floor((opensAtMs + CST_OFFSET_MS) / 60_000) % 1440;
  const pad = (n: number) => String(n).padStart(2, "0");
  const time = `${pad(Math.floor(minuteOfDay / 60))}:${pad(minuteOfDay % 60)}`;
  const days =
    Math.floor((opensAtMs + CST_OFFSET_MS) / DAY_MS) - Math.floor((nowMs + CST_OFFSET_MS) / DAY_MS);
  return { time, day: days <= 0 ? "today" : days === 1 ? "tomorrow" : "later" };
}
