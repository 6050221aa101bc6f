// Money is integer fen and rates are integer basis points; this file owns every rounding rule.
// Floors each computed line to the fen (the remainder stays with the merchant) and spreads
// totals by largest remainder so that the parts always sum to the whole.

declare const fenBrand: unique symbol;
declare const bpsBrand: unique symbol;

/** An amount of money in fen (分): 100 fen = ¥1. Always a safe integer. */
export type Fen = number & { readonly [fenBrand]: "Fen" };
/** A rate in basis points: 10,000 bps = 100%, 1000 bps = 10%. Always a safe integer. */
export type Bps = number & { readonly [bpsBrand]: "Bps" };

export const BPS_WHOLE = 10_000;

/** Brands a number as fen; throws when it is not a safe integer (a broken invariant, not input). */
export function fen(value: number): Fen {
  if (!Number.isSafeInteger(value)) throw new RangeError(`fen must be a safe integer, got ${value}`);
  return value as Fen;
}

/** Brands a number as basis points; throws when it is not a safe integer. */
export function bps(value: number): Bps {
  if (!Number.isSafeInteger(value)) throw new RangeError(`bps must be a safe integer, got ${value}`);
  return value as Bps;
}

/** ¥12.34 → 1234 fen. Accepts "12", "12.3", "12.34"; anything else is rejected with null. */
export function parseYuan(text: string): Fen | null {
  const match = /^(-?)(\d{1,13})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!match) return null;
  const [, sign, whole, frac = ""] = match;
  const value = Number(whole) * 100 + Number(frac.padEnd(2, "0"));
  return fen(sign === "-" ? -value : value);
}

/** 1234 fen → "12.34". For logs, CSV and receipts; screens have their own display helper. */
export function formatYuan(amount: Fen): string {
  const sign = amount < 0 ? "-" : "";
  const abs = BigInt(Math.abs(amount));
  return `${sign}${abs / 100n}.${(abs % 100n).toString().padStart(2, "0")}`;
}

/**
 * The share of an amount at a rate, floored to the fen (the remainder stays with the merchant).
 * Example: applyBps(9999, 1000) = 999 (10% of ¥99.99 is ¥9.999, paid as ¥9.99).
 */
export function applyBps(amount: Fen, rate: Bps): Fen {
  if (amount < 0 || rate < 0) throw new RangeError("applyBps takes non-negative amounts and rates");
  return fen(Number((BigInt(amount) * BigInt(rate)) / BigInt(BPS_WHOLE)));
}

/** ⌊amount × numerator / denominator⌋ without overflow; the proportional-share primitive. */
export function mulDivFloor(amount: Fen, numerator: number, denominator: number): Fen {
  if (denominator <= 0) throw new RangeError("denominator must be positive");
  if (amount < 0 || numerator < 0) throw new RangeError("mulDivFloor takes non-negative values");
  return fen(Number((BigInt(amount) * BigInt(numerator)) / BigInt(denominator)));
}

/**
 * Splits a total across weights by largest remainder: each part is the floor of its exact
 * share, and the fen left over go one each to the largest remainders (ties: earlier first).
 * The parts always sum to the total. Example: allocate(10000, [1, 1, 1]) = [3334, 3333, 3333].
 * With all weights zero the total is split as if the weights were equal.
 */
export function allocate(total: Fen, weights: readonly number[]): Fen[] {
  if (total < 0) throw new RangeError("allocate takes a non-negative total");
  if (weights.length === 0) {
    if (total === 0) return [];
    throw new RangeError("allocate needs at least one weight for a non-zero total");
  }
  if (weights.some((w) => !Number.isSafeInteger(w) || w < 0)) {
    throw new RangeError("weights must be non-negative safe integers");
  }
  const effective = weights.every((w) => w === 0) ? weights.map(() => 1) : weights;
  const sum = effective.reduce((a, w) => a + BigInt(w), 0n);
  const big = BigInt(total);
  const parts = effective.map((w) => (big * BigInt(w)) / sum);
  const remainders = effective.map((w, index) => ({ index, rest: (big * BigInt(w)) % sum }));
  let left = big - parts.reduce((a, p) => a + p, 0n);
  remainders.sort((a, b) => (a.rest === b.rest ? a.index - b.index : a.rest > b.rest ? -1 : 1));
  for (const { index } of remainders) {
    if (left === 0n) break;
    parts[index] = (parts[index] ?? 0n) + 1n;
    left -= 1n;
  }
  return parts.map((p) => fen(Number(p)));
}

/** Sums fen exactly. */
export function sumFen(amounts: readonly number[]): Fen {
  return fen(amounts.reduce((a, b) => a + b, 0));
}
