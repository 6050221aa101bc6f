// The after-sale contract: the shopper's request and return parcel, staff review, and how one reads.
import { z } from "zod";
import { afterSaleKinds, afterSaleStatuses } from "../../db/schema/commerce.ts";
import { fromDigits, Id, TrackingNo } from "../../http/input-types.ts";

export { IdParams } from "../../http/input-types.ts";
export const RequestAfterSaleBody = z.strictObject({
  kind: z.enum(afterSaleKinds),
  items: z
    .array(
      z.strictObject({
        orderItemId: z.number().int().positive(),
        quantity: z.number().int().min(1).max(999),
      }),
    )
    .min(1)
    .max(50),
  reason: z.string().trim().min(1).max(60),
  description: z.string().trim().max(500).default(""),
  photos: z.array(z.string().trim().min(1).max(500)).max(9).default([]),
  /** A smaller amount agreed with the merchant; absent: everything these units may refund. */
  requestedFen: z.number().int().min(0).max(100_000_000_00).optional(),
});
export const ReturnParcelBody = z.strictObject({
  carrier: z.string().trim().min(1).max(30),
  trackingNo: TrackingNo,
});
/** Staff may refund less than the after-sale holds (never more); a lower amount needs a reason. */
const refundAdjust = {
  refundFen: z.number().int().min(0).max(100_000_000_00).optional(),
  refundReason: z.string().trim().max(200).nullable().optional(),
};
export const ApproveBody = z.strictObject({
  note: z.string().trim().max(200).nullable().default(null),
  ...refundAdjust,
});
export const ConfirmReturnBody = z.strictObject({
  /** Put the returned units back in stock (off for damaged goods). */
  restock: z.boolean().default(true),
  ...refundAdjust,
});
export const ConfirmRefundBody = z.strictObject(refundAdjust);
export const RefundPreviewQuery = z.strictObject({
  refundFen: z.coerce.number().int().min(0).max(100_000_000_00).optional(),
});
export const RejectBody = z.strictObject({ note: z.string().trim().min(1).max(200) });
export const ListQuery = z.strictObject({
  cursor: Id.optional(),
  limit: fromDigits(z.number().int().min(1).max(100).default(20)),
});
export const StaffListQuery = ListQuery.extend({ status: z.enum(afterSaleStatuses).optional() });

export const AfterSaleResponse = z.object({
  id: z.number(),
  orderId: z.number(),
  /** The order as people know it (the number on the shopper's screen), for lists and links. */
  orderNo: z.string(),
  kind: z.enum(afterSaleKinds),
  status: z.enum(afterSaleStatuses),
  reason: z.string(),
  description: z.string(),
  photos: z.array(z.string()),
  refundFen: z.number(),
  freightRefundFen: z.number(),
  merchantNote: z.string().nullable(),
  returnCarrier: z.string().nullable(),
  returnTrackingNo: z.string().nullable(),
  refundProvider: z.string().nullable(),
  failureReason: z.string().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
  refundedAt: z.date().nullable(),
  /** What the shopper asked for when staff refunded less; null otherwise. */
  requestedRefundFen: z.number().nullable(),
  refundAdjustReason: z.string().nullable(),
  /** Whether the returned units went back to stock (null until the return is confirmed). */
  restocked: z.boolean().nullable(),
  /** Where to send the parcel: only on an approved 退货退款 waiting for its goods. */
  returnAddress: z.object({ name: z.string(), phone: z.string(), address: z.string() }).nullable(),
  items: z.array(
    z.object({
      orderItemId: z.number(),
      quantity: z.number(),
      refundFen: z.number(),
      title: z.string(),
      skuLabel: z.string(),
      imageUrl: z.string().nullable(),
    }),
  ),
});
export const AfterSaleMoveResponse = z.object({
  afterSale: AfterSaleResponse,
  /** How the refund was started when this move reached `refunding`; sandbox_immediate means no money moved. */
  refund: z.object({ provider: z.enum(["payments", "sandbox_immediate"]) }).nullable(),
});
export const AfterSalePage = z.object({
  items: z.array(AfterSaleResponse),
  nextCursor: z.number().nullable(),
});

/** Staff lists (after-sales, 待退款确认) also name the buyer; the phone is masked (138****0001). */
export const StaffAfterSalePage = z.object({
  items: z.array(
    AfterSaleResponse.extend({
      buyer: z.object({ userId: z.number(), nickname: z.string(), phone: z.string().nullable() }).nullable(),
    }),
  ),
  nextCursor: z.number().nullable(),
});

export const RefundPreviewResponse = z.object({
  afterSaleId: z.number(),
  orderId: z.number(),
  orderNo: z.string(),
  status: z.enum(afterSaleStatuses),
  refundFen: z.number(),
  maxFen: z.number(),
  freightRefundFen: z.number(),
  destination: z.object({ provider: z.string(), walletFen: z.number() }),
  commissions: z.array(
    z.object({
      commissionId: z.number(),
      level: z.number(),
      earnerUserId: z.number(),
      earnerNickname: z.string().nullable(),
      status: z.string(),
      amountFen: z.number(),
      takeBackFen: z.number(),
      outcome: z.enum(["cancelled", "reduced", "clawed_back"]),
    }),
  ),
  restock: z.array(
    z.object({ orderItemId: z.number(), title: z.string(), skuLabel: z.string(), quantity: z.number() }),
  ),
});
