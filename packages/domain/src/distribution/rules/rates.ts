// Commission rule kind "rates": each level earns a share of the item's base in basis points.
// Used for product/SKU overrides, for a distributor grade's rates and for the plan's defaults.

import { z } from "zod";
import { applyBps, BPS_WHOLE, type Bps } from "../../money.ts";
import type { CommissionLevel, CommissionRuleAmount, CommissionRuleFacts, LevelValues } from "./types.ts";

const bpsArg = z.int().min(0).max(BPS_WHOLE);

/**
 * Rates per level: level k earns ⌊base × ratesBps[k−1] / 10000⌋.
 * Example: apply({ ratesBps: [1000, 500, 0] }, { level: 2, baseFen: 10000, quantity: 1 }) → 500 fen.
 */
export const ratesCommissionRule = {
  kind: "rates",
  args: z.object({ ratesBps: z.tuple([bpsArg, bpsArg, bpsArg]) }),
  apply(args: { ratesBps: LevelValues<Bps> }, facts: CommissionRuleFacts): CommissionRuleAmount {
    const rateBps = args.ratesBps[levelIndex(facts.level)];
    return { amountFen: applyBps(facts.baseFen, rateBps), rateBps, fixedFenPerUnit: null };
  },
} as const;

export function levelIndex(level: CommissionLevel): 0 | 1 | 2 {
  return (level - 1) as 0 | 1 | 2;
}

/** The rates a level would pay, summed over the plan's active levels (for cap checks). */
export function sumActiveCommissionRates(ratesBps: LevelValues<Bps>, levels: CommissionLevel): number {
  return ratesBps.slice(0, levels).reduce((a, r) => a + r, 0);
}
