// The marketing area's face to other modules: pricing a checkout with promotions, what an order line records
// of the activity that priced it, and taking / giving back what an order holds of promotions (activity stock,
// its coupon).
import type { PricedLine } from "@liebian/domain";
import type { Tx } from "../../db/client.ts";
import { AppError } from "../../errors/app-error.ts";
import { returnActivityStock, takeActivityStock } from "./activities-repo.ts";
import { returnCouponOfOrder, useCoupon } from "./coupons-repo.ts";
import { forgetRunningActivities } from "./running-activities.ts";

export { type PromotedCart, priceWithPromotions } from "./checkout-pricing.ts";
export { grantCouponReward } from "./coupons-service.ts";
export { grantInviteGifts } from "./invite-gifts.ts";

/** The order_items columns that say which activity priced a line. */
export function promotionColumnsOf(line: PricedLine) {
  if (!line.activity) return { activityId: null, activityKind: null, originalUnitFen: null };
  return {
    activityId: Number(line.activity.id),
    activityKind: line.activity.commissionKind ?? line.activity.kind,
    originalUnitFen: line.originalUnitFen as number,
  };
}

type HeldLine = { skuId: number; quantity: number; activityId: number | null };

/**
 * Takes the activity stock of a just-placed order's activity lines (in SKU order, like normal stock). A line
 * whose activity stock ran out since the quote refuses the order: the shopper sees the normal price on the
 * next quote.
 */
export async function reservePromotions(
  tx: Tx,
  order: { orderId: number; userId: number; at: Date; couponId: number | null; items: HeldLine[] },
) {
  if (order.couponId !== null) {
    const used = await useCoupon(tx, {
      couponId: order.couponId,
      userId: order.userId,
      orderId: order.orderId,
      at: order.at,
    });
    if (!used) throw new AppError("COUPON_USED", "This coupon was used", { couponId: order.couponId });
  }
  const held = order.items.filter((i) => i.activityId !== null).sort((a, b) => a.skuId - b.skuId);
  for (const item of held) {
    if (!(await takeActivityStock(tx, item.activityId!, item.skuId, item.quantity))) {
      forgetRunningActivities(tx);
      throw new AppError("ACTIVITY_STOCK_INSUFFICIENT", "The activity's stock ran out", {
        skuId: item.skuId,
        activityId: item.activityId!,
      });
    }
  }
  // Quotes should see the stock that is left, not the remembered copy.
  if (held.length > 0) forgetRunningActivities(tx);
}

/** Gives back what an unpaid order held: its activity stock and its coupon. */
export async function returnPromotionsOfUnpaidOrder(tx: Tx, order: { orderId: number; items: HeldLine[] }) {
  await returnCouponOfOrder(tx, order.orderId);
  const held = order.items.filter((i) => i.activityId !== null).sort((a, b) => a.skuId - b.skuId);
  for (const item of held) await returnActivityStock(tx, item.activityId!, item.skuId, item.quantity);
  if (held.length > 0) forgetRunningActivities(tx);
}

/**
 * Gives the coupon of a paid order back once the whole order is refunded, with its original validity (an
 * expired one comes back expired). A partial refund keeps it used: its discount stays spread over the items
 * kept, so returning it would give the discount twice. True when a coupon came back.
 */
export async function returnCouponOfRefundedOrder(tx: Tx, orderId: number): Promise<boolean> {
  return returnCouponOfOrder(tx, orderId);
}

/** Takes a gift's units from its activity's gift stock; false (nothing taken) when that stock is short. */
export async function takeGiftStock(tx: Tx, gift: { activityId: number; skuId: number; quantity: number }) {
  const taken = await takeActivityStock(tx, gift.activityId, gift.skuId, gift.quantity);
  forgetRunningActivities(tx);
  return taken;
}

/** Gives a gift's units back to its activity's gift stock (the SKU's own stock was short after all). */
export async function returnGiftStock(tx: Tx, gift: { activityId: number; skuId: number; quantity: number }) {
  await returnActivityStock(tx, gift.activityId, gift.skuId, gift.quantity);
}
