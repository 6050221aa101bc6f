// The shared rule of the line-price activities (秒杀 and 限时折扣): chosen SKUs sell at an activity price
// or a 折 of their list price inside the window, from their own activity stock, up to a per-person limit.
import { z } from "zod";
import { applyBps, BPS_WHOLE, bps, fen } from "../../money.ts";
import type { PromotionContext, PromotionEffect } from "../promotion.ts";

export const linePriceArgs = z.object({
  items: z
    .array(
      z
        .object({
          skuId: z.string().min(1),
          /** The activity price of one unit, or … */
          priceFen: z.int().min(0).optional(),
          /** … what share of the list price is paid: 8折 = 8000. */
          payBps: z
            .int()
            .min(1)
            .max(BPS_WHOLE - 1)
            .optional(),
          /** Activity stock set aside when saved (kept apart from the SKU's stock); absent: none set aside. */
          stock: z.int().min(0).nullable().optional(),
        })
        .refine((i) => (i.priceFen === undefined) !== (i.payBps === undefined), {
          message: "set either priceFen or payBps",
        }),
    )
    .min(1),
  /** Units one shopper may buy in this activity, over all its orders; null: no limit. */
  perPersonLimit: z.int().min(1).nullable().default(null),
  /** Let threshold discounts and coupons also apply to these items (off by default). */
  stackable: z.boolean().default(false),
});
export type LinePriceArgs = z.output<typeof linePriceArgs>;

/**
 * Prices the cart lines of the activity's SKUs. A SKU whose activity stock is shorter than the line sells at
 * its normal price (the activity is over for it); more units than the per-person limit allows is refused.
 * Example: a ¥100 SKU at payBps 8000 → unit price 8000 fen.
 */
export function applyLinePrice(args: LinePriceArgs, ctx: PromotionContext): PromotionEffect[] {
  const effects: PromotionEffect[] = [];
  let units = 0;
  for (const line of ctx.lines) {
    const item = args.items.find((i) => i.skuId === line.skuId);
    if (!item) continue;
    const stockLeft = ctx.activity.stockLeftBySku?.[line.skuId];
    if (stockLeft !== undefined && stockLeft < line.quantity) continue;
    const unitPriceFen =
      item.priceFen !== undefined
        ? fen(item.priceFen)
        : item.payBps !== undefined
          ? applyBps(line.originalUnitFen, bps(item.payBps))
          : null; // the schema lets exactly one of the two through
    if (unitPriceFen === null || unitPriceFen >= line.originalUnitFen) continue;
    units += line.quantity;
    effects.push({ type: "line_price", lineIndex: line.index, unitPriceFen, stackable: args.stackable });
  }
  return refuseOverPersonLimit(ctx, args.perPersonLimit, units) ?? effects;
}

/** The refusal when this order's units would take the shopper past an activity's per-person limit. */
export function refuseOverPersonLimit(
  ctx: PromotionContext,
  limit: number | null,
  units: number,
): PromotionEffect[] | null {
  const bought = ctx.activity.shopperBought ?? 0;
  if (limit === null || units === 0 || bought + units <= limit) return null;
  return [
    {
      type: "refuse",
      reason: "ACTIVITY_LIMIT_EXCEEDED",
      details: { activityId: ctx.activity.id, limit, alreadyBought: bought, wanted: units },
    },
  ];
}
