// Orders: one exported function per use case. The payments area calls findPayableOrder and, from its
// confirm-payment use case, moveOrderToPaid; the sweeps call the *DueOrders moves.
import type { Db } from "../../db/client.ts";
import { inTransaction } from "../../db/transaction.ts";
import type { AppDeps } from "../../deps.ts";
import { notFound } from "../../errors/app-error.ts";
import type { StaffActor } from "../../http/types.ts";
import { recordAudit } from "../audit/service.ts";
import { ordersToCsv } from "./csv.ts";
import { type CheckoutInput, priceCheckout, quoteView } from "./pricing.ts";
import { findOrder, findOrderItems, listOrders, type OrderListFilter } from "./repo.ts";
import { loadOrderDetail, orderCards } from "./views.ts";

export {
  cancelOrder,
  closeDueOrders,
  completeDueOrders,
  confirmReceipt,
  receiveDueOrders,
  receiveOrder,
  setMerchantRemark,
  shipByRedemptionCode,
  shipOrder,
} from "./moves.ts";
export {
  earnPointsOfPaidOrder,
  findPayableOrder,
  moveOrderToPaid,
  type PayableOrder,
  payableOrderOf,
  statusAfterPayment,
} from "./payment.ts";
export { placeOrder } from "./place-order.ts";

/** The checkout page's quote: the same pricing as placing, without reserving anything. */
export async function quoteCheckout(deps: Pick<AppDeps, "db" | "now">, userId: number, input: CheckoutInput) {
  return inTransaction(deps.db, async (tx) =>
    quoteView(await priceCheckout(tx, userId, input, { forPlacing: false, now: deps.now() })),
  );
}

export async function getShopperOrder(db: Db, userId: number, orderId: number) {
  const order = await findOrder(db, { orderId });
  if (!order || order.buyerUserId !== userId) throw notFound("Order", { id: orderId });
  return loadOrderDetail(db, orderId, "shopper");
}

export async function getStaffOrder(db: Db, orderId: number) {
  if (!(await findOrder(db, { orderId }))) throw notFound("Order", { id: orderId });
  return loadOrderDetail(db, orderId, "staff");
}

async function page(db: Db, filter: OrderListFilter, audience: "shopper" | "staff") {
  const rows = await listOrders(db, { ...filter, limit: filter.limit + 1 });
  const items = await orderCards(db, rows.slice(0, filter.limit), audience);
  return { items, nextCursor: rows.length > filter.limit ? (items.at(-1)?.id ?? null) : null };
}

export async function listShopperOrders(
  db: Db,
  userId: number,
  filter: Omit<OrderListFilter, "buyerUserId">,
) {
  return page(db, { ...filter, buyerUserId: userId }, "shopper");
}

export async function listStaffOrders(db: Db, filter: OrderListFilter) {
  return page(db, filter, "staff");
}

export const MAX_EXPORT_ORDERS = 10_000;

/** The sheet carries recipients' names, phones and addresses in full (for shipping), so each export is audited. */
export async function exportOrdersCsv(
  db: Db,
  actor: StaffActor,
  filter: Omit<OrderListFilter, "limit" | "cursor">,
) {
  const rows = await listOrders(db, { ...filter, limit: MAX_EXPORT_ORDERS });
  const csv = ordersToCsv(
    rows,
    await findOrderItems(
      db,
      rows.map((r) => r.id),
    ),
  );
  await recordAudit(db, actor, {
    action: "orders.export",
    entity: "order",
    after: { filter, orders: rows.length, personalData: ["name", "phone", "address"] },
  });
  return csv;
}
