// The money end of an after-sale. Entering `refunding` commits first; then the payments area's refund API
// is asked to pay it back (deps.refunds), and answers through completeAfterSaleRefund / failAfterSaleRefund.
// Until that area exists, sandboxRefundImmediately completes the refund at once.
import {
  type AfterSaleEvent,
  decideAfterSaleTransition,
  planRefund,
  type RefundMoney,
} from "@liebian/domain";
import type { Tx } from "../../db/client.ts";
import { inTransaction } from "../../db/transaction.ts";
import type { AppDeps } from "../../deps.ts";
import { AppError, notFound } from "../../errors/app-error.ts";
import { countRefundInTeams } from "../binding/team-stats.ts";
import { applyClawbacks, lockRefundedCommissions } from "../commissions/refund-clawback.ts";
import { postLedgerTransactions } from "../ledger/service.ts";
import { returnCouponOfRefundedOrder } from "../marketing/service.ts";
import { findOrderItems, lockOrder, type OrderRow, updateOrderRow } from "../orders/repo.ts";
import { moveOrder, recordOrderEvent } from "../orders/timeline.ts";
import { enqueueOutbox } from "../outbox/service.ts";
import { applyPointsOnRefund } from "../points/service.ts";
import { releaseBookingOfRefundedOrder } from "../service-slots/service.ts";
import {
  type AfterSaleRow,
  addRefundedToLine,
  findAfterSaleItems,
  lockAfterSale,
  updateAfterSaleIfStatus,
} from "./repo.ts";

export type RefundStart = { provider: "payments" | "sandbox_immediate" };

/** Called after the transaction that moved the after-sale to `refunding` has committed. */
export async function startRefund(
  deps: Pick<AppDeps, "db" | "now" | "refunds">,
  afterSale: AfterSaleRow,
  orderNo: string,
): Promise<RefundStart> {
  if (deps.refunds) {
    await deps.refunds.start({
      afterSaleId: afterSale.id,
      orderId: afterSale.orderId,
      orderNo,
      amountFen: afterSale.refundFen,
      reason: afterSale.reason,
    });
    return { provider: "payments" };
  }
  await sandboxRefundImmediately(deps, afterSale.id);
  return { provider: "sandbox_immediate" };
}

/** No payment provider to refund through yet: the refund is recorded as done at once, clearly labelled. */
export async function sandboxRefundImmediately(deps: Pick<AppDeps, "db" | "now">, afterSaleId: number) {
  await inTransaction(deps.db, async (tx) => {
    // No money went anywhere: nothing to post for the refund itself, only its clawbacks.
    await completeAfterSaleRefund(tx, {
      afterSaleId,
      refundId: `sandbox-${afterSaleId}`,
      at: deps.now(),
      provider: "sandbox_immediate",
      money: null,
    });
  });
}

export type CompleteRefundResult =
  | { outcome: "refunded"; orderRefunded: boolean }
  | { outcome: "already_refunded" };

/** The money a completed refund paid back through the ledger; null when none did (the sandbox). */
export type CompletedRefundMoney = Omit<RefundMoney, "orderNo" | "buyerUserId">;

/**
 * The refund use case, once the money is back (provider answer, balance refund or sandbox), in `tx`: lock the
 * after-sale; write the refund first — after-sale `refunded`, each line's refunded units and fen, the order
 * `refunded` once every unit is — then plan what it caused (domain planRefund: the refund's posting and
 * the clawbacks per commission line), write the clawbacks and the outbox message, and post the ledger last.
 */
export async function completeAfterSaleRefund(
  tx: Tx,
  input: {
    afterSaleId: number;
    refundId: string | number;
    at: Date;
    provider?: string;
    money: CompletedRefundMoney | null;
  },
): Promise<CompleteRefundResult> {
  const { at } = input;
  const afterSale = await lockAfterSale(tx, input.afterSaleId);
  if (!afterSale) throw notFound("After-sale", { id: input.afterSaleId });
  const order = (await lockOrder(tx, { orderId: afterSale.orderId }))!;
  const money = input.money && { ...input.money, orderNo: order.orderNo, buyerUserId: order.buyerUserId };
  const facts = { orderId: order.id, afterSaleId: afterSale.id, at, money };
  if (afterSale.status === "refunded") {
    // Its clawbacks were done the first time; the money's posting again is a no-op by its key.
    await postLedgerTransactions(tx, planRefund({ ...facts, items: [], commissions: [] }).postings);
    return { outcome: "already_refunded" };
  }
  await moveAfterSale(tx, afterSale, "refund_succeeded", at, {
    refundId: String(input.refundId),
    refundProvider: input.provider ?? "payments",
    refundedAt: at,
    failureReason: null,
  });
  const lines = [];
  for (const part of await findAfterSaleItems(tx, [afterSale.id])) {
    const line = await addRefundedToLine(tx, part.orderItemId, part.quantity, part.refundFen);
    lines.push({
      orderItemId: line.id,
      refundFen: part.refundFen,
      itemPaidFen: line.paidFen,
      remainingPaidFen: line.paidFen - line.refundedFen,
    });
  }
  const orderRefunded = await recordOrderRefund(tx, order, afterSale, at);
  if (orderRefunded) await returnCouponOfRefundedOrder(tx, order.id);
  if (orderRefunded) await releaseBookingOfRefundedOrder(tx, order.id, at);
  await returnAndClawPoints(tx, order, afterSale.id, orderRefunded, at);

  const commissions = await lockRefundedCommissions(tx, lines);
  const plan = planRefund({ ...facts, items: lines, commissions });
  await applyClawbacks(tx, order.id, plan.clawbacks, at);
  await countRefundInTeams(tx, {
    orderId: order.id,
    buyerUserId: order.buyerUserId,
    refundId: afterSale.id,
    at,
    items: lines,
  });
  await enqueueOutbox(tx, {
    topic: "order.refunded",
    at,
    payload: {
      orderId: order.id,
      afterSaleId: afterSale.id,
      refundFen: afterSale.refundFen,
      orderRefunded,
      items: lines.map(({ orderItemId, refundFen, remainingPaidFen }) => ({
        orderItemId,
        refundFen,
        remainingPaidFen,
      })),
    },
  });
  await postLedgerTransactions(tx, plan.postings);
  return { outcome: "refunded", orderRefunded };
}

/** Spent points come back and earned points go back for the refunded share of the goods (domain rule). */
async function returnAndClawPoints(
  tx: Tx,
  order: OrderRow,
  afterSaleId: number,
  orderRefunded: boolean,
  at: Date,
) {
  const items = await findOrderItems(tx, [order.id]);
  await applyPointsOnRefund(tx, {
    userId: order.buyerUserId,
    orderId: order.id,
    afterSaleId,
    goodsPaidFen: items.reduce((s, i) => s + i.paidFen, 0),
    goodsRefundedFen: items.reduce((s, i) => s + i.refundedFen, 0),
    orderRefunded,
    at,
  });
}

/** The order's refunded totals grow; it becomes `refunded` once every unit is. True when it did. */
async function recordOrderRefund(
  tx: Tx,
  order: OrderRow,
  afterSale: AfterSaleRow,
  at: Date,
): Promise<boolean> {
  const moved = await updateOrderRow(tx, order.id, {
    refundedFen: order.refundedFen + afterSale.refundFen,
    freightRefundedFen: order.freightRefundedFen + afterSale.freightRefundFen,
    updatedAt: at,
  });
  const everything = (await findOrderItems(tx, [order.id])).every((l) => l.refundedQuantity === l.quantity);
  const actor = { kind: "system" as const, id: null };
  const note = `#${afterSale.id} ${afterSale.refundFen}`;
  if (everything) await moveOrder(tx, moved!, "refund_all", { actor, at, note, values: { endedAt: at } });
  else await recordOrderEvent(tx, order.id, "refund", { actor, at, note });
  return everything;
}

/** Records a refund the provider refused; staff may retry it. */
export async function failAfterSaleRefund(
  tx: Tx,
  input: { afterSaleId: number; reason: string; at?: Date },
): Promise<void> {
  const afterSale = await lockAfterSale(tx, input.afterSaleId);
  if (!afterSale) throw notFound("After-sale", { id: input.afterSaleId });
  if (afterSale.status === "refund_failed") return;
  await moveAfterSale(tx, afterSale, "refund_failed", input.at ?? new Date(), {
    failureReason: input.reason,
  });
}

/** One after-sale move through the domain's table, conditional on the status decided from. */
export async function moveAfterSale(
  tx: Tx,
  afterSale: AfterSaleRow,
  event: AfterSaleEvent,
  at: Date,
  values: Partial<AfterSaleRow> = {},
): Promise<AfterSaleRow> {
  const decision = decideAfterSaleTransition(afterSale.kind, afterSale.status, event);
  const refused = () =>
    new AppError(
      "AFTER_SALE_STATE_INVALID",
      `A ${afterSale.kind} after-sale that is ${afterSale.status} cannot ${event}`,
      {
        status: afterSale.status,
        kind: afterSale.kind,
        event,
      },
    );
  if (!decision.ok) throw refused();
  const row = await updateAfterSaleIfStatus(tx, afterSale.id, afterSale.status, {
    ...values,
    status: decision.to,
    updatedAt: at,
  });
  if (!row) throw refused();
  return row;
}
