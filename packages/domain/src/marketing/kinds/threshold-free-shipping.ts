// 满包邮: the covered goods ship free once they reach an amount or a piece count.
import { z } from "zod";
import { definePromotionKind } from "../promotion.ts";
import { linesInScope, scopeSchema } from "../scope.ts";
import { basisSchema, measure, thresholdText } from "./tiers.ts";

export const thresholdFreeShippingKind = definePromotionKind({
  kind: "threshold_free_shipping",
  stage: "order",
  commissionKind: null,
  args: z.object({
    scope: scopeSchema.default({ type: "all" }),
    basis: basisSchema.default("amount"),
    atLeast: z.int().min(1),
  }),
  apply(args, ctx) {
    const lines = linesInScope(args.scope, ctx.lines);
    if (lines.length === 0 || measure(args.basis, lines) < args.atLeast) return [];
    const detail = `${thresholdText(args.basis, args.atLeast)}包邮`;
    return [{ type: "free_shipping", lineIndexes: lines.map((l) => l.index), detail }];
  },
});
