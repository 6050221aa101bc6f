// The checkout and order contract. Bodies are strict: a client price or total is refused, never read.
import { z } from "zod";
import { orderStatuses } from "../../db/schema/commerce.ts";
import { errorCodes } from "../../errors/error-codes.ts";
import { fromDigits, Id, TrackingNo } from "../../http/input-types.ts";
import { fastSerialized } from "../../http/serializer.ts";
import { PayReply, ProviderName } from "../payments/schemas.ts";

export const OrderStatus = z.enum(orderStatuses);
const Items = z
  .array(z.strictObject({ skuId: z.number().int().positive(), quantity: z.number().int().min(1).max(999) }))
  .min(1)
  .max(50);

export const QuoteBody = z.strictObject({
  items: Items,
  addressId: z.number().int().positive().optional(),
  /** The shopper's coupon (from my coupons) to use; at most one per order. */
  couponId: z.number().int().positive().optional(),
  /** Points (积分) the shopper wants to pay with; the engine uses at most the rule's share of the order. */
  points: z.number().int().min(0).max(100_000_000).optional(),
});
export const PlaceOrderBody = z.strictObject({
  items: Items,
  /** Required unless every item is a service (course, class), which is delivered by a redemption code. */
  addressId: z.number().int().positive().optional(),
  couponId: z.number().int().positive().optional(),
  points: z.number().int().min(0).max(100_000_000).optional(),
  buyerRemark: z.string().trim().max(200).default(""),
  /** The items came from the cart: their lines are removed once the order is placed. */
  fromCart: z.boolean().default(false),
  /**
   * Start paying the whole order with this provider in the same request (the answer's `payment`), as
   * POST /orders/{orderNo}/pay would: one round trip fewer for a shopper on a phone. A part from the shop
   * balance depends on the order's final total, so it goes through the pay route once the order exists.
   */
  pay: z.strictObject({ provider: ProviderName }).optional(),
});

const Address = z.object({
  name: z.string(),
  phone: z.string(),
  provinceCode: z.string(),
  cityCode: z.string(),
  districtCode: z.string(),
  regionText: z.string(),
  detail: z.string(),
});

export const QuoteResponse = z.object({
  lines: z.array(
    z.object({
      skuId: z.number(),
      productId: z.number(),
      title: z.string(),
      skuLabel: z.string(),
      imageUrl: z.string().nullable(),
      unitPriceFen: z.number(),
      quantity: z.number(),
      listedFen: z.number(),
      discountFen: z.number(),
      paidFen: z.number(),
      /** The list price of one unit; above `unitPriceFen` when an activity prices the line. */
      originalUnitFen: z.number(),
      activity: z.object({ id: z.number(), kind: z.string(), label: z.string() }).nullable(),
    }),
  ),
  discounts: z.array(
    z.object({
      kind: z.string(),
      label: z.string(),
      amountFen: z.number(),
      source: z.enum(["activity", "coupon", "points"]),
      detail: z.string(),
      target: z.enum(["goods", "freight"]),
    }),
  ),
  freight: z.array(
    z.object({
      templateId: z.number(),
      feeFen: z.number(),
      reason: z.enum(["free_over_amount", "free_over_pieces", "region_rule", "default"]),
    }),
  ),
  goodsFen: z.number(),
  discountFen: z.number(),
  freightFen: z.number(),
  /** Freight a free-shipping discount waived (already left out of freightFen). */
  freightWaivedFen: z.number(),
  pointsUsed: z.number(),
  /** The shopper's points at checkout (null: points are off): balance, and the most this cart may use. */
  points: z.object({ balance: z.number(), pointsPerYuan: z.number(), maxUsable: z.number() }).nullable(),
  /** The coupon applied (null: none chosen). */
  couponId: z.number().nullable(),
  /** The shopper's coupons rated against this cart, for the coupon picker. */
  coupons: z.array(
    z.object({
      id: z.number(),
      name: z.string(),
      summary: z.string(),
      applicable: z.boolean(),
      amountFen: z.number(),
      /** Why it does not apply (null when it does): not_started, ended, scope, activity_priced, min_spend. */
      reason: z.enum(["not_started", "ended", "scope", "activity_priced", "min_spend"]).nullable(),
      /** With min_spend: how much more of the covered goods would make it apply. */
      shortFen: z.number().nullable(),
    }),
  ),
  payableFen: z.number(),
  delivery: z.enum(["shipping", "redemption"]),
  address: Address.nullable(),
  /** Gifts (买一送一 / 满赠) the cart earns at ¥0; `given` false: the gift's stock ran out, the order still stands. */
  gifts: z.array(
    z.object({
      activityId: z.number(),
      label: z.string(),
      detail: z.string(),
      skuId: z.number(),
      productId: z.number(),
      title: z.string(),
      skuLabel: z.string(),
      imageUrl: z.string().nullable(),
      quantity: z.number(),
      originalUnitFen: z.number(),
      given: z.boolean(),
    }),
  ),
});

const OrderItem = z.object({
  id: z.number(),
  productId: z.number(),
  skuId: z.number(),
  title: z.string(),
  skuLabel: z.string(),
  imageUrl: z.string().nullable(),
  unitPriceFen: z.number(),
  quantity: z.number(),
  listFen: z.number(),
  discountFen: z.number(),
  paidFen: z.number(),
  refundedQuantity: z.number(),
  refundedFen: z.number(),
  /** The activity kind that priced the line, and the list unit price it was priced below; null for plain lines. */
  activityKind: z.string().nullable(),
  originalUnitFen: z.number().nullable(),
  /** A gift line (activityKind "gift", ¥0): the items that earned it; their after-sale takes it along. */
  giftOf: z.array(z.number()).nullable(),
});
const dateOrNull = z.date().nullable();
export const OrderCard = z.object({
  id: z.number(),
  orderNo: z.string(),
  status: OrderStatus,
  /** The activity the order came from (flash_sale, group_buy, …): its commission switch governs the order. */
  activityKind: z.string().nullable(),
  discounts: z.array(
    z.object({
      kind: z.string(),
      label: z.string(),
      detail: z.string(),
      amountFen: z.number(),
      target: z.enum(["goods", "freight"]),
    }),
  ),
  goodsFen: z.number(),
  discountFen: z.number(),
  freightFen: z.number(),
  payableFen: z.number(),
  refundedFen: z.number(),
  /** The part of payable held or paid from the shop balance; the provider pays the rest. */
  walletFen: z.number(),
  /** `redemption`: service goods, delivered by a code (no address); `shipping`: parcels to the address. */
  delivery: z.enum(["shipping", "redemption"]),
  address: Address.nullable(),
  buyerRemark: z.string(),
  placedAt: z.date(),
  paidAt: dateOrNull,
  shippedAt: dateOrNull,
  receivedAt: dateOrNull,
  completedAt: dateOrNull,
  endedAt: dateOrNull,
  closeDueAt: dateOrNull,
  autoReceiveDueAt: dateOrNull,
  completeDueAt: dateOrNull,
  paymentProvider: z.string().nullable(),
  items: z.array(OrderItem),
  // staff only
  buyerUserId: z.number().optional(),
  merchantRemark: z.string().optional(),
  paymentTransactionId: z.string().nullable().optional(),
});
export const OrderDetail = OrderCard.extend({
  /** The code a service order is redeemed with, once paid (null otherwise). */
  redemption: z
    .object({ code: z.string(), status: z.enum(["issued", "redeemed"]), redeemedAt: z.date().nullable() })
    .nullable(),
  parcels: z.array(
    z.object({ id: z.number(), carrier: z.string(), trackingNo: z.string(), shippedAt: z.date() }),
  ),
  timeline: z.array(
    z.object({
      kind: z.string(),
      fromStatus: z.string().nullable(),
      toStatus: z.string().nullable(),
      actorKind: z.string(),
      note: z.string().nullable(),
      at: z.date(),
    }),
  ),
});
// An order's detail (placed, read, shipped...) is written by generated code, not parsed again (http/serializer.ts).
fastSerialized.add(OrderDetail);
/**
 * A placed order, and when it was asked for, its payment's first step — or why that could not start (the
 * order stands either way, unpaid; POST /orders/{orderNo}/pay tries again).
 */
export const PlacedOrder = OrderDetail.extend({
  payment: PayReply.optional(),
  paymentError: z.object({ code: z.enum(errorCodes), message: z.string() }).optional(),
});
fastSerialized.add(PlacedOrder);
export const OrderPage = z.object({ items: z.array(OrderCard), nextCursor: z.number().nullable() });

export const ShopperOrderQuery = z.strictObject({
  status: OrderStatus.optional(),
  cursor: Id.optional(),
  limit: fromDigits(z.number().int().min(1).max(50).default(10)),
});
const StaffFilters = {
  status: OrderStatus.optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  phone: z.string().trim().min(5).max(20).optional(),
  orderNo: z
    .string()
    .trim()
    .regex(/^\d{10,40}$/)
    .optional(),
};
export const StaffOrderQuery = z.strictObject({
  ...StaffFilters,
  cursor: Id.optional(),
  limit: fromDigits(z.number().int().min(1).max(100).default(20)),
});
export const ExportOrderQuery = z.strictObject(StaffFilters);

export { IdParams } from "../../http/input-types.ts";
export const ShipBody = z.strictObject({
  parcels: z
    .array(
      z.strictObject({
        carrier: z.string().trim().min(1).max(30),
        trackingNo: TrackingNo,
      }),
    )
    .min(1)
    .max(10),
});
export const RemarkBody = z.strictObject({ merchantRemark: z.string().trim().max(500) });
