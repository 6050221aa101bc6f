// The explicit list of promotion kinds. A new kind is one file exporting a `definePromotionKind(...)` and one
// line here; the pricing engine, the admin's editors and the server's validation all read this list.
import type { PromotionKind } from "../promotion.ts";
import { couponAmountOffKind, couponFreeShippingKind, couponPercentOffKind } from "./coupons.ts";
import { flashSaleKind } from "./flash-sale.ts";
import { giftKind } from "./gift.ts";
import { groupBuyKind } from "./group-buy.ts";
import { groupChallengeKind } from "./group-challenge.ts";
import { inviteGiftKind } from "./invite-gift.ts";
import { thresholdAmountOffKind } from "./threshold-amount-off.ts";
import { thresholdFreeShippingKind } from "./threshold-free-shipping.ts";
import { thresholdPercentOffKind } from "./threshold-percent-off.ts";
import { timedDiscountKind } from "./timed-discount.ts";
import { welcomeOfferKind } from "./welcome-offer.ts";

export const PROMOTION_KINDS: readonly PromotionKind<unknown>[] = [
  flashSaleKind,
  timedDiscountKind,
  thresholdAmountOffKind,
  thresholdPercentOffKind,
  thresholdFreeShippingKind,
  couponAmountOffKind,
  couponPercentOffKind,
  couponFreeShippingKind,
  groupBuyKind,
  welcomeOfferKind,
  giftKind,
  inviteGiftKind,
  groupChallengeKind,
];

/** The kind named, or undefined for a kind this build does not know. */
export function findPromotionKind(kind: string): PromotionKind<unknown> | undefined {
  return PROMOTION_KINDS.find((k) => k.kind === kind);
}
