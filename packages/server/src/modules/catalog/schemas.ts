// The catalog contract: categories, the product editor (spec axes × SKUs) and the shop's product pages.
import { z } from "zod";
import { productKinds, productStatuses } from "../../db/schema/commerce.ts";
import { fromDigits, Id, singleLine, somethingToUpdate } from "../../http/input-types.ts";

const Fen = z.number().int().min(0).max(100_000_000_00);
const Url = z.string().trim().min(1).max(500);

export { IdParams } from "../../http/input-types.ts";
export const ProductStatus = z.enum(productStatuses);

export const CategoryBody = z.strictObject({
  name: singleLine(1, 20),
  parentId: z.number().int().positive().nullable().default(null),
  iconUrl: Url.nullable().default(null),
  sort: z.number().int().min(-100_000).max(100_000).default(0),
});
export const UpdateCategoryBody = somethingToUpdate(
  z.strictObject({
    name: singleLine(1, 20).optional(),
    parentId: z.number().int().positive().nullable().optional(),
    iconUrl: Url.nullable().optional(),
    sort: z.number().int().min(-100_000).max(100_000).optional(),
  }),
);
export const CategoryResponse = z.object({
  id: z.number(),
  parentId: z.number().nullable(),
  name: z.string(),
  iconUrl: z.string().nullable(),
  sort: z.number(),
});

const SpecAxis = z.strictObject({
  name: z.string().trim().min(1).max(20),
  values: z.array(z.string().trim().min(1).max(30)).min(1).max(30),
});
const SkuBody = z.strictObject({
  /** Present for an existing SKU of this product; absent for a new one. */
  id: z.number().int().positive().optional(),
  specValues: z.array(z.string().trim().min(1).max(30)).max(3).default([]),
  priceFen: Fen,
  originalPriceFen: Fen.nullable().default(null),
  /** Initial stock of a new SKU; an existing SKU's stock changes only through stock adjustments. */
  stock: z.number().int().min(0).max(10_000_000).default(0),
  code: z.string().trim().min(1).max(64).nullable().default(null),
  weightGrams: z.number().int().min(0).max(1_000_000).default(0),
  imageUrl: Url.nullable().default(null),
  commissionRule: z.unknown().nullable().default(null),
});
export const ProductBody = z.strictObject({
  title: singleLine(1, 60),
  subtitle: z.string().trim().max(120).default(""),
  categoryId: z.number().int().positive().nullable().default(null),
  images: z.array(Url).max(9).default([]),
  params: z
    .array(z.strictObject({ key: z.string().trim().min(1).max(20), value: z.string().trim().max(200) }))
    .max(30)
    .default([]),
  descriptionHtml: z.string().max(100_000).default(""),
  specAxes: z.array(SpecAxis).max(3).default([]),
  skus: z.array(SkuBody).min(1).max(300),
  status: ProductStatus.default("draft"),
  sort: z.number().int().min(-100_000).max(100_000).default(0),
  purchaseLimit: z.number().int().min(1).max(100_000).nullable().default(null),
  /** `service`: a course or class delivered by a redemption code (no address, no freight). */
  kind: z.enum(productKinds).default("physical"),
  /** A service left unredeemed counts as delivered this many days after payment; null: only redemption. */
  serviceValidDays: z.number().int().min(1).max(3650).nullable().default(null),
  freightTemplateId: z.number().int().positive().nullable().default(null),
  commissionRule: z.unknown().nullable().default(null),
});
export type ProductInput = z.output<typeof ProductBody>;

export const BulkStatusBody = z.strictObject({
  ids: z.array(z.number().int().positive()).min(1).max(200),
  status: ProductStatus,
});

export const SkuResponse = z.object({
  id: z.number(),
  specValues: z.array(z.string()),
  priceFen: z.number(),
  originalPriceFen: z.number().nullable(),
  stock: z.number(),
  code: z.string().nullable(),
  weightGrams: z.number(),
  imageUrl: z.string().nullable(),
  commissionRule: z.unknown().nullable(),
});
export const ProductResponse = z.object({
  id: z.number(),
  categoryId: z.number().nullable(),
  title: z.string(),
  subtitle: z.string(),
  images: z.array(z.string()),
  params: z.array(z.object({ key: z.string(), value: z.string() })),
  descriptionHtml: z.string(),
  specAxes: z.array(z.object({ name: z.string(), values: z.array(z.string()) })),
  status: ProductStatus,
  sort: z.number(),
  purchaseLimit: z.number().nullable(),
  kind: z.enum(productKinds),
  serviceValidDays: z.number().nullable(),
  freightTemplateId: z.number().nullable(),
  commissionRule: z.unknown().nullable(),
  salesCount: z.number(),
  skus: z.array(SkuResponse),
  createdAt: z.date(),
  updatedAt: z.date(),
});

export const ProductCard = z.object({
  id: z.number(),
  title: z.string(),
  subtitle: z.string(),
  imageUrl: z.string().nullable(),
  status: ProductStatus,
  categoryId: z.number().nullable(),
  sort: z.number(),
  priceFen: z.number(),
  originalPriceFen: z.number().nullable(),
  stock: z.number(),
  salesCount: z.number(),
});
export const ProductPage = z.object({ items: z.array(ProductCard), nextCursor: z.string().nullable() });

const cursorText = z.string().regex(/^-?\d{1,7}_\d{1,15}$/, "a cursor from the previous page");
export const ShopProductQuery = z.strictObject({
  categoryId: Id.optional(),
  q: z.string().trim().min(1).max(40).optional(),
  cursor: cursorText.optional(),
  limit: fromDigits(z.number().int().min(1).max(50).default(20)),
});
export const AdminProductQuery = ShopProductQuery.extend({ status: ProductStatus.optional() });
export type ProductQuery = z.output<typeof AdminProductQuery>;
