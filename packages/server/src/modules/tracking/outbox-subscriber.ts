// Order placed, paid and refunded reach tracking through the outbox, after the money path has committed:
// checkout pays for none of it. Each message is attributed to the distributor frozen onto the order (its
// level-1 upline at placing) and the province of its shipping address; a redelivery is written once.
import type { Executor } from "../../db/client.ts";
import type { AppDeps } from "../../deps.ts";
import type { OutboxHandlers } from "../outbox/service.ts";
import {
  findOrderFacts,
  findRefundedAt,
  insertTrackingEvents,
  markDirtyDays,
  type NewTrackingEvent,
} from "./repo.ts";

export function trackingOutboxHandlers(deps: Pick<AppDeps, "now">): OutboxHandlers {
  const write = async (db: Executor, event: NewTrackingEvent) => {
    await insertTrackingEvents(db, [event]);
    await markDirtyDays(db, [event.at], deps.now());
  };
  return {
    "order.placed": async ({ orderId }, delivery) => {
      const order = await findOrderFacts(delivery.db, orderId);
      if (!order) return;
      await write(delivery.db, {
        kind: "order_placed",
        at: order.placedAt,
        orderId,
        distributorUserId: order.snapshotUplineUserId,
        visitorUserId: order.buyerUserId,
        amountFen: order.payableFen,
        items: order.items.map((i) => ({ productId: i.productId, quantity: i.quantity, fen: i.paidFen })),
        provinceCode: order.provinceCode,
        dedupeKey: `outbox:${delivery.id}`,
      });
    },
    "order.paid": async ({ orderId }, delivery) => {
      const order = await findOrderFacts(delivery.db, orderId);
      if (!order?.paidAt) return;
      await write(delivery.db, {
        kind: "order_paid",
        at: order.paidAt,
        orderId,
        distributorUserId: order.snapshotUplineUserId,
        visitorUserId: order.buyerUserId,
        amountFen: order.payableFen,
        items: order.items.map((i) => ({ productId: i.productId, quantity: i.quantity, fen: i.paidFen })),
        provinceCode: order.provinceCode,
        dedupeKey: `outbox:${delivery.id}`,
      });
    },
    "order.refunded": async (payload, delivery) => {
      const order = await findOrderFacts(delivery.db, payload.orderId);
      const at = await findRefundedAt(delivery.db, payload.afterSaleId);
      if (!order || !at) return;
      const productOf = new Map(order.items.map((i) => [i.orderItemId, i.productId]));
      await write(delivery.db, {
        kind: "refund",
        at,
        orderId: payload.orderId,
        distributorUserId: order.snapshotUplineUserId,
        visitorUserId: order.buyerUserId,
        amountFen: payload.refundFen,
        items: payload.items.map((i) => ({
          productId: productOf.get(i.orderItemId) ?? 0,
          quantity: 0,
          fen: i.refundFen,
        })),
        provinceCode: order.provinceCode,
        dedupeKey: `outbox:${delivery.id}`,
      });
    },
  };
}
