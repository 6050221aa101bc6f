// The confirm-payment use case every paid fact takes — a provider's notification, the reconcile sweep's
// query, or a payment from the shop balance (provider `balance`) — inside the caller's transaction, in a
// fixed order: lock the order loading all the plan reads (snapshot, fraud facts, the buyer's uplines: one
// statement), plan (domain planPayment), then write in the order of cause and effect — the payment row, the
// order move, the commission rows, the team and product sales counts and the outbox message in one statement
// (payments/repo.ts recordPaidOrder, each part named), the few effects only some orders have, and last the
// ledger postings (shared rows stay locked for the commit alone).
import { planPayment } from "@liebian/domain";
import type { Tx } from "../../db/client.ts";
import { AppError, notFound } from "../../errors/app-error.ts";
import { teamSalesOfPaidOrder } from "../binding/team-stats.ts";
import { afterPaidOrder, commissionRows } from "../commissions/create.ts";
import { BIND_WINDOW_MS } from "../commissions/fraud.ts";
import { lockOrderLoadingSnapshot } from "../commissions/snapshot.ts";
import { getDistributionSettings } from "../distribution/settings.ts";
import { recordGroupPayment } from "../group-buys/service.ts";
import { postLedgerTransactions } from "../ledger/service.ts";
import type { OrderRow } from "../orders/repo.ts";
import { earnPointsOfPaidOrder, statusAfterPayment } from "../orders/service.ts";
import type { OutboxMessages } from "../outbox/service.ts";
import { deliverServiceOrder } from "../service-goods/service.ts";
import { type ProviderEventInput, recordPaidOrder, recordPaidPayment } from "./repo.ts";

export type PaidFact = {
  orderNo: string;
  provider: string;
  transactionId: string;
  amountFen: number;
  paidAt: Date;
};

export type ConfirmOutcome =
  | { kind: "amount_mismatch"; expectedFen: number }
  /** The same payment again: nothing written (but the provider's event, when `logged`). */
  | { kind: "duplicate"; orderId: number; stray: string | null; logged?: true }
  /** Recorded; `stray` money (order closed, or paid twice) is held for an automatic refund. */
  | {
      kind: "recorded";
      orderId: number;
      outcome: "paid" | "already_paid" | "not_payable";
      stray: string | null;
      /** The order's status now, when known without reading it again (a plain order just paid). */
      orderStatus?: string;
      /** The provider's event given was written with the payment. */
      logged?: true;
    };

/**
 * `event`: the provider's event that reported the payment, logged in the payment's own statement when the
 * plan pays the order (the outcome says `logged`); otherwise the caller logs it.
 * `endsTransaction`: the caller runs nothing after a `logged` outcome, so the ledger's last statement may
 * carry the transaction's COMMIT (db/statement.ts runStatement).
 */
export async function confirmPayment(
  tx: Tx,
  fact: PaidFact,
  event?: Omit<ProviderEventInput, "outcome" | "reason">,
  options: { endsTransaction?: boolean } = {},
): Promise<ConfirmOutcome> {
  // lock and load in one statement; the snapshot is only read into a plan while the order is payable
  const settings = await getDistributionSettings(tx);
  const fraudSince = settings.fraud.enabled ? new Date(fact.paidAt.getTime() - BIND_WINDOW_MS) : null;
  const payable = (o: OrderRow) => o.status === "pending_payment" && o.paidAt === null;
  const locked = await lockOrderLoadingSnapshot(tx, fact.orderNo, payable, fraudSince);
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
  if (plan.kind === "refund_unpayable") {
    if (!(await recordPaidPayment(tx, { ...row, ...payment! })))
      return { kind: "duplicate", orderId: order.id, stray };
    await postLedgerTransactions(tx, plan.postings);
    return { kind: "recorded", orderId: order.id, outcome: plan.outcome, stray };
  }
  const paid = { orderId: order.id, buyerUserId: order.buyerUserId, ...fact };
  const orderPaid: OutboxMessages["order.paid"] = {
    orderId: order.id,
    buyerUserId: order.buyerUserId,
    provider: fact.provider,
    amountFen: fact.amountFen,
  };
  // the payment row, the order move, commissions, team and product sales, outbox: one statement
  const toStatus = statusAfterPayment(order);
  const written = await recordPaidOrder(tx, {
    orderId: order.id,
    orderNo: order.orderNo,
    fromStatus: order.status,
    toStatus,
    payment: { ...payment!, outTradeNo: order.orderNo, paidAt: fact.paidAt },
    snapshotted: loaded !== null,
    commissions: await commissionRows(
      tx,
      settings,
      paid,
      { commissions: plan.commissions, dueAtMs: plan.commissionsDueAtMs },
      locked.fraudFacts,
    ),
    buyerUserId: order.buyerUserId,
    teamSales: teamSalesOfPaidOrder(locked.uplines, order.payableFen),
    orderPaid,
    ...(event ? { event } : {}),
  });
  const logged = event ? { logged: true as const } : {};
  if (!written.paid) return { kind: "duplicate", orderId: order.id, stray, ...logged };
  // the order is locked and was pending payment: not moved means something else changed it (a bug)
  if (!written.moved)
    throw new AppError("ORDER_STATE_INVALID", "The order changed under its lock", {
      status: order.status,
      event: "pay",
    });
  // the shop balance's part of a split payment
  for (const part of parts) await recordPaidPayment(tx, { ...row, ...part });
  await earnPointsOfPaidOrder(tx, order, fact.paidAt);
  // a course or class is delivered by its redemption code at once (goods skip the service's own lock)
  if (order.delivery === "redemption") await deliverServiceOrder(tx, order.id, fact.paidAt);
  // a group member's payment may complete the group (and pay its opener's bonus)
  if (order.activityKind === "group_buy") await recordGroupPayment(tx, order.id, fact.paidAt);
  await afterPaidOrder(tx, paid);
  // the postings last; nothing follows them in the caller's transaction when it said so and the event is logged
  await postLedgerTransactions(tx, plan.postings, {
    endsTransaction: options.endsTransaction === true && event !== undefined,
  });
  const plain = order.delivery !== "redemption" && order.activityKind !== "group_buy";
  return {
    kind: "recorded",
    orderId: order.id,
    outcome: "paid",
    stray: null,
    ...(plain ? { orderStatus: toStatus } : {}),
    ...logged,
  };
}
