// Readable order numbers: the Asia/Shanghai date and time to the second, then digits the
// caller supplies (a sequence or random digits) for uniqueness. China keeps +08:00 all
// year, so the shift is plain integer arithmetic.

const MS_PER_DAY = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

const pad = (n: number, width: number) => String(n).padStart(width, "0");

/** Proleptic Gregorian (year, month, day) of a count of days since 1970-01-01 (H. Hinnant's algorithm). */
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

/**
 * The Shanghai wall-clock time of an instant as yyyyMMddHHmmss.
 * Example: buildShanghaiTimestamp(1795415425000) = "20261123143025" (06:30:25 UTC).
 */
export function buildShanghaiTimestamp(epochMs: number): string {
  if (!Number.isSafeInteger(epochMs)) throw new RangeError("epochMs must be an integer");
  const local = epochMs + SHANGHAI_OFFSET_MS;
  const days = Math.floor(local / MS_PER_DAY);
  const secondOfDay = Math.floor((local - days * MS_PER_DAY) / 1000);
  const [year, month, day] = civilFromDays(days);
  const hh = Math.floor(secondOfDay / 3600);
  const mm = Math.floor((secondOfDay % 3600) / 60);
  const ss = secondOfDay % 60;
  return `${pad(year, 4)}${pad(month, 2)}${pad(day, 2)}${pad(hh, 2)}${pad(mm, 2)}${pad(ss, 2)}`;
}

/**
 * An order number: Shanghai time to the second followed by the given digits; uniqueness
 * comes from the digits (and the column's unique index), readability from the time.
 * Example: buildOrderNumber(1795415425000, "12345678") = "2026112314302512345678".
 */
export function buildOrderNumber(epochMs: number, digits: string): string {
  if (!/^\d{1,18}$/.test(digits)) throw new RangeError("order number digits must be 1–18 decimal digits");
  return `${buildShanghaiTimestamp(epochMs)}${digits}`;
}
