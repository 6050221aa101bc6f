// The money end of an after-sale. Entering `refunding` commits first; then the payments area's refund API
// is asked to pay it back (deps.refunds), and answers through completeAfterSaleRefund / failAfterSaleRefund.
// Until that area exists, sandboxRefundImmediately completes the refund at once.
import { type AfterSaleEvent, decideAfterSaleTransition } from "@liebian/domain";
import type { Tx } from "../../db/client.ts";
import { inTransaction } from "../../db/transaction.ts";
import type { AppDeps } from "../../deps.ts";
import { AppError, notFound } from "../../errors/app-error.ts";
import { type OrderHooks, runHooks } from "../orders/events.ts";
import { findOrderItems, lockOrder, updateOrderRow } from "../orders/repo.ts";
import { moveOrder, recordOrderEvent } from "../orders/timeline.ts";
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
  deps: Pick<AppDeps, "db" | "now" | "orderHooks" | "refunds">,
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
export async function sandboxRefundImmediately(
  deps: Pick<AppDeps, "db" | "now" | "orderHooks">,
  afterSaleId: number,
) {
  await inTransaction(deps.db, async (tx) => {
    await completeAfterSaleRefund(
      tx,
      { afterSaleId, refundId: `sandbox-${afterSaleId}`, at: deps.now() },
      deps,
      "sandbox_immediate",
    );
  });
}

export type CompleteRefundResult =
  | { outcome: "refunded"; orderRefunded: boolean }
  | { outcome: "already_refunded" };

/**
 * Records a refund the provider confirmed: the after-sale becomes `refunded`, each line's refunded units and
 * fen grow, the order becomes `refunded` once every unit is, and the onRefunded hooks run — in `tx`.
 */
export async function completeAfterSaleRefund(
  tx: Tx,
  input: { afterSaleId: number; refundId: string | number; at: Date },
  deps: { orderHooks: OrderHooks },
  provider = "payments",
): Promise<CompleteRefundResult> {
  const afterSale = await lockAfterSale(tx, input.afterSaleId);
  if (!afterSale) throw notFound("After-sale", { id: input.afterSaleId });
  if (afterSale.status === "refunded") return { outcome: "already_refunded" };
  await moveAfterSale(tx, afterSale, "refund_succeeded", input.at, {
    refundId: String(input.refundId),
    refundProvider: provider,
    refundedAt: input.at,
    failureReason: null,
  });
  const order = (await lockOrder(tx, { orderId: afterSale.orderId }))!;
  const parts = await findAfterSaleItems(tx, [afterSale.id]);
  const lines = [];
  for (const part of parts) {
    const line = await addRefundedToLine(tx, part.orderItemId, part.quantity, part.refundFen);
    lines.push({
      orderItemId: line.id,
      refundFen: part.refundFen,
      itemPaidFen: line.paidFen,
      remainingPaidFen: line.paidFen - line.refundedFen,
    });
  }
  const moved = await updateOrderRow(tx, order.id, {
    refundedFen: order.refundedFen + afterSale.refundFen,
    freightRefundedFen: order.freightRefundedFen + afterSale.freightRefundFen,
    updatedAt: input.at,
  });
  const everything = (await findOrderItems(tx, [order.id])).every((l) => l.refundedQuantity === l.quantity);
  const actor = { kind: "system" as const, id: null };
  const note = `#${afterSale.id} ${afterSale.refundFen}`;
  if (everything)
    await moveOrder(tx, moved!, "refund_all", { actor, at: input.at, note, values: { endedAt: input.at } });
  else await recordOrderEvent(tx, order.id, "refund", { actor, at: input.at, note });
  await runHooks(deps.orderHooks.onRefunded, tx, {
    orderId: order.id,
    buyerUserId: order.buyerUserId,
    refundId: afterSale.id,
    at: input.at,
    items: lines,
  });
  return { outcome: "refunded", orderRefunded: everything };
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
