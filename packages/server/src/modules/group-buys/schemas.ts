// The group-buy contract: the admin's activity editor and results, the shop's activity, open / join and
// a group's progress.
import { z } from "zod";
import { fromDigits, Id } from "../../http/input-types.ts";
import { OrderDetail } from "../orders/schemas.ts";

const Fen = z.number().int().min(0).max(100_000_000_00);

export const GroupBuyBody = z
  .strictObject({
    title: z.string().trim().min(1).max(40),
    productId: z.number().int().positive(),
    startsAt: z.coerce.date(),
    endsAt: z.coerce.date(),
    items: z
      .array(z.strictObject({ skuId: z.number().int().positive(), groupPriceFen: Fen }))
      .min(1)
      .max(300),
    groupSize: z.number().int().min(2).max(100),
    timeLimitMinutes: z
      .number()
      .int()
      .min(5)
      .max(7 * 24 * 60),
    leaderDiscountFen: Fen.default(0),
    leaderBonusFen: Fen.default(0),
    perPersonLimit: z.number().int().min(1).max(1000).nullable().default(null),
    virtualFillMaxMissing: z.number().int().min(0).max(99).default(0),
  })
  .refine((b) => b.virtualFillMaxMissing < b.groupSize, {
    message: "virtual fill must leave at least one real member",
    path: ["virtualFillMaxMissing"],
  });

export const GroupBuyResponse = z.object({
  id: z.number(),
  title: z.string(),
  productId: z.number(),
  productTitle: z.string(),
  productKind: z.enum(["physical", "service"]),
  imageUrl: z.string().nullable(),
  startsAt: z.date(),
  endsAt: z.date(),
  groupSize: z.number(),
  timeLimitMinutes: z.number(),
  leaderDiscountFen: z.number(),
  leaderBonusFen: z.number(),
  perPersonLimit: z.number().nullable(),
  virtualFillMaxMissing: z.number(),
  items: z.array(
    z.object({
      skuId: z.number(),
      specValues: z.array(z.string()),
      priceFen: z.number(),
      groupPriceFen: z.number(),
      stock: z.number(),
    }),
  ),
});

export const GroupBuyPage = z.object({
  items: z.array(
    GroupBuyResponse.extend({
      groups: z.object({ open: z.number(), formed: z.number(), failed: z.number() }),
    }),
  ),
  nextCursor: z.number().nullable(),
});

export const GroupStatus = z.enum(["open", "formed", "failed"]);

const Member = z.object({
  role: z.enum(["leader", "member"]),
  nickname: z.string(),
  avatarUrl: z.string().nullable(),
  paid: z.boolean(),
  joinedAt: z.date(),
  // staff only
  userId: z.number().optional(),
  orderId: z.number().optional(),
  orderStatus: z.string().optional(),
});

export const GroupResponse = z.object({
  id: z.number(),
  activityId: z.number(),
  status: GroupStatus,
  size: z.number(),
  expiresAt: z.date(),
  formedAt: z.date().nullable(),
  failedAt: z.date().nullable(),
  virtualMembers: z.number(),
  paidMembers: z.number(),
  placesLeft: z.number(),
  members: z.array(Member),
});

export const GroupPage = z.object({ items: z.array(GroupResponse), nextCursor: z.number().nullable() });

export const PageQuery = z.strictObject({
  cursor: Id.optional(),
  limit: fromDigits(z.number().int().min(1).max(100).default(20)),
});
export const GroupListQuery = PageQuery.extend({ status: GroupStatus.optional() });
export const RunningQuery = z.strictObject({ productId: Id.optional() });

export const GroupOrderBody = z.strictObject({
  skuId: z.number().int().positive(),
  /** Required unless the product is a service (course), delivered by a redemption code. */
  addressId: z.number().int().positive().optional(),
  buyerRemark: z.string().trim().max(200).default(""),
  /** The sharer's referral code from the group link (`?ref=`): binds the shopper like any referral link. */
  ref: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{4,16}$/)
    .optional(),
});

export const GroupOrderResponse = z.object({ group: GroupResponse, order: OrderDetail });
