// Places an order: re-prices on the server, reserves stock with guarded decrements (in SKU id order, so
// two orders never wait on each other in a cycle), snapshots what was bought and where it goes, freezes the
// distribution snapshot and writes `order.placed` to the outbox — all in one transaction, once per
// Idempotency-Key.
import { buildOrderNumber, COMMISSION_ACTIVITY_KINDS, type CommissionActivityKind } from "@liebian/domain";
import type { Tx } from "../../db/client.ts";
import { inTransaction } from "../../db/transaction.ts";
import type { AppDeps } from "../../deps.ts";
import { AppError } from "../../errors/app-error.ts";
import { type IdempotencyRequest, runIdempotent } from "../../http/idempotency.ts";
import { deleteCartSkus } from "../cart/repo.ts";
import { snapshotOrder } from "../commissions/snapshot.ts";
import { promotionColumnsOf, reservePromotions } from "../marketing/service.ts";
import { enqueueOutbox } from "../outbox/service.ts";
import { spendPointsForOrder } from "../points/service.ts";
import { moveStock } from "../stock/repo.ts";
import { placeGifts } from "./gifts.ts";
import { type CheckoutActivity, type CheckoutInput, priceCheckout, skuLabelOf } from "./pricing.ts";
import { findUserPhone, insertOrder, insertOrderItems, nextOrderSequence } from "./repo.ts";
import { loadDueDates, recordOrderEvent } from "./timeline.ts";
import { loadOrderDetail, orderDetailView, type TimelineEntry } from "./views.ts";

function commissionActivityOf(
  activity: Pick<CheckoutActivity, "kind"> | null,
): CommissionActivityKind | null {
  const kind = activity?.kind;
  return COMMISSION_ACTIVITY_KINDS.find((k) => k === kind) ?? null;
}

export type PlaceOrderInput = CheckoutInput & { buyerRemark: string; fromCart: boolean };

export async function placeOrder(
  deps: Pick<AppDeps, "db" | "now">,
  userId: number,
  input: PlaceOrderInput,
  idempotency: IdempotencyRequest | null,
) {
  return inTransaction(deps.db, async (tx) => {
    // The key stores only the order id; a replay answers with the order as it is now.
    let fresh: ReturnType<typeof orderDetailView> | null = null;
    const placed = await runIdempotent(tx, idempotency, async () => {
      const written = await writePlacedOrder(tx, deps.now(), userId, input, null);
      fresh = written.view;
      return { status: 201, body: { orderId: written.order.id } };
    });
    return {
      replayed: placed.replayed,
      order: fresh ?? (await loadOrderDetail(tx, placed.body.orderId, "shopper")),
    };
  });
}

/**
 * Places an order inside the caller's transaction: prices it (with the activity's discounts, if it comes
 * from one), writes the order and its lines, reserves stock, snapshots distribution and tells the outbox.
 * The activity use cases (group buy) and reward grants call it too.
 */
export async function writePlacedOrder(
  tx: Tx,
  now: Date,
  userId: number,
  input: PlaceOrderInput,
  activity: CheckoutActivity | null,
) {
  const priced = await priceCheckout(tx, userId, input, { forPlacing: true, now, activity });
  const { quote, skus, address, delivery } = priced;
  const pointsUsed = quote.pointsUsed + (activity?.points ?? 0);
  const dueDates = await loadDueDates(tx);
  const digits = String((await nextOrderSequence(tx)) % 100_000_000).padStart(8, "0");
  const order = await insertOrder(tx, {
    orderNo: buildOrderNumber(now.getTime(), digits),
    buyerUserId: userId,
    status: "pending_payment",
    goodsFen: quote.goodsTotalFen,
    discountFen: quote.discountTotalFen,
    freightFen: quote.freightFen,
    payableFen: quote.payableFen,
    activityKind: activity?.kind ?? quote.activityKind,
    pricing: {
      discounts: quote.discounts,
      freight: quote.freight,
      freightWaivedFen: quote.freightWaivedFen,
      pointsUsed,
    },
    delivery,
    address,
    contactPhone: address?.phone ?? (await findUserPhone(tx, userId)) ?? "",
    buyerRemark: input.buyerRemark,
    placedAt: now,
    closeDueAt: new Date(
      Math.min(dueDates.closeDueAt(now.getTime()), activity?.closeBy?.getTime() ?? Number.POSITIVE_INFINITY),
    ),
    updatedAt: now,
  });
  const items = await insertOrderItems(
    tx,
    quote.lines.map((line, i) => {
      const sku = skus[i]!;
      return {
        orderId: order.id,
        productId: sku.productId,
        skuId: sku.skuId,
        title: sku.title,
        skuLabel: skuLabelOf(sku),
        imageUrl: sku.skuImageUrl ?? sku.images[0] ?? null,
        unitPriceFen: line.unitPriceFen,
        quantity: line.quantity,
        listFen: line.listedFen,
        discountFen: line.discountFen,
        paidFen: line.paidFen,
        ...promotionColumnsOf(line),
      };
    }),
  );
  await reservePromotions(tx, { orderId: order.id, userId, at: now, couponId: quote.couponId, items });
  await spendPointsForOrder(tx, { userId, orderId: order.id, points: pointsUsed, at: now });
  for (const item of [...items].sort((a, b) => a.skuId - b.skuId)) {
    const left = await moveStock(tx, {
      skuId: item.skuId,
      delta: -item.quantity,
      reason: "order_placed",
      orderId: order.id,
      userId,
    });
    if (left === null) throw new AppError("STOCK_INSUFFICIENT", "Not enough stock", { skuId: item.skuId });
  }
  const gifts = await placeGifts(
    tx,
    { id: order.id, userId },
    priced.gifts,
    quote.lines.map((l) => l.skuId),
    items,
  );
  await recordOrderEvent(tx, order.id, "place", { actor: { kind: "user", id: userId }, at: now });
  const placedEvent: TimelineEntry = {
    kind: "place",
    fromStatus: null,
    toStatus: null,
    actorKind: "user",
    note: null,
    at: now,
  };
  if (input.fromCart)
    await deleteCartSkus(
      tx,
      userId,
      items.map((i) => i.skuId),
    );
  await snapshotOrder(tx, {
    orderId: order.id,
    orderNo: order.orderNo,
    buyerUserId: userId,
    placedAt: now,
    // the snapshot keeps the kinds the commission switches know; a reward grant is none of them
    activityKind: commissionActivityOf(activity) ?? quote.activityKind,
    items: items.map((item) => {
      const sku = skus.find((s) => s.skuId === item.skuId)!;
      return {
        orderItemId: item.id,
        productId: item.productId,
        skuId: item.skuId,
        quantity: item.quantity,
        listFen: item.listFen,
        paidFen: item.paidFen,
        // A line the engine priced answers for itself; under a caller's activity (group buy) the order's kind stands.
        activityKind:
          activity && !item.activityId ? undefined : commissionActivityOf({ kind: item.activityKind ?? "" }),
        skuCommissionRule: sku.skuCommissionRule ?? null,
        productCommissionRule: sku.productCommissionRule ?? null,
      };
    }),
  });
  await enqueueOutbox(tx, {
    topic: "order.placed",
    at: now,
    payload: { orderId: order.id, buyerUserId: userId, payableFen: order.payableFen },
  });
  // What the order is now, from the rows just written (the snapshot does not change the order row).
  return {
    order,
    items: [...items, ...gifts],
    view: orderDetailView(order, [...items, ...gifts], [], [placedEvent], "shopper"),
  };
}
