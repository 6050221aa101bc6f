// The confirm-payment use case every paid fact takes — a provider's notification, the reconcile sweep's
// query, or a payment from the shop balance (provider `balance`) — inside the caller's transaction:
// mark the order paid (the order row lock serialises duplicates; commissions run on the onPaid hooks),
// record the payment row, and post the ledger last with the commissions' postings. A part held from the
// shop balance is paid with the order: its own payment row and posting, keyed by the order number.

import {
  BALANCE_PROVIDER,
  balanceTransactionId,
  buildPaymentPosting,
  buildWalletPayPosting,
} from "@liebian/domain";
import type { Tx } from "../../db/client.ts";
import type { AppDeps } from "../../deps.ts";
import { queueLedgerPosting } from "../ledger/service.ts";
import { markOrderPaid } from "../orders/service.ts";
import { recordPaidPayment } from "./repo.ts";

export type PaidFact = {
  orderNo: string;
  provider: string;
  transactionId: string;
  amountFen: number;
  paidAt: Date;
};

export type ConfirmOutcome =
  | { kind: "amount_mismatch"; expectedFen: number }
  /** The same payment again: nothing written. */
  | { kind: "duplicate"; orderId: number; stray: string | null }
  /** Recorded; `stray` money (order closed, or paid twice) is held for an automatic refund. */
  | {
      kind: "recorded";
      orderId: number;
      outcome: "paid" | "already_paid" | "not_payable";
      stray: string | null;
    };

export async function confirmPayment(
  tx: Tx,
  deps: Pick<AppDeps, "orderHooks">,
  fact: PaidFact,
): Promise<ConfirmOutcome> {
  const result = await markOrderPaid(tx, fact, deps);
  if (result.outcome === "amount_mismatch")
    return { kind: "amount_mismatch", expectedFen: result.expectedFen };
  const duplicateCharge = result.outcome === "already_paid" && result.transactionId !== fact.transactionId;
  const stray =
    result.outcome === "not_payable"
      ? `order is ${result.state}`
      : duplicateCharge
        ? `order already paid by ${result.transactionId}`
        : null;
  const payment = { orderId: result.orderId, orderNo: fact.orderNo, outTradeNo: fact.orderNo };
  const fresh = await recordPaidPayment(tx, { ...payment, ...fact });
  if (!fresh) return { kind: "duplicate", orderId: result.orderId, stray };
  const buyer = result.outcome === "paid" ? result.buyerUserId : 0;
  // Money that arrived for an order we cannot fulfil is held for refund, not counted as revenue.
  queueLedgerPosting(
    tx,
    buildPaymentPosting({
      provider: fact.provider,
      transactionId: fact.transactionId,
      orderNo: fact.orderNo,
      buyerUserId: buyer,
      amountFen: fact.amountFen,
      stray: stray !== null,
      at: fact.paidAt,
    }),
  );
  if (result.outcome === "paid" && fact.provider !== BALANCE_PROVIDER && result.walletFen > 0) {
    const transactionId = balanceTransactionId(fact.orderNo);
    const part = {
      provider: BALANCE_PROVIDER,
      transactionId,
      amountFen: result.walletFen,
      paidAt: fact.paidAt,
    };
    await recordPaidPayment(tx, { ...payment, ...part });
    queueLedgerPosting(
      tx,
      buildWalletPayPosting({
        orderNo: fact.orderNo,
        buyerUserId: result.buyerUserId,
        amountFen: result.walletFen,
        at: fact.paidAt,
      }),
    );
  }
  return { kind: "recorded", orderId: result.orderId, outcome: result.outcome, stray };
}
