// 拼团 as a pricing operation: a group member's line sells at the group price (the opener less the leader
// discount). The server passes it to the engine only for an order that opens or joins a group, never to an
// ordinary checkout; its orders follow the `group_buy` commission switch.
import { z } from "zod";
import { computeGroupUnitPrice, groupBuyArgs } from "../group-buy.ts";
import { definePromotionKind, type PromotionEffect } from "../promotion.ts";

export const groupBuyKind = definePromotionKind({
  kind: "group_buy",
  stage: "price",
  commissionKind: "group_buy",
  args: groupBuyArgs.extend({ asLeader: z.boolean().default(false) }),
  apply(args, ctx) {
    const effects: PromotionEffect[] = [];
    for (const line of ctx.lines) {
      const unitPriceFen = computeGroupUnitPrice(args, line.skuId, args.asLeader);
      if (unitPriceFen === null || unitPriceFen >= line.originalUnitFen) continue;
      effects.push({ type: "line_price", lineIndex: line.index, unitPriceFen, stackable: false });
    }
    return effects;
  },
});
