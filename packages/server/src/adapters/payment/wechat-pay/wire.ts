// The WeChat Pay v3 JSON we read (API answers and decrypted notification resources), as zod
// schemas, and how each maps onto our snapshots. Unknown fields pass through into `raw`.

import { z } from "zod";
import { parseRfc3339 } from "../beijing-time.ts";
import type {
  PaymentSnapshot,
  PaymentStatus,
  PayoutSnapshot,
  PayoutStatus,
  RefundSnapshot,
  RefundStatus,
} from "../provider.ts";

const fen = z.number().int().nonnegative();

export const transactionWire = z.looseObject({
  mchid: z.string(),
  appid: z.string(),
  out_trade_no: z.string(),
  transaction_id: z.string().optional(),
  trade_state: z.string(),
  success_time: z.string().optional(),
  amount: z.looseObject({ total: fen.optional(), payer_total: fen.optional() }).optional(),
});

export const refundWire = z.looseObject({
  mchid: z.string().optional(),
  out_trade_no: z.string(),
  out_refund_no: z.string(),
  refund_id: z.string(),
  /** API answers call it `status`, notifications `refund_status`. */
  status: z.string().optional(),
  refund_status: z.string().optional(),
  success_time: z.string().optional(),
  amount: z.looseObject({ refund: fen, total: fen }),
});

export const transferWire = z.looseObject({
  mch_id: z.string().optional(),
  out_bill_no: z.string(),
  transfer_bill_no: z.string().optional(),
  state: z.string(),
  transfer_amount: fen.optional(),
  package_info: z.string().optional(),
  fail_reason: z.string().optional(),
});

export const notificationEnvelope = z.looseObject({
  id: z.string(),
  event_type: z.string(),
  resource_type: z.string().optional(),
  resource: z.looseObject({
    algorithm: z.string(),
    ciphertext: z.string(),
    associated_data: z.string().optional(),
    nonce: z.string(),
    original_type: z.string().optional(),
  }),
});

const TRADE_STATES: Record<string, PaymentStatus> = {
  SUCCESS: "paid",
  REFUND: "refunded",
  NOTPAY: "pending",
  USERPAYING: "pending",
  CLOSED: "closed",
  REVOKED: "closed",
  PAYERROR: "failed",
};

export function toPaymentSnapshot(wire: z.infer<typeof transactionWire>): PaymentSnapshot {
  return {
    outTradeNo: wire.out_trade_no,
    transactionId: wire.transaction_id ?? null,
    amountFen: wire.amount?.total ?? 0,
    status: TRADE_STATES[wire.trade_state] ?? "pending",
    providerStatus: wire.trade_state,
    paidAtMs: wire.trade_state === "SUCCESS" ? parseRfc3339(wire.success_time) : null,
    raw: wire,
  };
}

const REFUND_STATES: Record<string, RefundStatus> = {
  SUCCESS: "succeeded",
  CLOSED: "closed",
  PROCESSING: "processing",
  // ABNORMAL is not final (e.g. the buyer's card was frozen); it needs a person, not a retry.
  ABNORMAL: "abnormal",
};

export function toRefundSnapshot(wire: z.infer<typeof refundWire>): RefundSnapshot {
  const state = wire.refund_status ?? wire.status ?? "PROCESSING";
  return {
    outTradeNo: wire.out_trade_no,
    outRefundNo: wire.out_refund_no,
    refundId: wire.refund_id,
    refundFen: wire.amount.refund,
    status: REFUND_STATES[state] ?? "processing",
    providerStatus: state,
    succeededAtMs: state === "SUCCESS" ? parseRfc3339(wire.success_time) : null,
    raw: wire,
  };
}

const TRANSFER_STATES: Record<string, PayoutStatus> = {
  ACCEPTED: "processing",
  PROCESSING: "processing",
  TRANSFERING: "processing",
  CANCELING: "processing",
  WAIT_USER_CONFIRM: "wait_user_confirm",
  SUCCESS: "succeeded",
  FAIL: "failed",
  CANCELLED: "cancelled",
};

export function toPayoutSnapshot(wire: z.infer<typeof transferWire>, amountFen: number): PayoutSnapshot {
  return {
    outPayoutNo: wire.out_bill_no,
    providerPayoutNo: wire.transfer_bill_no ?? null,
    amountFen: wire.transfer_amount ?? amountFen,
    status: TRANSFER_STATES[wire.state] ?? "processing",
    providerStatus: wire.state,
    packageInfo: wire.package_info,
    failReason: wire.fail_reason,
    raw: wire,
  };
}
