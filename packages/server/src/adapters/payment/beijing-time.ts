// Providers speak Beijing wall-clock time (UTC+8, no daylight saving); this converts exactly,
// independent of the process time zone.

const OFFSET_MS = 8 * 60 * 60 * 1000;

function parts(ms: number): string {
  // toISOString of the shifted instant reads as Beijing wall-clock: "2026-01-02T03:04:05.000Z".
  return new Date(ms + OFFSET_MS).toISOString().slice(0, 19);
}

/** 0 → "1970-01-01T08:00:00+08:00" (WeChat time_expire format). */
export function toBeijingRfc3339(ms: number): string {
  return `${parts(ms)}+08:00`;
}

/** 0 → "1970-01-01 08:00:00" (Alipay timestamp / time_expire format). */
export function toBeijingDateTime(ms: number): string {
  return parts(ms).replace("T", " ");
}

/** "1970-01-01 08:00:00" (Beijing; Alipay's gmt_refund adds ".SSS") → 0; null for anything else. */
export function parseBeijingDateTime(text: string | undefined): number | null {
  if (!text || !/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{3})?$/.test(text)) return null;
  const ms = Date.parse(`${text.replace(" ", "T")}+08:00`);
  return Number.isNaN(ms) ? null : ms;
}

/** RFC 3339 with an explicit offset ("2018-06-08T10:34:56+08:00") → epoch ms; null otherwise. */
export function parseRfc3339(text: unknown): number | null {
  if (typeof text !== "string" || !/[+-]\d{2}:\d{2}$|Z$/.test(text)) return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : ms;
}
