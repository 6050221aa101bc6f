// Converts between integer fen and the yuan strings on providers' wires ("12.30"), exactly.
// No float ever touches an amount: the string is split at the point and read as integers.

/** "12.30" → 1230, "0.5" → 50, "12" → 1200; anything else (negative, 3 decimals, "1e3") → null. */
export function yuanToFen(text: string): number | null {
  const match = /^(\d{1,13})(?:\.(\d{1,2}))?$/.exec(text);
  if (!match) return null;
  const whole = match[1] ?? "0";
  const frac = (match[2] ?? "").padEnd(2, "0");
  return Number(whole) * 100 + Number(frac);
}

/** 1230 → "12.30"; 5 → "0.05". Throws on a non-integer or negative amount (a broken invariant). */
export function fenToYuan(amountFen: number): string {
  if (!Number.isSafeInteger(amountFen) || amountFen < 0) {
    throw new RangeError(`fen must be a non-negative safe integer, got ${amountFen}`);
  }
  const whole = Math.floor(amountFen / 100);
  const frac = amountFen % 100;
  return `${whole}.${frac.toString().padStart(2, "0")}`;
}
