// How orders read: the detail (lines, parcels, timeline, deadlines) and the list cards, for shoppers and staff.
import type { Executor } from "../../db/client.ts";
import type { orderEvents, shipments } from "../../db/schema/commerce.ts";
import { maskPhone } from "../../lib/personal-data.ts";
import { findRedemptionCode } from "../service-goods/service.ts";
import {
  findOrder,
  findOrderEvents,
  findOrderItems,
  findShipments,
  type OrderItemRow,
  type OrderRow,
} from "./repo.ts";

type ShipmentRow = typeof shipments.$inferSelect;

function itemView(item: OrderItemRow) {
  return {
    id: item.id,
    productId: item.productId,
    skuId: item.skuId,
    title: item.title,
    skuLabel: item.skuLabel,
    imageUrl: item.imageUrl,
    unitPriceFen: item.unitPriceFen,
    quantity: item.quantity,
    listFen: item.listFen,
    discountFen: item.discountFen,
    paidFen: item.paidFen,
    refundedQuantity: item.refundedQuantity,
    refundedFen: item.refundedFen,
    activityKind: item.activityKind,
    originalUnitFen: item.originalUnitFen,
    giftOf: item.giftOf ?? null,
  };
}

type StoredDiscount = { kind: string; label: string; detail?: string; amountFen: number; target?: string };

/** The discounts the order was placed with, as the pricing engine named them. */
function discountsOf(order: OrderRow) {
  const stored = (order.pricing as { discounts?: StoredDiscount[] } | null)?.discounts ?? [];
  return stored.map((d) => ({
    kind: d.kind,
    label: d.label,
    detail: d.detail ?? "",
    amountFen: d.amountFen,
    target: d.target === "freight" ? ("freight" as const) : ("goods" as const),
  }));
}

function orderFields(order: OrderRow, audience: "shopper" | "staff") {
  return {
    id: order.id,
    orderNo: order.orderNo,
    status: order.status,
    activityKind: order.activityKind,
    discounts: discountsOf(order),
    goodsFen: order.goodsFen,
    discountFen: order.discountFen,
    freightFen: order.freightFen,
    payableFen: order.payableFen,
    refundedFen: order.refundedFen,
    walletFen: order.walletFen,
    // staff see the recipient's phone masked; the full number is one audited reveal away
    delivery: order.delivery,
    address:
      audience === "staff" && order.address
        ? { ...order.address, phone: maskPhone(order.address.phone) }
        : order.address,
    buyerRemark: order.buyerRemark,
    placedAt: order.placedAt,
    paidAt: order.paidAt,
    shippedAt: order.shippedAt,
    receivedAt: order.receivedAt,
    completedAt: order.completedAt,
    endedAt: order.endedAt,
    closeDueAt: order.closeDueAt,
    autoReceiveDueAt: order.autoReceiveDueAt,
    completeDueAt: order.completeDueAt,
    paymentProvider: order.paymentProvider,
    ...(audience === "staff"
      ? {
          buyerUserId: order.buyerUserId,
          merchantRemark: order.merchantRemark,
          paymentTransactionId: order.paymentTransactionId,
        }
      : {}),
  };
}

export type TimelineEntry = Pick<
  typeof orderEvents.$inferSelect,
  "kind" | "fromStatus" | "toStatus" | "actorKind" | "note" | "at"
>;

type RedemptionView = { code: string; status: "issued" | "redeemed"; redeemedAt: Date | null } | null;

/** The detail from rows the caller already holds (a just-placed order has no parcels and one event). */
export function orderDetailView(
  order: OrderRow,
  items: OrderItemRow[],
  parcels: ShipmentRow[],
  events: TimelineEntry[],
  audience: "shopper" | "staff",
  redemption: RedemptionView = null,
) {
  return {
    ...orderFields(order, audience),
    redemption,
    items: items.map(itemView),
    parcels: parcels.map((p) => ({
      id: p.id,
      carrier: p.carrier,
      trackingNo: p.trackingNo,
      shippedAt: p.shippedAt,
    })),
    timeline: events.map((e) => ({
      kind: e.kind,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      actorKind: e.actorKind,
      note: e.note,
      at: e.at,
    })),
  };
}

export async function loadOrderDetail(db: Executor, orderId: number, audience: "shopper" | "staff") {
  const order = (await findOrder(db, { orderId }))!;
  const [items, parcels, events] = [
    await findOrderItems(db, [orderId]),
    await findShipments(db, orderId),
    await findOrderEvents(db, orderId),
  ];
  const code = order.delivery === "redemption" ? await findRedemptionCode(db, orderId) : null;
  const redemption = code && { code: code.code, status: code.status, redeemedAt: code.redeemedAt };
  return orderDetailView(order, items, parcels, events, audience, redemption);
}

export async function orderCards(db: Executor, rows: OrderRow[], audience: "shopper" | "staff") {
  const items = await findOrderItems(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((order) => ({
    ...orderFields(order, audience),
    items: items.filter((i) => i.orderId === order.id).map(itemView),
  }));
}
