// Which lines a promotion covers: all goods, chosen categories or chosen products.
import { z } from "zod";
import type { PromotionLine } from "./promotion.ts";

export const scopeSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("all") }),
  z.object({ type: z.literal("categories"), categoryIds: z.array(z.string()).min(1) }),
  z.object({ type: z.literal("products"), productIds: z.array(z.string()).min(1) }),
]);
export type PromotionScope = z.output<typeof scopeSchema>;

/** The lines a scope covers. Example: { type: "products", productIds: ["7"] } keeps only product 7's lines. */
export function linesInScope(scope: PromotionScope, lines: readonly PromotionLine[]): PromotionLine[] {
  if (scope.type === "all") return [...lines];
  if (scope.type === "categories")
    return lines.filter((l) => l.categoryId !== null && scope.categoryIds.includes(l.categoryId));
  return lines.filter((l) => scope.productIds.includes(l.productId));
}
