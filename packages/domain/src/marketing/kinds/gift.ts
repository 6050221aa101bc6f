// 买一送一 / 满赠: buying covered goods (a piece count or an amount) adds gift SKUs at ¥0, each from the gift's
// own stock; with `repeat`, one gift per step reached (buy 2 → 2 gifts). Short gift stock gives no gift.
import { z } from "zod";
import { definePromotionKind, type PromotionEffect } from "../promotion.ts";
import { linesInScope, scopeSchema } from "../scope.ts";
import { basisSchema, measure, thresholdText } from "./tiers.ts";

export const giftKind = definePromotionKind({
  kind: "gift",
  stage: "gift",
  commissionKind: null,
  args: z.object({
    scope: scopeSchema.default({ type: "all" }),
    basis: basisSchema.default("quantity"),
    /** Pieces (quantity) or fen (amount) the covered goods must reach. */
    atLeast: z.int().min(1),
    repeat: z.boolean().default(false),
    items: z
      .array(
        z.object({
          skuId: z.string().min(1),
          /** Gift units per step reached. */
          quantity: z.int().min(1).default(1),
          /** Gift stock set aside (apart from the SKU's stock); null: unlimited. */
          stock: z.int().min(0).nullable().optional(),
        }),
      )
      .min(1)
      .max(5),
  }),
  apply(args, ctx) {
    const lines = linesInScope(args.scope, ctx.lines);
    const reached = measure(args.basis, lines);
    if (lines.length === 0 || reached < args.atLeast) return [];
    const steps = args.repeat ? Math.floor(reached / args.atLeast) : 1;
    const lineIndexes = lines.map((l) => l.index);
    const detail = `${thresholdText(args.basis, args.atLeast)}赠`;
    return args.items.map((item): PromotionEffect => {
      const quantity = item.quantity * steps;
      const left = ctx.activity.stockLeftBySku?.[item.skuId];
      return {
        type: "gift",
        skuId: item.skuId,
        quantity,
        lineIndexes,
        given: left === undefined || left >= quantity,
        detail,
      };
    });
  },
});
