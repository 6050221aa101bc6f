// Places an order: re-prices on the server, reserves stock with guarded decrements (in SKU id order, so
// two orders never wait on each other in a cycle), snapshots what was bought and where it goes, freezes the
// distribution snapshot and writes `order.placed` to the outbox — all in one transaction, once per
// Idempotency-Key.
import { COMMISSION_ACTIVITY_KINDS, type CommissionActivityKind } from "@liebian/domain";
import type { Tx } from "../../db/client.ts";
import { inTransaction } from "../../db/transaction.ts";
import type { AppDeps } from "../../deps.ts";
import { answerOfTakenKey, type IdempotencyRequest, writeKeyParams } from "../../http/idempotency.ts";
import { deleteCartSkus } from "../cart/repo.ts";
import { planSnapshot } from "../commissions/snapshot.ts";
import { getDistributionSettings } from "../distribution/settings.ts";
import { promotionColumnsOf, reservePromotions } from "../marketing/service.ts";
import { spendPointsForOrder } from "../points/service.ts";
import { placeGifts } from "./gifts.ts";
import { type CheckoutActivity, type CheckoutInput, priceCheckout, skuLabelOf } from "./pricing.ts";
import { insertPlacedOrder, writePlacing } from "./repo.ts";
import { loadDueDates } from "./timeline.ts";
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
  try {
    // the key is written with the order's last statement, its answer the order id
    const written = await inTransaction(deps.db, (tx) =>
      writePlacedOrder(tx, deps.now(), userId, input, null, idempotency, true),
    );
    return { replayed: false, order: written.view };
  } catch (failure) {
    // a repeat of a placed order answers with the order as it is now, however this attempt went
    const stored = await answerOfTakenKey<{ orderId: number }>(deps.db, idempotency, failure);
    return { replayed: true, order: await loadOrderDetail(deps.db, stored.body.orderId, "shopper") };
  }
}

/**
 * Places an order inside the caller's transaction: prices it (with the activity's discounts, if it comes
 * from one), writes the order and its lines, reserves stock, snapshots distribution and tells the outbox.
 * The activity use cases (group buy) and reward grants call it too.
 *
 * A plain order costs three statements: one read of every fact pricing needs (with the buyer's referral
 * chain), the order with its lines, then its stock, timeline, snapshot and outbox message. A coupon, an
 * activity line, points, gifts and a cart add their own statements between and after.
 */
export async function writePlacedOrder(
  tx: Tx,
  now: Date,
  userId: number,
  input: PlaceOrderInput,
  activity: CheckoutActivity | null,
  /** POST /orders' key: written with its answer (201, the order id) in the order's last statement. */
  answerUnder: IdempotencyRequest | null = null,
  /** Nothing follows in the caller's transaction: the last statement here may carry its COMMIT. */
  endsTransaction = false,
) {
  const distribution = await getDistributionSettings(tx);
  const priced = await priceCheckout(tx, userId, input, {
    forPlacing: true,
    now,
    activity,
    chainAt: distribution.plan.enabled ? now : null,
  });
  const { quote, skus, address, delivery } = priced;
  const skuOf = new Map(skus.map((s) => [s.skuId, s]));
  const pointsUsed = quote.pointsUsed + (activity?.points ?? 0);
  const dueDates = await loadDueDates(tx);
  const { order, items } = await insertPlacedOrder(
    tx,
    {
      buyerUserId: userId,
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
      contactPhone: address?.phone ?? priced.buyerPhone ?? "",
      buyerRemark: input.buyerRemark,
      placedAt: now,
      closeDueAt: new Date(
        Math.min(
          dueDates.closeDueAt(now.getTime()),
          activity?.closeBy?.getTime() ?? Number.POSITIVE_INFINITY,
        ),
      ),
    },
    quote.lines.map((line, i) => {
      const sku = skus[i]!;
      return {
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
  // gifts and a cart's lines are written after the order's own statement: then it is not the last
  const last = endsTransaction && priced.gifts.length === 0 && !input.fromCart;
  await writePlacing(
    tx,
    {
      answer: writeKeyParams(answerUnder, { status: 201, body: { orderId: order.id } }),
      orderId: order.id,
      buyerUserId: userId,
      payableFen: order.payableFen,
      at: now,
      lines: items.map((item) => ({ skuId: item.skuId, quantity: item.quantity })),
      snapshot: planSnapshot(distribution, priced.chain, {
        buyerUserId: userId,
        // the snapshot keeps the kinds the commission switches know; a reward grant is none of them
        activityKind: commissionActivityOf(activity) ?? quote.activityKind,
        items: items.map((item) => {
          const sku = skuOf.get(item.skuId)!;
          return {
            orderItemId: item.id,
            productId: item.productId,
            skuId: item.skuId,
            quantity: item.quantity,
            listFen: item.listFen,
            paidFen: item.paidFen,
            // A line the engine priced answers for itself; under a caller's activity (group buy) the order's kind stands.
            activityKind:
              activity && !item.activityId
                ? undefined
                : commissionActivityOf({ kind: item.activityKind ?? "" }),
            skuCommissionRule: sku.skuCommissionRule ?? null,
            productCommissionRule: sku.productCommissionRule ?? null,
          };
        }),
      }),
    },
    last,
  );
  const gifts = await placeGifts(
    tx,
    { id: order.id, userId },
    priced.gifts,
    quote.lines.map((l) => l.skuId),
    items,
  );
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
  // What the order is now, from the rows just written (the snapshot does not change the order row).
  return {
    order,
    items: [...items, ...gifts],
    view: orderDetailView(order, [...items, ...gifts], [], [placedEvent], "shopper"),
  };
}
