// 秒杀: a flash sale at an activity price; its orders follow the `flash_sale` commission switch.
import { definePromotionKind } from "../promotion.ts";
import { applyLinePrice, linePriceArgs } from "./line-price.ts";

export const flashSaleKind = definePromotionKind({
  kind: "flash_sale",
  stage: "price",
  commissionKind: "flash_sale",
  args: linePriceArgs,
  apply: applyLinePrice,
});
