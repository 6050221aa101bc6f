// 满折: tiers of a 折 on the covered goods when they reach an amount or a piece count (满3件8折).
import { z } from "zod";
import { applyBps, BPS_WHOLE, bps, fen, sumFen } from "../../money.ts";
import { definePromotionKind } from "../promotion.ts";
import { linesInScope, scopeSchema } from "../scope.ts";
import { basisSchema, measure, reachedTier, thresholdText } from "./tiers.ts";

export const thresholdPercentOffKind = definePromotionKind({
  kind: "threshold_percent_off",
  stage: "order",
  commissionKind: null,
  args: z.object({
    scope: scopeSchema.default({ type: "all" }),
    basis: basisSchema.default("quantity"),
    tiers: z
      .array(
        z.object({
          atLeast: z.int().min(1),
          payBps: z
            .int()
            .min(1)
            .max(BPS_WHOLE - 1),
        }),
      )
      .min(1),
  }),
  apply(args, ctx) {
    const lines = linesInScope(args.scope, ctx.lines);
    const tier = reachedTier(args.tiers, measure(args.basis, lines));
    if (!tier || lines.length === 0) return [];
    const total = sumFen(lines.map((l) => l.amountFen));
    // The shopper pays the floored 折 of the covered goods; the discount is the rest.
    const amountFen = fen(total - applyBps(total, bps(tier.payBps)));
    const detail = `${thresholdText(args.basis, tier.atLeast)}${tier.payBps / 1000}折`;
    return [{ type: "discount", lineIndexes: lines.map((l) => l.index), amountFen, detail }];
  },
});
