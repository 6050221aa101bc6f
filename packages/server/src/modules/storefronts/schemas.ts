// HTTP contract of storefronts (个性化推广页 / 微店): the distributor's editor and the public page.
import { z } from "zod";
import { fromDigits } from "../../http/input-types.ts";
import { ProductCard } from "../catalog/schemas.ts";

/** How many products a storefront features; more is refused with STOREFRONT_TOO_MANY_PRODUCTS. */
export const MAX_STOREFRONT_PRODUCTS = 200;

export const StorefrontBody = z.strictObject({
  name: z.string().trim().min(1).max(30),
  /** A picture uploaded to the shop (POST /api/v1/uploads) or a demo picture; null for none. */
  coverUrl: z.string().trim().min(1).max(500).nullable().default(null),
  greeting: z.string().trim().max(200).default(""),
});

export const StorefrontPicksBody = z.strictObject({
  // accepted up to 10,000 so an oversized pick list gets its own answer (STOREFRONT_TOO_MANY_PRODUCTS)
  productIds: z.array(z.number().int().positive()).max(10_000),
});

export const StorefrontProductParams = z.strictObject({ productId: fromDigits(z.number().int().positive()) });

export const MyStorefront = z.strictObject({
  code: z.string(),
  /** `/s/CODE/store`: opens the storefront with the code. */
  link: z.string(),
  name: z.string(),
  coverUrl: z.string().nullable(),
  greeting: z.string(),
  /** The picks in the distributor's order (products taken off sale included, marked on the public page by absence). */
  productIds: z.array(z.number()),
  maxProducts: z.number(),
});

export const StorefrontParams = z.strictObject({ code: z.string().trim().min(4).max(16) });

export const PublicStorefront = z.strictObject({
  code: z.string(),
  name: z.string(),
  coverUrl: z.string().nullable(),
  greeting: z.string(),
  distributor: z.strictObject({ nickname: z.string(), avatarUrl: z.string().nullable() }),
  /** Picked products on sale; 0 means the storefront shows the whole shop. */
  productCount: z.number(),
});

export const StorefrontProductsQuery = z.strictObject({
  cursor: fromDigits(z.number().int().min(0)).optional(),
  limit: fromDigits(z.number().int().min(1).max(50)).default(20),
});

export const StorefrontProductPage = z.strictObject({
  items: z.array(ProductCard),
  /** The position to continue after; null on the last page. */
  nextCursor: z.number().nullable(),
});
