// Commission rule kind "fixed": each level earns a fixed amount per unit bought, whatever the price.
// The amount is multiplied by quantity (yudao once forgot the × quantity; commit 5c4fedb69d).

import { z } from "zod";
import { type Fen, fen } from "../../money.ts";
import { levelIndex } from "./rates.ts";
import type { CommissionRuleAmount, CommissionRuleFacts, LevelValues } from "./types.ts";

// Negative amounts pass the schema so that plan validation can refuse them with COMMISSION_AMOUNT_INVALID.
const fenArg = z.int();

/**
 * Fixed fen per unit per level. Example: the ¥299 serum at ¥30/¥10 per bottle, 2 bottles →
 * level 1 earns apply({ fenPerUnit: [3000, 1000, 0] }, { level: 1, baseFen: 59800, quantity: 2 }) = 6000 fen.
 */
export const fixedCommissionRule = {
  kind: "fixed",
  args: z.object({ fenPerUnit: z.tuple([fenArg, fenArg, fenArg]) }),
  apply(args: { fenPerUnit: LevelValues<Fen> }, facts: CommissionRuleFacts): CommissionRuleAmount {
    const perUnit = args.fenPerUnit[levelIndex(facts.level)];
    if (perUnit < 0) throw new RangeError("fixed commission per unit must not be negative");
    return { amountFen: fen(perUnit * facts.quantity), rateBps: null, fixedFenPerUnit: perUnit };
  },
} as const;
