// What a provider's payment does to its order, decided from the locked order, its snapshot and the event:
// pay it (payment rows, commission lines, ledger postings), ignore a repeat, refund money the order cannot
// take, or refuse an amount that does not match. The server applies the plan in one transaction.

import { computeCommissions } from "../distribution/commission-engine.ts";
import { commissionReleaseDueAt } from "../distribution/commission-state.ts";
import { BALANCE_PROVIDER, balanceTransactionId } from "../ledger/accounts.ts";
import {
  buildCommissionFrozenPosting,
  buildPaymentPosting,
  buildWalletPayPosting,
  type Posting,
} from "../ledger/postings.ts";
import type { Bps, Fen } from "../money.ts";
import type { OrderSnapshot } from "./order-snapshot.ts";

export type PaymentFacts<At> = {
  order: {
    orderId: number;
    orderNo: string;
    buyerUserId: number;
    status: string;
    /** Set once the order was paid (by this payment or another). */
    paid: boolean;
    paymentTransactionId: string | null;
    payableFen: number;
    /** The part already held from the shop balance. */
    walletFen: number;
  };
  event: { provider: string; transactionId: string; amountFen: number; at: At; atMs: number };
  /** The order-time snapshot, or null when distribution was off when the order was placed. */
  snapshot: OrderSnapshot | null;
};

/** One payment row to record (unique per provider and transaction). */
export type PaymentRecord = { provider: string; transactionId: string; amountFen: number };

/** One commission row to create, frozen (or held, if review says so) until released. */
export type PlannedCommission = {
  orderItemId: number;
  level: number;
  earnerUserId: number;
  /** The item's paid amount: what later refunds are measured against. */
  itemFen: Fen;
  baseFen: Fen;
  rateBps: Bps | null;
  fixedFenPerUnit: Fen | null;
  quantity: number;
  rateSource: string;
  amountFen: Fen;
};

export type PaymentPlan<At> =
  | {
      kind: "pay";
      /** The provider's payment first, then the shop balance's part (if any). */
      payments: PaymentRecord[];
      commissions: PlannedCommission[];
      /** When the commissions fall due, if already known (release after payment). */
      commissionsDueAtMs: number | null;
      /** The payment's postings, then one per commission line. */
      postings: Posting<At>[];
    }
  /** The same payment delivered again: nothing to write. */
  | { kind: "duplicate" }
  /** Money for an order that cannot take it (closed, or paid by another transaction): held for refund. */
  | {
      kind: "refund_unpayable";
      outcome: "already_paid" | "not_payable";
      reason: string;
      payments: [PaymentRecord];
      postings: Posting<At>[];
    }
  | { kind: "amount_mismatch"; expectedFen: number };

/**
 * Plans one paid fact. The provider owes the payable total less the balance part; `balance` itself pays
 * the whole order. Example: a pending ¥100 order, ¥30 held from the balance, wxpay pays ¥70 → pay: payments
 * wxpay 7000 + balance 3000, postings gateway_clearing:wxpay +7000 and wallet_hold +3000 to revenue.
 */
export function planPayment<At>(facts: PaymentFacts<At>): PaymentPlan<At> {
  const { order, event } = facts;
  const record: PaymentRecord = {
    provider: event.provider,
    transactionId: event.transactionId,
    amountFen: event.amountFen,
  };
  const payment = (stray: boolean) =>
    buildPaymentPosting({
      ...record,
      orderNo: order.orderNo,
      buyerUserId: order.buyerUserId,
      stray,
      at: event.at,
    });
  if (order.paid) {
    if (order.paymentTransactionId === event.transactionId) return { kind: "duplicate" };
    const reason = `order already paid by ${order.paymentTransactionId}`;
    return {
      kind: "refund_unpayable",
      outcome: "already_paid",
      reason,
      payments: [record],
      postings: [payment(true)],
    };
  }
  if (order.status !== "pending_payment") {
    const reason = `order is ${order.status}`;
    return {
      kind: "refund_unpayable",
      outcome: "not_payable",
      reason,
      payments: [record],
      postings: [payment(true)],
    };
  }
  const byBalance = event.provider === BALANCE_PROVIDER;
  const expectedFen = byBalance ? order.walletFen : order.payableFen - order.walletFen;
  if (event.amountFen !== expectedFen || (byBalance && expectedFen !== order.payableFen))
    return { kind: "amount_mismatch", expectedFen };

  const payments = [record];
  const postings = [payment(false)];
  if (!byBalance && order.walletFen > 0) {
    payments.push({
      provider: BALANCE_PROVIDER,
      transactionId: balanceTransactionId(order.orderNo),
      amountFen: order.walletFen,
    });
    postings.push(
      buildWalletPayPosting({
        orderNo: order.orderNo,
        buyerUserId: order.buyerUserId,
        amountFen: order.walletFen,
        at: event.at,
      }),
    );
  }
  const commissions = planCommissions(facts.snapshot);
  for (const line of commissions)
    postings.push(buildCommissionFrozenPosting({ ...line, orderId: order.orderId, at: event.at }));
  const commissionsDueAtMs = facts.snapshot
    ? commissionReleaseDueAt(facts.snapshot.plan, { paidAtMs: event.atMs, receivedAtMs: null })
    : null;
  return { kind: "pay", payments, commissions, commissionsDueAtMs, postings };
}

/** The engine's lines for the frozen snapshot, as commission rows. */
function planCommissions(snapshot: OrderSnapshot | null): PlannedCommission[] {
  if (!snapshot) return [];
  const result = computeCommissions({
    plan: snapshot.plan,
    items: snapshot.items.map((i) => ({
      orderItemRef: String(i.orderItemId),
      paidFen: i.paidFen,
      listFen: i.listFen,
      quantity: i.quantity,
      ...(i.skuRule ? { skuRule: i.skuRule } : {}),
      ...(i.productRule ? { productRule: i.productRule } : {}),
      ...(i.activityKind !== undefined ? { activityKind: i.activityKind } : {}),
    })),
    chain: snapshot.chain,
    buyer: snapshot.buyer,
    activityKind: snapshot.activityKind,
  });
  return result.lines.map((line) => {
    const orderItemId = Number(line.orderItemRef);
    return {
      orderItemId,
      level: line.level,
      earnerUserId: Number(line.earnerUserId),
      itemFen: snapshot.items.find((i) => i.orderItemId === orderItemId)!.paidFen,
      baseFen: line.baseFen,
      rateBps: line.rateBps,
      fixedFenPerUnit: line.fixedFenPerUnit,
      quantity: line.quantity,
      rateSource: line.rateSource,
      amountFen: line.amountFen,
    };
  });
}
