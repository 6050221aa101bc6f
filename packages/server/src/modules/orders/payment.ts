// The two services the payments area calls: find an order a shopper may pay, and mark it paid exactly once
// (inside the payments area's notification transaction) — a compare-and-set from pending_payment to paid.
import type { Db, Tx } from "../../db/client.ts";
import { beforeCommit } from "../../db/transaction.ts";
import { AppError, notFound } from "../../errors/app-error.ts";
import { type OrderHooks, runHooks } from "./events.ts";
import { addSalesCountOfOrder, findOrderWithSubject, lockOrder, type OrderStatus } from "./repo.ts";
import { moveOrder } from "./timeline.ts";

export type MarkOrderPaidInput = ({ orderId: number } | { orderNo: string }) & {
  provider: string;
  transactionId: string;
  amountFen: number;
  paidAt: Date;
};

export type MarkOrderPaidResult =
  | { outcome: "paid"; orderId: number; buyerUserId: number; walletFen: number }
  | { outcome: "already_paid"; orderId: number; transactionId: string | null }
  | { outcome: "not_payable"; orderId: number; state: OrderStatus }
  | { outcome: "amount_mismatch"; orderId: number; expectedFen: number };

/**
 * Marks an order paid and runs the onPaid hooks, in the caller's transaction. A repeated notification
 * answers already_paid and changes nothing; a closed or cancelled order answers not_payable (the payments
 * area refunds the money); an amount different from what this provider owes answers amount_mismatch: the
 * payable total less the part held from the shop balance (`balance` itself pays the whole order).
 */
export async function markOrderPaid(
  tx: Tx,
  input: MarkOrderPaidInput,
  deps: { orderHooks: OrderHooks },
): Promise<MarkOrderPaidResult> {
  const where = "orderId" in input ? { orderId: input.orderId } : { orderNo: input.orderNo };
  const order = await lockOrder(tx, where);
  if (!order) throw notFound("Order", where);
  if (order.paidAt !== null) {
    return { outcome: "already_paid", orderId: order.id, transactionId: order.paymentTransactionId };
  }
  if (order.status !== "pending_payment")
    return { outcome: "not_payable", orderId: order.id, state: order.status };
  const expectedFen = input.provider === "balance" ? order.walletFen : order.payableFen - order.walletFen;
  if (input.amountFen !== expectedFen || (input.provider === "balance" && expectedFen !== order.payableFen)) {
    return { outcome: "amount_mismatch", orderId: order.id, expectedFen };
  }
  await moveOrder(tx, order, "pay", {
    actor: { kind: "system", id: null },
    at: input.paidAt,
    note: `${input.provider} ${input.transactionId}`,
    values: {
      paidAt: input.paidAt,
      paymentProvider: input.provider,
      paymentTransactionId: input.transactionId,
      closeDueAt: null,
    },
  });
  // Popular products' rows are shared by many payments: counted last, in product order (no deadlocks).
  beforeCommit(tx, `sales-count:${order.id}`, () => addSalesCountOfOrder(tx, order.id));
  await runHooks(deps.orderHooks.onPaid, tx, {
    orderId: order.id,
    buyerUserId: order.buyerUserId,
    paidAt: input.paidAt,
    provider: input.provider,
    transactionId: input.transactionId,
    amountFen: input.amountFen,
  });
  return { outcome: "paid", orderId: order.id, buyerUserId: order.buyerUserId, walletFen: order.walletFen };
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
  const found = await findOrderWithSubject(db, orderNo);
  const order = found?.order;
  if (!order || order.buyerUserId !== buyerUserId) throw notFound("Order", { orderNo });
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
