// The points-shop contract: the merchant's goods for points, the shop's list, and a redemption.
import { z } from "zod";
import { Id } from "../../http/input-types.ts";

export const PointsShopItemBody = z.strictObject({
  skuId: Id,
  points: z.int().min(1).max(100_000_000),
  /** Cash paid on top, no more than the SKU's price (0: points only). */
  cashFen: z.int().min(0).max(100_000_000).default(0),
  /** Exchange stock: units offered here (the SKU's own stock is taken too). */
  stock: z.int().min(0).max(10_000_000),
  perPersonLimit: z.int().min(1).max(1000).nullable().default(null),
  onSale: z.boolean().default(true),
});
export const PointsShopItemPatch = z.strictObject({
  points: z.int().min(1).max(100_000_000).optional(),
  cashFen: z.int().min(0).max(100_000_000).optional(),
  stock: z.int().min(0).max(10_000_000).optional(),
  perPersonLimit: z.int().min(1).max(1000).nullable().optional(),
  onSale: z.boolean().optional(),
});

export const PointsShopItemResponse = z.object({
  id: z.number(),
  skuId: z.number(),
  productId: z.number(),
  title: z.string(),
  skuLabel: z.string(),
  imageUrl: z.string().nullable(),
  /** The SKU's own price (what the goods are worth), and whether it is a service (no address). */
  priceFen: z.number(),
  kind: z.string(),
  points: z.number(),
  cashFen: z.number(),
  stock: z.number(),
  redeemed: z.number(),
  perPersonLimit: z.number().nullable(),
  onSale: z.boolean(),
});

export const RedeemBody = z.strictObject({
  /** Needed for shipped goods; none for a service. */
  addressId: Id.optional(),
});
