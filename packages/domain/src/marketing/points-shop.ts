// The points shop (积分商城): whether a shopper may redeem one unit of an item now, and how its price splits
// into the points part (a discount off the goods' price, earning no commission) and the cash part.
import { type Fen, fen } from "../money.ts";

export type PointsShopItemFacts = {
  points: number;
  cashFen: number;
  /** Exchange stock left. */
  stock: number;
  perPersonLimit: number | null;
  onSale: boolean;
};

export type PointsRedemptionRefusal =
  | "POINTS_ITEM_OFF_SALE"
  | "POINTS_ITEM_SOLD_OUT"
  | "POINTS_ITEM_LIMIT_REACHED";

export type PointsRedemptionDecision =
  | { ok: true; points: number; cashFen: Fen; offFen: Fen }
  | { ok: false; code: PointsRedemptionRefusal; details: Record<string, number> };

/**
 * One unit of `item` for a shopper who redeemed `redeemedBefore` units of it (orders closed unpaid not
 * counted), at the goods' price now. Refused: off sale, then sold out, then over the per-person limit. The
 * cash part is never more than the price (a price lowered since the item was set up caps it).
 * Example: 2000 points + ¥5 on a ¥39 mug → 2000 points, ¥5 cash, ¥34 off.
 */
export function decidePointsRedemption(
  item: PointsShopItemFacts,
  f: { priceFen: Fen; redeemedBefore: number },
): PointsRedemptionDecision {
  if (!item.onSale) return { ok: false, code: "POINTS_ITEM_OFF_SALE", details: {} };
  if (item.stock < 1) return { ok: false, code: "POINTS_ITEM_SOLD_OUT", details: { stock: item.stock } };
  if (item.perPersonLimit !== null && f.redeemedBefore >= item.perPersonLimit)
    return { ok: false, code: "POINTS_ITEM_LIMIT_REACHED", details: { limit: item.perPersonLimit } };
  const cashFen = fen(Math.min(item.cashFen, f.priceFen));
  return { ok: true, points: item.points, cashFen, offFen: fen(f.priceFen - cashFen) };
}
