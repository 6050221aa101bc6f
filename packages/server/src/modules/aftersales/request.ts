// A shopper asks for an after-sale: which lines and how many units, why, with photos. The amount is decided
// now by the domain's decideRefundAmount against what the order's lines already have held or refunded, and
// held against the order until the after-sale is rejected, cancelled or refunded.
import { type AfterSaleKind, decideRefundAmount, fen } from "@liebian/domain";
import { inTransaction } from "../../db/transaction.ts";
import type { AppDeps } from "../../deps.ts";
import { AppError, notFound } from "../../errors/app-error.ts";
import { findOrderItems, lockOrder, type OrderItemRow } from "../orders/repo.ts";
import { recordOrderEvent } from "../orders/timeline.ts";
import { findHeldByLine, findHeldFreight, insertAfterSale, insertAfterSaleItems } from "./repo.ts";
import { loadAfterSaleView } from "./views.ts";

export type AfterSaleRequest = {
  kind: AfterSaleKind;
  items: { orderItemId: number; quantity: number }[];
  reason: string;
  description: string;
  photos: string[];
  requestedFen?: number | undefined;
};

export async function requestAfterSale(
  deps: Pick<AppDeps, "db" | "now">,
  userId: number,
  orderId: number,
  input: AfterSaleRequest,
) {
  return inTransaction(deps.db, async (tx) => {
    const now = deps.now();
    const order = await lockOrder(tx, { orderId });
    if (!order || order.buyerUserId !== userId) throw notFound("Order", { id: orderId });
    const windowOpen =
      order.status === "paid" ||
      order.status === "shipped" ||
      (order.status === "received" && order.completeDueAt !== null && now < order.completeDueAt);
    const goodsSent = order.status === "shipped" || order.status === "received";
    if (!windowOpen || (input.kind === "return_refund" && !goodsSent)) {
      throw new AppError(
        "AFTER_SALE_NOT_ALLOWED",
        `An order that is ${order.status} cannot take this after-sale`,
        {
          status: order.status,
          kind: input.kind,
        },
      );
    }
    const lines = await findOrderItems(tx, [orderId]);
    const held = await findHeldByLine(tx, orderId);
    const items = withGiftsAlong(input.items, lines, held);
    const decision = decideRefundAmount(
      {
        lines: lines.map((l) => {
          const h = held.find((x) => x.orderItemId === l.id);
          return {
            lineId: String(l.id),
            quantity: l.quantity,
            paidFen: fen(l.paidFen),
            refundedQuantity: h?.quantity ?? 0,
            refundedFen: fen(h?.refundFen ?? 0),
          };
        }),
        freightFen: fen(order.freightFen),
        freightRefundedFen: fen(await findHeldFreight(tx, orderId)),
      },
      {
        items: items.map((i) => ({ lineId: String(i.orderItemId), quantity: i.quantity })),
        requestedFen: input.requestedFen === undefined ? null : fen(input.requestedFen),
      },
    );
    if (!decision.ok) {
      const { ok: _, code, ...details } = decision;
      throw new AppError(code, "This after-sale cannot be requested", details);
    }
    const afterSale = await insertAfterSale(tx, {
      orderId,
      buyerUserId: userId,
      kind: input.kind,
      status: "requested",
      reason: input.reason,
      description: input.description,
      photos: input.photos,
      refundFen: decision.refundFen,
      freightRefundFen: decision.freight.refundFen,
      createdAt: now,
      updatedAt: now,
    });
    await insertAfterSaleItems(
      tx,
      decision.lines.map((l) => ({
        afterSaleId: afterSale.id,
        orderItemId: Number(l.lineId),
        quantity: l.quantity,
        refundFen: l.refundFen,
      })),
    );
    await recordOrderEvent(tx, orderId, "after_sale_request", {
      actor: { kind: "user", id: userId },
      at: now,
      note: `#${afterSale.id} ${input.kind} ${input.reason}`,
    });
    return loadAfterSaleView(tx, afterSale.id);
  });
}

/**
 * 赠品随主商品退: an after-sale of an item that earned a gift takes the gift's units not yet held along (at ¥0),
 * whatever share of the item it takes back. Gifts named by the shopper themself stay as asked.
 */
export function withGiftsAlong(
  asked: AfterSaleRequest["items"],
  lines: Pick<OrderItemRow, "id" | "quantity" | "giftOf">[],
  held: { orderItemId: number; quantity: number }[],
): AfterSaleRequest["items"] {
  const askedIds = new Set(asked.map((i) => i.orderItemId));
  const along = lines.flatMap((gift) => {
    if (!gift.giftOf || askedIds.has(gift.id) || !gift.giftOf.some((id) => askedIds.has(id))) return [];
    const left = gift.quantity - (held.find((h) => h.orderItemId === gift.id)?.quantity ?? 0);
    return left > 0 ? [{ orderItemId: gift.id, quantity: left }] : [];
  });
  return [...asked, ...along];
}
