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
  /** "满200减50"-style lines for threshold kinds; "满1件赠 帆布袋×1" for gifts. */
  details: z.array(z.string()),
  /** Which goods a threshold or gift kind covers (null for price kinds): all, or chosen categories or products. */
  scope: z
    .object({
      type: z.enum(["all", "categories", "products"]),
      categoryIds: z.array(z.number()),
      productIds: z.array(z.number()),
    })
    .nullable(),
  perPersonLimit: z.number().nullable(),
});

/** One coupon an invite-gift activity handed out: to whom, on which side, for which invitee, used or not. */
export const InviteGiftGrant = z.object({
  couponId: z.number(),
  side: z.enum(["inviter", "invitee"]),
  userId: z.number(),
  nickname: z.string(),
  inviteeUserId: z.number(),
  /** Null when the invitee's own coupon is not in the list (it could not be given). */
  inviteeNickname: z.string().nullable(),
  templateId: z.number(),
  templateName: z.string(),
  status: z.enum(["available", "used"]),
  grantedAt: z.date(),
});

/** The referral welcome offer running now and whether this shopper gets it (null: nobody logged in). */
export const WelcomeOfferResponse = z.object({
  offer: z
    .object({
      activityId: z.number(),
      name: z.string(),
      payBps: z.number(),
      maxOffFen: z.number().nullable(),
      endsAt: z.date(),
      scope: z.object({
        type: z.enum(["all", "categories", "products"]),
        categoryIds: z.array(z.number()),
        productIds: z.array(z.number()),
      }),
    })
    .nullable(),
  eligible: z.boolean().nullable(),
});
