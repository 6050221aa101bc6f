// Staff refunding less than the after-sale holds: the lower amount is spread over its lines and freight by
// largest remainder (domain allocate), in proportion to what each part held, so commissions are taken back
// by the refunded share of each line. A reason is required; the shopper's request is kept beside it.
import { allocate, fen } from "@liebian/domain";
import type { Tx } from "../../db/client.ts";
import { AppError } from "../../errors/app-error.ts";
import {
  type AfterSaleRow,
  findAfterSaleItems,
  updateAfterSaleIfStatus,
  updateAfterSaleItemRefund,
} from "./repo.ts";

export type RefundAdjustment = { refundFen?: number | undefined; reason?: string | null | undefined };

type Part = { orderItemId: number; refundFen: number };

/** The after-sale's parts at `refundFen` (≤ what it holds): per line, then freight. */
export function spreadRefund(
  afterSale: Pick<AfterSaleRow, "refundFen" | "freightRefundFen">,
  parts: readonly Part[],
  refundFen: number,
): { lines: Part[]; freightRefundFen: number } {
  if (refundFen > afterSale.refundFen) {
    throw new AppError("REFUND_AMOUNT_EXCEEDED", "Cannot refund more than this after-sale holds", {
      requestedFen: refundFen,
      maxFen: afterSale.refundFen,
    });
  }
  const shares = allocate(fen(refundFen), [...parts.map((p) => p.refundFen), afterSale.freightRefundFen]);
  return {
    lines: parts.map((p, i) => ({ orderItemId: p.orderItemId, refundFen: shares[i]! })),
    freightRefundFen: shares[parts.length]!,
  };
}

/** Lowers the amount in `tx` when staff ask for less; the same or no amount leaves the after-sale as it is. */
export async function adjustRefund(tx: Tx, afterSale: AfterSaleRow, input: RefundAdjustment, at: Date) {
  if (input.refundFen === undefined || input.refundFen === afterSale.refundFen) return afterSale;
  const reason = input.reason?.trim();
  if (!reason) {
    throw new AppError("REFUND_REASON_REQUIRED", "Refunding less than the maximum needs a reason", {
      refundFen: input.refundFen,
      maxFen: afterSale.refundFen,
    });
  }
  const parts = await findAfterSaleItems(tx, [afterSale.id]);
  const spread = spreadRefund(afterSale, parts, input.refundFen);
  for (const line of spread.lines)
    await updateAfterSaleItemRefund(tx, afterSale.id, line.orderItemId, line.refundFen);
  const row = await updateAfterSaleIfStatus(tx, afterSale.id, afterSale.status, {
    refundFen: input.refundFen,
    freightRefundFen: spread.freightRefundFen,
    requestedRefundFen: afterSale.requestedRefundFen ?? afterSale.refundFen,
    refundAdjustReason: reason,
    updatedAt: at,
  });
  return row!;
}
