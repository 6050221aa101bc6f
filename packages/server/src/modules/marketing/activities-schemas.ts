// The activity contract: any promotion kind of the domain's list, its args checked by that kind's schema.
import { z } from "zod";
import { singleLine } from "../../http/input-types.ts";

export const ActivityBody = z.strictObject({
  kind: z.string().min(1).max(40),
  name: singleLine(1, 40),
  startsAt: z.coerce.date(),
  endsAt: z.coerce.date(),
  /** The kind's args (domain marketing/kinds): SKU ids inside them are strings. */
  args: z.record(z.string(), z.unknown()),
});
export type ActivityInput = z.output<typeof ActivityBody>;

export const ActivityKindQuery = z.strictObject({ kind: z.string().max(40).optional() });

export const ActivityResponse = z.object({
  id: z.number(),
  kind: z.string(),
  name: z.string(),
  startsAt: z.date(),
  endsAt: z.date(),
  args: z.unknown(),
  status: z.enum(["active", "stopped"]),
  /** upcoming / running / ended (by the clock) or stopped (by staff). */
  state: z.enum(["upcoming", "running", "ended", "stopped"]),
  /** Per SKU: activity stock left (null: not set aside), units sold in the activity, and what it is. */
  skus: z.array(
    z.object({
      skuId: z.number(),
      stock: z.number().nullable(),
      sold: z.number(),
      productId: z.number(),
      productTitle: z.string(),
      specValues: z.array(z.string()),
      listPriceFen: z.number(),
    }),
  ),
  results: z.object({ orders: z.number(), units: z.number(), paidFen: z.number(), discountFen: z.number() }),
});

/** What the shop shows of a running activity on a product: its price, badge and countdown. */
export const ShopActivityResponse = z.object({
  id: z.number(),
  kind: z.string(),
  name: z.string(),
  startsAt: z.date(),
  endsAt: z.date(),
  /** Per SKU: its product, the activity price (for price kinds) and the activity stock left (null: not set aside). */
  skus: z.array(
    z.object({
      skuId: z.number(),
      productId: z.number(),
      priceFen: z.number(),
      stockLeft: z.number().nullable(),
    }),
  ),
  /** "满200减50"-style lines for threshold kinds. */
  details: z.array(z.string()),
  /** Which goods a threshold kind covers (null for price kinds): all, or chosen categories or products. */
  scope: z
    .object({
      type: z.enum(["all", "categories", "products"]),
      categoryIds: z.array(z.number()),
      productIds: z.array(z.number()),
    })
    .nullable(),
  perPersonLimit: z.number().nullable(),
});
