// The shop balance's share of an after-sale refund goes straight back to the buyer's wallet, in the same
// step that decides it: split by computeRefundSplit (in proportion to what the balance paid, on the running
// total, so full and partial refunds return exactly what each side paid), one refund row `RF<id>W`
// (provider `balance`) and one ledger posting `refund:balance:RF<id>W`. What is left goes to the provider.

import { BALANCE_PROVIDER, buildWalletRefundPosting } from "@liebian/domain";
import { inTransaction } from "../../db/transaction.ts";
import type { AppDeps } from "../../deps.ts";
import { completeAfterSaleRefund } from "../aftersales/service.ts";
import { postLedgerTransaction } from "../ledger/service.ts";
import { lockOrder } from "../orders/repo.ts";
import { computeWalletRefundShare } from "../wallet/refund-share.ts";
import type { RefundStartInput } from "./refunds.ts";
import { findRefundByNumber, finishRefund, insertRefund } from "./repo.ts";

/**
 * Refunds the balance's share of an after-sale (once: a retry finds its row) and answers the provider's
 * share. When nothing is left for the provider, the after-sale is completed here.
 */
export async function refundWalletShare(
  deps: Pick<AppDeps, "db" | "now">,
  input: RefundStartInput,
): Promise<{ providerFen: number }> {
  return inTransaction(deps.db, async (tx) => {
    // The order lock queues this order's refunds, so each split sees the ones before it.
    const order = await lockOrder(tx, { orderId: input.orderId });
    if (!order || order.walletFen === 0 || order.paidAt === null) return { providerFen: input.amountFen };
    const at = deps.now();
    const outRefundNo = `RF${input.afterSaleId}W`;
    const done = await findRefundByNumber(tx, BALANCE_PROVIDER, outRefundNo);
    let walletFen = done?.amount_fen ?? 0;
    if (!done) {
      walletFen = await computeWalletRefundShare(tx, order, input.afterSaleId, input.amountFen);
      if (walletFen > 0) {
        const row = await insertRefund(tx, {
          afterSaleId: input.afterSaleId,
          orderId: order.id,
          orderNo: order.orderNo,
          provider: BALANCE_PROVIDER,
          outRefundNo,
          amountFen: walletFen,
          reason: input.reason || "after-sale",
          at,
        });
        await finishRefund(tx, row.id, { status: "succeeded", providerRefundId: outRefundNo, at });
      }
    }
    const providerFen = input.amountFen - walletFen;
    const money = { provider: BALANCE_PROVIDER, outRefundNo, amountFen: walletFen };
    // All of it went back to the wallet: the after-sale is done, its posting planned with its clawbacks.
    if (providerFen === 0)
      await completeAfterSaleRefund(tx, {
        afterSaleId: input.afterSaleId,
        refundId: outRefundNo,
        at,
        provider: BALANCE_PROVIDER,
        money: walletFen > 0 ? money : null,
      });
    // The provider pays the rest later; the wallet's share is back now.
    else if (walletFen > 0)
      await postLedgerTransaction(
        tx,
        buildWalletRefundPosting({
          ...money,
          orderNo: order.orderNo,
          afterSaleId: input.afterSaleId,
          buyerUserId: order.buyerUserId,
          at,
        }),
      );
    return { providerFen };
  });
}
