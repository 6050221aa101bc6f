// The records inside sandbox notifications: our own snapshot shapes, checked by zod on the way
// back in because they crossed HTTP like any provider's JSON.

import { z } from "zod";
import type { PaymentSnapshot, PayoutSnapshot, RefundSnapshot } from "../provider.ts";

const fen = z.number().int().nonnegative();
const ms = z.number().int().nullable();

export const paymentRecord = z.object({
  outTradeNo: z.string(),
  transactionId: z.string().nullable(),
  amountFen: fen,
  status: z.enum(["pending", "paid", "closed", "failed", "refunded"]),
  providerStatus: z.string(),
  paidAtMs: ms,
});

export const refundRecord = z.object({
  outTradeNo: z.string(),
  outRefundNo: z.string(),
  refundId: z.string().nullable(),
  refundFen: fen,
  status: z.enum(["processing", "succeeded", "closed", "abnormal"]),
  providerStatus: z.string(),
  succeededAtMs: ms,
});

export const payoutRecord = z.object({
  outPayoutNo: z.string(),
  providerPayoutNo: z.string().nullable(),
  amountFen: fen,
  status: z.enum(["processing", "wait_user_confirm", "succeeded", "failed", "cancelled"]),
  providerStatus: z.string(),
  failReason: z.string().optional(),
});

export function readPayment(resource: unknown): PaymentSnapshot | null {
  const parsed = paymentRecord.safeParse(resource);
  return parsed.success ? { ...parsed.data, raw: resource } : null;
}

export function readRefund(resource: unknown): RefundSnapshot | null {
  const parsed = refundRecord.safeParse(resource);
  return parsed.success ? { ...parsed.data, raw: resource } : null;
}

export function readPayout(resource: unknown): PayoutSnapshot | null {
  const parsed = payoutRecord.safeParse(resource);
  return parsed.success ? { ...parsed.data, raw: resource } : null;
}

/** Drops `raw` so a snapshot can travel as a notification resource. */
export function toRecord<T extends { raw: unknown }>(snapshot: T): Omit<T, "raw"> {
  const { raw: _raw, ...rest } = snapshot;
  return rest;
}
