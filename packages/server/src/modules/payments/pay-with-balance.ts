// Paying a whole order from the shop balance: no provider, no page. In one transaction the balance is held
// for the order and the payment is confirmed through the same use case a provider's notification takes
// (provider `balance`, transaction `BAL<orderNo>`), so commissions and the ledger follow as for any payment.
import { BALANCE_PROVIDER, balanceTransactionId } from "@liebian/domain";
import { inTransaction } from "../../db/transaction.ts";
import type { AppDeps } from "../../deps.ts";
import { guardWallet, holdWholeOrder } from "../wallet/hold.ts";
import { confirmPayment } from "./confirm-payment.ts";

export async function payOrderWithBalance(
  deps: Pick<AppDeps, "db" | "now">,
  userId: number,
  orderNo: string,
): Promise<{ kind: "paid"; orderNo: string }> {
  return guardWallet(
    inTransaction(deps.db, async (tx) => {
      const now = deps.now();
      const order = await holdWholeOrder(tx, userId, orderNo, now);
      const confirmed = await confirmPayment(tx, {
        orderNo,
        provider: BALANCE_PROVIDER,
        transactionId: balanceTransactionId(orderNo),
        amountFen: order.payableFen,
        paidAt: now,
      });
      // The order was locked payable above: anything but a fresh payment is a broken invariant.
      if (confirmed.kind !== "recorded" || confirmed.outcome !== "paid")
        throw new Error(`balance payment of ${orderNo} not confirmed: ${confirmed.kind}`);
      return { kind: "paid" as const, orderNo };
    }),
  );
}
