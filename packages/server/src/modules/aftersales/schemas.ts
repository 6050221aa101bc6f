// The after-sale contract: the shopper's request and return parcel, staff review, and how one reads.
import { z } from "zod";
import { afterSaleKinds, afterSaleStatuses } from "../../db/schema/commerce.ts";
import { fromDigits, Id } from "../../http/input-types.ts";

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
  trackingNo: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{4,40}$/),
});
export const ApproveBody = z.strictObject({ note: z.string().trim().max(200).nullable().default(null) });
export const RejectBody = z.strictObject({ note: z.string().trim().min(1).max(200) });
export const ListQuery = z.strictObject({
  cursor: Id.optional(),
  limit: fromDigits(z.number().int().min(1).max(100).default(20)),
});
export const StaffListQuery = ListQuery.extend({ status: z.enum(afterSaleStatuses).optional() });

export const AfterSaleResponse = z.object({
  id: z.number(),
  orderId: z.number(),
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
