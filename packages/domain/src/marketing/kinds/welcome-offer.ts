// 新客首单礼: a shopper who arrived through a distributor's link gets a merchant-set 折 on their first order
// (no earlier order paid or awaiting payment), on the goods rule 3 lets discounts touch.
import { z } from "zod";
import { applyBps, BPS_WHOLE, bps, fen, sumFen } from "../../money.ts";
import { definePromotionKind } from "../promotion.ts";
import { linesInScope, scopeSchema } from "../scope.ts";

export const welcomeOfferKind = definePromotionKind({
  kind: "welcome_offer",
  stage: "welcome",
  commissionKind: null,
  args: z.object({
    scope: scopeSchema.default({ type: "all" }),
    /** What share of the goods is paid: 9折 = 9000. */
    payBps: z
      .int()
      .min(1)
      .max(BPS_WHOLE - 1),
    /** The most it takes off; null: no most. */
    maxOffFen: z.int().min(1).nullable().default(null),
  }),
  apply(args, ctx) {
    if (ctx.shopper.referred !== true || ctx.shopper.paidOrderCount !== 0) return [];
    const lines = linesInScope(args.scope, ctx.lines);
    const total = sumFen(lines.map((l) => l.amountFen));
    const off = total - applyBps(total, bps(args.payBps));
    const amountFen = fen(args.maxOffFen === null ? off : Math.min(off, args.maxOffFen));
    if (amountFen <= 0) return [];
    return [
      {
        type: "discount",
        lineIndexes: lines.map((l) => l.index),
        amountFen,
        detail: `首单${args.payBps / 1000}折`,
      },
    ];
  },
});
