// The two services the payments area calls: find an order a shopper may pay, and move a locked order to paid
// (inside the payments area's confirm-payment use case, which decided the move with planPayment).
import { decideOrderTransition } from "@liebian/domain";
import type { Db, Tx } from "../../db/client.ts";
import { AppError, notFound } from "../../errors/app-error.ts";
import { earnPointsForPaidOrder } from "../points/service.ts";
import { findOrderWithSubject, type OrderRow, type OrderWithSubject } from "./repo.ts";
import { moveOrder } from "./timeline.ts";

/** pending_payment → paid, recording which payment paid it; the caller holds the order's lock. */
export async function moveOrderToPaid(
  tx: Tx,
  order: OrderRow,
  payment: { provider: string; transactionId: string; paidAt: Date },
): Promise<void> {
  await moveOrder(tx, order, "pay", {
    actor: { kind: "system", id: null },
    at: payment.paidAt,
    note: `${payment.provider} ${payment.transactionId}`,
    values: {
      paidAt: payment.paidAt,
      paymentProvider: payment.provider,
      paymentTransactionId: payment.transactionId,
      closeDueAt: null,
    },
  });
  await earnPointsOfPaidOrder(tx, order, payment.paidAt);
}

/**
 * The status a payment moves the order to (the domain's state table), for a caller that writes the move in
 * its own statement (confirm-payment): ORDER_STATE_INVALID when the order cannot be paid.
 */
export function statusAfterPayment(order: OrderRow) {
  const decision = decideOrderTransition(order.status, "pay");
  if (!decision.ok)
    throw new AppError("ORDER_STATE_INVALID", `An order that is ${order.status} cannot pay`, {
      status: order.status,
      event: "pay",
    });
  return decision.to;
}

/** After the move to paid: the goods as paid earn points, pending until the order completes (points off: no query). */
export async function earnPointsOfPaidOrder(tx: Tx, order: OrderRow, paidAt: Date): Promise<void> {
  await earnPointsForPaidOrder(tx, {
    userId: order.buyerUserId,
    orderId: order.id,
    goodsPaidFen: order.goodsFen - order.discountFen,
    at: paidAt,
  });
}

export type PayableOrder = {
  orderId: number;
  orderNo: string;
  /** The payable total; `walletFen` of it is already held from the shop balance. */
  amountFen: number;
  walletFen: number;
  /** What the payment page and the provider show: the first item's title, and how many more. */
  subject: string;
  closeDueAt: Date;
};

/**
 * The shopper's own unpaid order, for creating a payment. Someone else's order is NOT_FOUND; an order that
 * is no longer pending payment, or whose payment time is over, is ORDER_STATE_INVALID.
 */
export async function findPayableOrder(
  db: Db | Tx,
  orderNo: string,
  buyerUserId: number,
  now?: Date,
): Promise<PayableOrder> {
  return payableOrderOf(await findOrderWithSubject(db, orderNo), orderNo, buyerUserId, now);
}

/** findPayableOrder's decision on an order read with its subject (payments reads it in its own statement). */
export function payableOrderOf(
  found: OrderWithSubject | null,
  orderNo: string,
  buyerUserId: number,
  now?: Date,
): PayableOrder {
  const order = found?.order;
  if (!found || !order || order.buyerUserId !== buyerUserId) throw notFound("Order", { orderNo });
  const overdue = now !== undefined && order.closeDueAt !== null && order.closeDueAt <= now;
  if (order.status !== "pending_payment" || overdue || order.closeDueAt === null) {
    throw new AppError("ORDER_STATE_INVALID", "This order can no longer be paid", {
      status: order.status,
      event: "pay",
    });
  }
  const first = found.firstTitle ?? order.orderNo;
  return {
    orderId: order.id,
    orderNo: order.orderNo,
    amountFen: order.payableFen,
    walletFen: order.walletFen,
    subject: found.itemCount > 1 ? `${first} 等${found.itemCount}件` : first,
    closeDueAt: order.closeDueAt,
  };
}
