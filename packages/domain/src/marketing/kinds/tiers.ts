// Thresholds measured by amount (fen) or by pieces, shared by threshold discounts and coupons.
import { z } from "zod";
import type { PromotionLine } from "../promotion.ts";

export const basisSchema = z.enum(["amount", "quantity"]);
export type ThresholdBasis = z.output<typeof basisSchema>;

/** What the lines reach on the basis: their current amount in fen, or their pieces. */
export function measure(basis: ThresholdBasis, lines: readonly PromotionLine[]): number {
  return lines.reduce((a, l) => a + (basis === "amount" ? l.amountFen : l.quantity), 0);
}

/** The highest tier reached, or null. Example: tiers at 10000 and 20000, reached 25000 → the 20000 tier. */
export function reachedTier<T extends { atLeast: number }>(tiers: readonly T[], reached: number): T | null {
  let best: T | null = null;
  for (const tier of tiers)
    if (reached >= tier.atLeast && (!best || tier.atLeast > best.atLeast)) best = tier;
  return best;
}

/** "满200" / "满3件" — how a threshold reads on a receipt. */
export function thresholdText(basis: ThresholdBasis, atLeast: number): string {
  return basis === "amount" ? `满${atLeast / 100}` : `满${atLeast}件`;
}
