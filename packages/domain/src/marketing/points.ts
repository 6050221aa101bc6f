// Points (积分) as money at checkout: how many fen a number of points is worth, how many an order may use
// (a maximum share of the goods), and how many a completed order earns.
import { z } from "zod";
import { applyBps, BPS_WHOLE, type Bps, bps, type Fen, fen } from "../money.ts";

export const pointsRuleSchema = z.object({
  enabled: z.boolean().default(false),
  /** Points worth ¥1 at checkout: 100 → 1 point = 1 fen. */
  pointsPerYuan: z.int().min(1).max(100_000).default(100),
  /** The most of an order's goods (after discounts) points may pay: 5000 = half. */
  maxShareBps: z.int().min(0).max(BPS_WHOLE).default(5000),
  /** Points earned per ¥1 paid for goods on a completed order: 100 bps of fen = 1 point per ¥1. */
  earnBps: z.int().min(0).max(BPS_WHOLE).default(100),
});
export type PointsRule = z.output<typeof pointsRuleSchema>;

export type PointsSpend = { pointsUsed: number; amountFen: Fen };

/**
 * How many of `wanted` points pay how much of `goodsFen`: never more than the share allows, and only whole
 * fen (the points used are the fewest that buy those fen).
 * Example: 100 points = ¥1, max 50%: 3000 points on ¥40 of goods → 2000 points pay 2000 fen.
 */
export function computePointsSpend(rule: PointsRule, wanted: number, goodsFen: Fen): PointsSpend {
  if (!rule.enabled || wanted <= 0 || goodsFen <= 0) return { pointsUsed: 0, amountFen: fen(0) };
  const maxFen = applyBps(goodsFen, bps(rule.maxShareBps) as Bps);
  const worthFen = Math.floor((wanted * 100) / rule.pointsPerYuan);
  const amountFen = fen(Math.min(maxFen, worthFen));
  return { pointsUsed: Math.ceil((amountFen * rule.pointsPerYuan) / 100), amountFen };
}

/**
 * Points a completed order earns: its paid goods times the earn rate, floored.
 * Example: earnBps 100 (1 point per ¥1), ¥199.90 paid → 199 points.
 */
export function computePointsEarned(rule: PointsRule, paidGoodsFen: Fen): number {
  if (!rule.enabled) return 0;
  return applyBps(paidGoodsFen, bps(rule.earnBps));
}
