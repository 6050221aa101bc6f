// The confirm-payment use case every paid fact takes — a provider's notification, the reconcile sweep's
// query, or a payment from the shop balance (provider `balance`) — inside the caller's transaction, in a
// fixed order: lock the order, load its snapshot, plan (domain planPayment), then write in the order of
// cause and effect — the payment row, the order move, the commission rows, the team and product sales
// counts, the outbox message, and last the ledger postings (shared rows stay locked for the commit alone).
import { planPayment } from "@liebian/domain";
import type { Tx } from "../../db/client.ts";
import { notFound } from "../../errors/app-error.ts";
import { countPaidOrderInTeams } from "../binding/team-stats.ts";
import { createCommissions } from "../commissions/create.ts";
import { lockOrderLoadingSnapshot } from "../commissions/snapshot.ts";
import { recordGroupPayment } from "../group-buys/service.ts";
import { postLedgerTransactions } from "../ledger/service.ts";
import { addSalesCountOfOrder, type OrderRow } from "../orders/repo.ts";
import { moveOrderToPaid } from "../orders/service.ts";
import { enqueueOutbox, type OutboxMessage } from "../outbox/service.ts";
import { deliverServiceOrder } from "../service-goods/service.ts";
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

export async function confirmPayment(tx: Tx, fact: PaidFact): Promise<ConfirmOutcome> {
  // lock and load in one statement; the snapshot is only read into a plan while the order is payable
  const payable = (o: OrderRow) => o.status === "pending_payment" && o.paidAt === null;
  const locked = await lockOrderLoadingSnapshot(tx, fact.orderNo, payable);
  if (!locked) throw notFound("Order", { orderNo: fact.orderNo });
  const { order, loaded } = locked;
  const plan = planPayment({
    order: { ...order, orderId: order.id, paid: order.paidAt !== null },
    event: { ...fact, at: fact.paidAt, atMs: fact.paidAt.getTime() },
    snapshot: loaded?.snapshot ?? null,
  });
  if (plan.kind === "amount_mismatch") return plan;
  if (plan.kind === "duplicate") return { kind: "duplicate", orderId: order.id, stray: null };

  // The payment row first: unique per provider transaction, so a repeat of this payment stops here.
  const stray = plan.kind === "refund_unpayable" ? plan.reason : null;
  const [payment, ...parts] = plan.payments;
  const row = { orderId: order.id, orderNo: order.orderNo, outTradeNo: order.orderNo, paidAt: fact.paidAt };
  if (!(await recordPaidPayment(tx, { ...row, ...payment! })))
    return { kind: "duplicate", orderId: order.id, stray };
  if (plan.kind === "refund_unpayable") {
    await postLedgerTransactions(tx, plan.postings);
    return { kind: "recorded", orderId: order.id, outcome: plan.outcome, stray };
  }
  for (const part of parts) await recordPaidPayment(tx, { ...row, ...part });
  await moveOrderToPaid(tx, order, fact);
  // a course or class is delivered by its redemption code at once (goods skip the service's own lock)
  if (order.delivery === "redemption") await deliverServiceOrder(tx, order.id, fact.paidAt);
  // a group member's payment may complete the group (and pay its opener's bonus)
  if (order.activityKind === "group_buy") await recordGroupPayment(tx, order.id, fact.paidAt);
  const paid = { orderId: order.id, buyerUserId: order.buyerUserId, ...fact };
  const told = await createCommissions(tx, paid, {
    commissions: plan.commissions,
    dueAtMs: plan.commissionsDueAtMs,
    snapshotted: loaded !== null,
  });
  await countPaidOrderInTeams(tx, { ...paid, payableFen: order.payableFen });
  await addSalesCountOfOrder(tx, order.id);
  const orderPaid: OutboxMessage = {
    topic: "order.paid",
    payload: {
      orderId: order.id,
      buyerUserId: order.buyerUserId,
      provider: fact.provider,
      amountFen: fact.amountFen,
    },
  };
  await enqueueOutbox(tx, ...[orderPaid, ...told].map((message) => ({ ...message, at: fact.paidAt })));
  await postLedgerTransactions(tx, plan.postings);
  return { kind: "recorded", orderId: order.id, outcome: "paid", stray: null };
}
