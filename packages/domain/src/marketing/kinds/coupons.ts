// The coupon kinds (优惠券): an amount off over a minimum spend (满100减20), a 折 with a most-off, free
// shipping. The minimum spend is measured on the covered goods after activity prices and threshold discounts.
import { z } from "zod";
import { applyBps, BPS_WHOLE, bps, fen, sumFen } from "../../money.ts";
import { definePromotionKind, type PromotionContext, type PromotionLine } from "../promotion.ts";
import { linesInScope, type PromotionScope, scopeSchema } from "../scope.ts";

const common = {
  scope: scopeSchema.default({ type: "all" }),
  /** 0: no minimum spend. */
  minSpendFen: z.int().min(0).default(0),
};

function covered(args: { scope: PromotionScope; minSpendFen: number }, ctx: PromotionContext) {
  const lines = linesInScope(args.scope, ctx.lines);
  const total = sumFen(lines.map((l) => l.amountFen));
  return lines.length > 0 && total >= args.minSpendFen && total > 0 ? { lines, total } : null;
}
const indexes = (lines: PromotionLine[]) => lines.map((l) => l.index);

/**
 * Why a coupon takes nothing off a cart, for the picker: no item of its scope (`scope`), only activity-priced
 * items of its scope (`activity_priced`), or the covered goods short of its minimum spend by `shortFen`
 * (`min_spend`). Example: 满100减20 on ¥90 of covered goods → { why: "min_spend", shortFen: 1000 }.
 */
export function explainCouponMiss(
  args: { scope: PromotionScope; minSpendFen: number },
  allLines: readonly PromotionLine[],
  openLines: readonly PromotionLine[],
): { why: "scope" | "activity_priced" } | { why: "min_spend"; shortFen: number } {
  if (linesInScope(args.scope, allLines).length === 0) return { why: "scope" };
  const lines = linesInScope(args.scope, openLines);
  if (lines.length === 0) return { why: "activity_priced" };
  const total = sumFen(lines.map((l) => l.amountFen));
  return { why: "min_spend", shortFen: Math.max(1, args.minSpendFen - total) };
}

export const couponAmountOffKind = definePromotionKind({
  kind: "coupon_amount_off",
  stage: "coupon",
  commissionKind: null,
  args: z.object({ ...common, offFen: z.int().min(1) }),
  apply(args, ctx) {
    const hit = covered(args, ctx);
    if (!hit) return [];
    const amountFen = fen(Math.min(args.offFen, hit.total));
    const detail =
      args.minSpendFen > 0 ? `满${args.minSpendFen / 100}减${args.offFen / 100}` : `减${args.offFen / 100}`;
    return [{ type: "discount", lineIndexes: indexes(hit.lines), amountFen, detail }];
  },
});

export const couponPercentOffKind = definePromotionKind({
  kind: "coupon_percent_off",
  stage: "coupon",
  commissionKind: null,
  args: z.object({
    ...common,
    payBps: z
      .int()
      .min(1)
      .max(BPS_WHOLE - 1),
    /** The most this coupon takes off; null: no most. */
    maxOffFen: z.int().min(1).nullable().default(null),
  }),
  apply(args, ctx) {
    const hit = covered(args, ctx);
    if (!hit) return [];
    const off = hit.total - applyBps(hit.total, bps(args.payBps));
    const amountFen = fen(args.maxOffFen === null ? off : Math.min(off, args.maxOffFen));
    return [
      { type: "discount", lineIndexes: indexes(hit.lines), amountFen, detail: `${args.payBps / 1000}折` },
    ];
  },
});

export const couponFreeShippingKind = definePromotionKind({
  kind: "coupon_free_shipping",
  stage: "coupon",
  commissionKind: null,
  args: z.object(common),
  apply(args, ctx) {
    const hit = covered(args, ctx);
    return hit ? [{ type: "free_shipping", lineIndexes: indexes(hit.lines), detail: "包邮" }] : [];
  },
});
