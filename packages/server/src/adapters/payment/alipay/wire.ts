// The Alipay answers and notification fields we read, and how they map onto our snapshots.
// Amounts arrive as yuan strings ("12.30") and are converted exactly; a malformed amount makes
// the whole answer invalid rather than becoming 0.

import { parseBeijingDateTime } from "../beijing-time.ts";
import type {
  PaymentSnapshot,
  PaymentStatus,
  PayoutSnapshot,
  PayoutStatus,
  RefundSnapshot,
} from "../provider.ts";
import { yuanToFen } from "../yuan.ts";

type Fields = Record<string, unknown>;

function str(fields: Fields, key: string): string | undefined {
  const value = fields[key];
  return typeof value === "string" && value !== "" ? value : undefined;
}

const TRADE_STATES: Record<string, PaymentStatus> = {
  WAIT_BUYER_PAY: "pending",
  TRADE_SUCCESS: "paid",
  // TRADE_FINISHED follows TRADE_SUCCESS when the refund window ends: still the same one payment.
  TRADE_FINISHED: "paid",
  // Unpaid timeout, or fully refunded (told apart by refund_fee, see below).
  TRADE_CLOSED: "closed",
};

export function toPaymentSnapshot(fields: Fields): PaymentSnapshot | null {
  const outTradeNo = str(fields, "out_trade_no");
  const tradeStatus = str(fields, "trade_status");
  const amountFen = yuanToFen(str(fields, "total_amount") ?? "");
  if (!outTradeNo || !tradeStatus || amountFen === null) return null;
  const refundedFen = yuanToFen(str(fields, "refund_fee") ?? "");
  // A trade closed after a refund was paid: report it as refunded, never as an unpaid close.
  const status =
    tradeStatus === "TRADE_CLOSED" && refundedFen !== null && refundedFen > 0
      ? "refunded"
      : (TRADE_STATES[tradeStatus] ?? "pending");
  return {
    outTradeNo,
    transactionId: str(fields, "trade_no") ?? null,
    amountFen,
    status,
    providerStatus: tradeStatus,
    paidAtMs:
      status === "paid"
        ? parseBeijingDateTime(str(fields, "gmt_payment") ?? str(fields, "send_pay_date"))
        : null,
    raw: fields,
  };
}

export function toRefundSnapshot(
  fields: Fields,
  outTradeNo: string,
  outRefundNo: string,
  amountKey: string,
): RefundSnapshot | null {
  const refundFen = yuanToFen(str(fields, amountKey) ?? "");
  if (refundFen === null) return null;
  // fastpay.refund.query: data present (and status absent or REFUND_SUCCESS) means refunded.
  const refundStatus = str(fields, "refund_status") ?? "REFUND_SUCCESS";
  const succeeded = refundStatus === "REFUND_SUCCESS";
  return {
    outTradeNo,
    outRefundNo,
    refundId: str(fields, "trade_no") ?? null,
    refundFen,
    status: succeeded ? "succeeded" : "processing",
    providerStatus: refundStatus,
    succeededAtMs: succeeded
      ? parseBeijingDateTime(str(fields, "gmt_refund_pay") ?? str(fields, "gmt_refund"))
      : null,
    raw: fields,
  };
}

const TRANSFER_STATES: Record<string, PayoutStatus> = {
  SUCCESS: "succeeded",
  DEALING: "processing",
  WAIT_PAY: "processing",
  INIT: "processing",
  FAIL: "failed",
  CLOSED: "failed",
  // REFUND: paid, then bounced back by the receiving account.
  REFUND: "failed",
};

export function toPayoutSnapshot(
  fields: Fields,
  outPayoutNo: string,
  requestedFen: number,
): PayoutSnapshot | null {
  const status = str(fields, "status");
  if (!status) return null;
  const amount = str(fields, "trans_amount");
  return {
    outPayoutNo,
    providerPayoutNo: str(fields, "order_id") ?? null,
    // The transfer answer omits the amount; the query carries it.
    amountFen: amount ? (yuanToFen(amount) ?? requestedFen) : requestedFen,
    status: TRANSFER_STATES[status] ?? "processing",
    providerStatus: status,
    failReason: str(fields, "fail_reason") ?? str(fields, "error_code"),
    raw: fields,
  };
}
