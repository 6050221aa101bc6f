// 满减: tiers of an amount off when the covered goods reach an amount or a piece count (满200减50).
import { z } from "zod";
import { fen, sumFen } from "../../money.ts";
import { definePromotionKind } from "../promotion.ts";
import { linesInScope, scopeSchema } from "../scope.ts";
import { basisSchema, measure, reachedTier, thresholdText } from "./tiers.ts";

export const thresholdAmountOffKind = definePromotionKind({
  kind: "threshold_amount_off",
  stage: "order",
  commissionKind: null,
  args: z.object({
    scope: scopeSchema.default({ type: "all" }),
    basis: basisSchema.default("amount"),
    tiers: z.array(z.object({ atLeast: z.int().min(1), offFen: z.int().min(1) })).min(1),
  }),
  apply(args, ctx) {
    const lines = linesInScope(args.scope, ctx.lines);
    const tier = reachedTier(args.tiers, measure(args.basis, lines));
    if (!tier || lines.length === 0) return [];
    const amountFen = fen(Math.min(tier.offFen, sumFen(lines.map((l) => l.amountFen))));
    const detail = `${thresholdText(args.basis, tier.atLeast)}减${tier.offFen / 100}`;
    return [{ type: "discount", lineIndexes: lines.map((l) => l.index), amountFen, detail }];
  },
});
