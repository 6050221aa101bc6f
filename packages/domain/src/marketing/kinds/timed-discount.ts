// 限时折扣: a discount for a window (¥100 at 8折 for 24 h); its orders follow the `timed_discount` switch.
import { definePromotionKind } from "../promotion.ts";
import { applyLinePrice, linePriceArgs } from "./line-price.ts";

export const timedDiscountKind = definePromotionKind({
  kind: "timed_discount",
  stage: "price",
  commissionKind: "timed_discount",
  args: linePriceArgs,
  apply: applyLinePrice,
});
