// Order placed, paid and refunded reach tracking through the outbox, after the money path has committed:
// checkout pays for none of it. Each message is attributed to the distributor frozen onto the order (its
// level-1 upline at placing) and the province of its shipping address; a redelivery is written once.
// Placed and paid come with every order, so a batch of them is read and written in three statements.
import type { Executor } from "../../db/client.ts";
import type { AppDeps } from "../../deps.ts";
import { eachMessage, type OutboxDelivery, type OutboxHandlers } from "../outbox/service.ts";
import {
  findOrdersFacts,
  findRefundedAt,
  insertTrackingEvents,
  markDirtyDays,
  type NewTrackingEvent,
  type OrderFacts,
} from "./repo.ts";

export function trackingOutboxHandlers(deps: Pick<AppDeps, "now">): OutboxHandlers {
  const write = async (db: Executor, events: NewTrackingEvent[]) => {
    await insertTrackingEvents(db, events);
    await markDirtyDays(
      db,
      events.map((e) => e.at),
      deps.now(),
    );
  };
  /** The batch's orders as `kind` events at the time `at` gives (none: the order is not there yet). */
  const orderEvents =
    (kind: "order_placed" | "order_paid", at: (order: OrderFacts) => Date | null) =>
    async (messages: OutboxDelivery<"order.placed" | "order.paid">[], db: Executor) => {
      const facts = await findOrdersFacts(
        db,
        messages.map((m) => m.payload.orderId),
      );
      const events: NewTrackingEvent[] = [];
      for (const { id, payload } of messages) {
        const order = facts.get(payload.orderId);
        const when = order && at(order);
        if (!order || !when) continue;
        events.push({
          kind,
          at: when,
          orderId: payload.orderId,
          distributorUserId: order.snapshotUplineUserId,
          visitorUserId: order.buyerUserId,
          amountFen: order.payableFen,
          items: order.items.map((i) => ({ productId: i.productId, quantity: i.quantity, fen: i.paidFen })),
          provinceCode: order.provinceCode,
          dedupeKey: `outbox:${id}`,
        });
      }
      await write(db, events);
    };
  return {
    "order.placed": orderEvents("order_placed", (order) => order.placedAt),
    "order.paid": orderEvents("order_paid", (order) => order.paidAt),
    "order.refunded": eachMessage<"order.refunded">(async (payload, delivery, db) => {
      const order = (await findOrdersFacts(db, [payload.orderId])).get(payload.orderId);
      const at = await findRefundedAt(db, payload.afterSaleId);
      if (!order || !at) return;
      const productOf = new Map(order.items.map((i) => [i.orderItemId, i.productId]));
      await write(db, [
        {
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
        },
      ]);
    }),
  };
}
