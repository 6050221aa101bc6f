// The order's moves after placing: the shopper cancels or confirms receipt, staff ship parcels and write
// remarks, and the sweeps close unpaid orders, confirm receipt and complete orders when their time is due.
// What a move causes in money is a direct call in order (the balance hold returned, commission release
// dates, the release and rewards at completion); the outbox tells everyone else after commit.

import type { Tx } from "../../db/client.ts";
import { inTransaction } from "../../db/transaction.ts";
import type { AppDeps } from "../../deps.ts";
import { AppError, notFound } from "../../errors/app-error.ts";
import type { StaffActor } from "../../http/types.ts";
import { recordAudit } from "../audit/service.ts";
import { releaseBatch, setReleaseDates } from "../commissions/lifecycle.ts";
import { grantCompletionRewards } from "../commissions/rewards.ts";
import { evaluateGradeOnEvent } from "../grades/service.ts";
import { assertOrderMayShip } from "../group-buys/service.ts";
import { grantInviteGifts, returnPromotionsOfUnpaidOrder } from "../marketing/service.ts";
import { enqueueOutbox } from "../outbox/service.ts";
import { startTracking } from "../parcels/service.ts";
import { releasePointsOfOrder, returnPointsOfUnpaidOrder } from "../points/service.ts";
import { returnExchangeStock } from "../points-shop/repo.ts";
import { moveStock } from "../stock/repo.ts";
import { releaseWalletHold } from "../wallet/hold.ts";
import {
  findOrderItems,
  insertShipments,
  lockDueOrders,
  lockOrder,
  type OrderRow,
  updateOrderRow,
} from "./repo.ts";
import { loadDueDates, moveOrder, type OrderActor, recordOrderEvent } from "./timeline.ts";
import { loadOrderDetail } from "./views.ts";

type OrderDeps = Pick<AppDeps, "db" | "now">;

/** Service goods travel by redemption code: parcels and the shopper's receipt do not apply to them. */
function notShipped(order: OrderRow, event: "ship" | "confirm_receipt") {
  return new AppError("ORDER_STATE_INVALID", "This order is delivered by a redemption code", {
    status: order.status,
    event,
    delivery: order.delivery,
  });
}

async function lockOwnOrder(tx: Tx, userId: number, orderId: number): Promise<OrderRow> {
  const order = await lockOrder(tx, { orderId });
  if (!order || order.buyerUserId !== userId) throw notFound("Order", { id: orderId });
  return order;
}

/** Ends an unpaid order (the shopper's cancel or the timeout's close) and puts its stock back. */
async function endUnpaidOrder(tx: Tx, order: OrderRow, how: "cancel" | "close", actor: OrderActor, at: Date) {
  await moveOrder(tx, order, how, { actor, at, values: { endedAt: at, closeDueAt: null } });
  const items = await findOrderItems(tx, [order.id]);
  await returnPromotionsOfUnpaidOrder(tx, { orderId: order.id, items });
  if (((order.pricing as { pointsUsed?: number }).pointsUsed ?? 0) > 0)
    await returnPointsOfUnpaidOrder(tx, { userId: order.buyerUserId, orderId: order.id, at });
  if (order.activityKind === "points_shop") await returnExchangeStock(tx, order.id);
  for (const item of items.sort((a, b) => a.skuId - b.skuId)) {
    await moveStock(tx, {
      skuId: item.skuId,
      delta: item.quantity,
      reason: how === "cancel" ? "order_cancelled" : "order_closed",
      orderId: order.id,
      userId: actor.kind === "user" ? actor.id : null,
    });
  }
  await releaseWalletHold(tx, order, at);
  await enqueueOutbox(tx, { topic: "order.cancelled", at, payload: { orderId: order.id, how } });
}

export async function cancelOrder(deps: OrderDeps, userId: number, orderId: number) {
  return inTransaction(deps.db, async (tx) => {
    const order = await lockOwnOrder(tx, userId, orderId);
    await endUnpaidOrder(tx, order, "cancel", { kind: "user", id: userId }, deps.now());
    return loadOrderDetail(tx, orderId, "shopper");
  });
}

export async function confirmReceipt(deps: OrderDeps, userId: number, orderId: number) {
  return inTransaction(deps.db, async (tx) => {
    const order = await lockOwnOrder(tx, userId, orderId);
    // a course is received when staff redeem its code, not on the shopper's word
    if (order.delivery === "redemption") throw notShipped(order, "confirm_receipt");
    await receiveOrder(tx, order, { kind: "user", id: userId }, deps.now());
    return loadOrderDetail(tx, orderId, "shopper");
  });
}

/** shipped → received: the after-sale window and the commission release dates start now. */
export async function receiveOrder(tx: Tx, order: OrderRow, actor: OrderActor, at: Date) {
  const due = await loadDueDates(tx);
  await moveOrder(tx, order, "confirm_receipt", {
    actor,
    at,
    values: {
      receivedAt: at,
      autoReceiveDueAt: null,
      completeDueAt: new Date(due.completeDueAt(at.getTime())),
    },
    note: actor.kind === "system" ? "auto" : null,
  });
  await setReleaseDates(tx, { orderId: order.id, buyerUserId: order.buyerUserId, at });
  await enqueueOutbox(tx, { topic: "order.received", at, payload: { orderId: order.id } });
}

/**
 * paid → shipped for service goods: the redemption code issued at payment is the delivery. Unredeemed, the
 * order counts as received at `autoReceiveDueAt` (the product's validity), or only by redemption (null).
 */
export async function shipByRedemptionCode(tx: Tx, order: OrderRow, at: Date, autoReceiveDueAt: Date | null) {
  await moveOrder(tx, order, "ship", {
    actor: system,
    at,
    note: "redemption code issued",
    values: { shippedAt: at, autoReceiveDueAt },
  });
}

/** Ships a paid order, or adds parcels to a shipped one (several parcels per order are allowed). */
export async function shipOrder(
  deps: OrderDeps,
  actor: StaffActor,
  orderId: number,
  parcels: { carrier: string; trackingNo: string }[],
) {
  return inTransaction(deps.db, async (tx) => {
    const order = await lockOrder(tx, { orderId });
    if (!order) throw notFound("Order", { id: orderId });
    if (order.delivery === "redemption") throw notShipped(order, "ship");
    if (order.activityKind === "group_buy") await assertOrderMayShip(tx, orderId);
    const at = deps.now();
    const who: OrderActor = { kind: "staff", id: actor.staffId };
    const note = parcels.map((p) => `${p.carrier} ${p.trackingNo}`).join("; ");
    if (order.status === "shipped") {
      await recordOrderEvent(tx, orderId, "add_parcel", { actor: who, at, note });
    } else {
      const due = await loadDueDates(tx);
      await moveOrder(tx, order, "ship", {
        actor: who,
        at,
        note,
        values: { shippedAt: at, autoReceiveDueAt: new Date(due.autoReceiveDueAt(at.getTime())) },
      });
    }
    const shipped = await insertShipments(
      tx,
      parcels.map((p) => ({ ...p, orderId, staffId: actor.staffId, shippedAt: at })),
    );
    await startTracking(tx, shipped);
    await enqueueOutbox(tx, {
      topic: "order.shipped",
      at,
      payload: { orderId, buyerUserId: order.buyerUserId, shipmentIds: shipped.map((s) => s.id) },
    });
    await recordAudit(tx, actor, {
      action: "order.ship",
      entity: "order",
      entityId: orderId,
      before: { status: order.status },
      after: { status: "shipped", parcels },
    });
    return loadOrderDetail(tx, orderId, "staff");
  });
}

export async function setMerchantRemark(deps: OrderDeps, actor: StaffActor, orderId: number, remark: string) {
  return inTransaction(deps.db, async (tx) => {
    const order = await lockOrder(tx, { orderId });
    if (!order) throw notFound("Order", { id: orderId });
    await updateOrderRow(tx, orderId, { merchantRemark: remark, updatedAt: deps.now() });
    await recordOrderEvent(tx, orderId, "remark", {
      actor: { kind: "staff", id: actor.staffId },
      at: deps.now(),
      note: remark,
    });
    await recordAudit(tx, actor, {
      action: "order.remark",
      entity: "order",
      entityId: orderId,
      before: { merchantRemark: order.merchantRemark },
      after: { merchantRemark: remark },
    });
    return loadOrderDetail(tx, orderId, "staff");
  });
}

const system: OrderActor = { kind: "system", id: null };

/** One sweep step: lock a due batch, move each order, commit; repeat until a batch comes back short. */
async function sweep(
  deps: OrderDeps,
  status: "pending_payment" | "shipped" | "received",
  now: Date,
  batchSize: number,
  move: (tx: Tx, order: OrderRow) => Promise<void>,
): Promise<number> {
  let total = 0;
  for (;;) {
    const moved = await inTransaction(deps.db, async (tx) => {
      const due = await lockDueOrders(tx, status, now, batchSize);
      for (const order of due) await move(tx, order);
      return due.length;
    });
    total += moved;
    if (moved < batchSize) return total;
  }
}

export function closeDueOrders(deps: OrderDeps, now: Date, batchSize = 100): Promise<number> {
  return sweep(deps, "pending_payment", now, batchSize, (tx, order) =>
    endUnpaidOrder(tx, order, "close", system, now),
  );
}

export function receiveDueOrders(deps: OrderDeps, now: Date, batchSize = 100): Promise<number> {
  return sweep(deps, "shipped", now, batchSize, (tx, order) => receiveOrder(tx, order, system, now));
}

export function completeDueOrders(deps: OrderDeps, now: Date, batchSize = 100): Promise<number> {
  return sweep(deps, "received", now, batchSize, async (tx, order) => {
    await moveOrder(tx, order, "complete", {
      actor: system,
      at: now,
      values: { completedAt: now, completeDueAt: null },
    });
    // The sweep already waited for the after-sale window: what is due settles with the order.
    await releaseBatch(tx, now, order.id);
    const moment = { orderId: order.id, buyerUserId: order.buyerUserId, at: now };
    await grantCompletionRewards(tx, moment);
    await releasePointsOfOrder(tx, { userId: order.buyerUserId, orderId: order.id, at: now });
    await grantInviteGifts(tx, moment);
    await evaluateGradeOnEvent(tx, order.id, now);
    await enqueueOutbox(tx, { topic: "order.completed", at: now, payload: { orderId: order.id } });
  });
}
