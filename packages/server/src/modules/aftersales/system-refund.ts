// A refund the system decides for a whole order (a group buy that failed): an after-sale for every unit and
// the freight not yet held or refunded, moved at once through requested → approved → refunding in the
// caller's transaction. After commit the caller starts it (startRefund); from there it is the same refund path
// as any after-sale (provider or balance, clawbacks, order `refunded`).
import { decideRefundAmount, fen } from "@liebian/domain";
import type { Tx } from "../../db/client.ts";
import type { AppDeps } from "../../deps.ts";
import { findOrder, findOrderItems, lockOrder } from "../orders/repo.ts";
import { recordOrderEvent } from "../orders/timeline.ts";
import { moveAfterSale, startRefund } from "./refund.ts";
import {
  type AfterSaleRow,
  findHeldByLine,
  findHeldFreight,
  insertAfterSale,
  insertAfterSaleItems,
} from "./repo.ts";

/** Opens the whole-order refund; null when nothing is left to refund (the shopper already had it back). */
export async function openSystemRefund(
  tx: Tx,
  input: { orderId: number; reason: string; at: Date },
): Promise<AfterSaleRow | null> {
  const { orderId, at } = input;
  const order = (await lockOrder(tx, { orderId }))!;
  const lines = await findOrderItems(tx, [orderId]);
  const held = await findHeldByLine(tx, orderId);
  const facts = lines.map((l) => {
    const h = held.find((x) => x.orderItemId === l.id);
    return { line: l, heldQuantity: h?.quantity ?? 0, heldFen: h?.refundFen ?? 0 };
  });
  const decision = decideRefundAmount(
    {
      lines: facts.map(({ line, heldQuantity, heldFen }) => ({
        lineId: String(line.id),
        quantity: line.quantity,
        paidFen: fen(line.paidFen),
        refundedQuantity: heldQuantity,
        refundedFen: fen(heldFen),
      })),
      freightFen: fen(order.freightFen),
      freightRefundedFen: fen(await findHeldFreight(tx, orderId)),
    },
    {
      items: facts
        .filter((f) => f.line.quantity > f.heldQuantity)
        .map((f) => ({ lineId: String(f.line.id), quantity: f.line.quantity - f.heldQuantity })),
      requestedFen: null,
    },
  );
  if (!decision.ok) return null;
  return openRefundingAfterSale(tx, {
    orderId,
    buyerUserId: order.buyerUserId,
    reason: input.reason,
    at,
    refundFen: decision.refundFen,
    freightRefundFen: decision.freight.refundFen,
    items: decision.lines.map((l) => ({
      orderItemId: Number(l.lineId),
      quantity: l.quantity,
      refundFen: l.refundFen,
    })),
  });
}

/**
 * A price difference the system pays back (a group challenge's final tier): an after-sale of no units whose
 * lines carry the amounts, moved to `refunding` in the caller's transaction like openSystemRefund; the caller
 * starts it after commit. Units stay with the shopper; commissions and points shrink with the amount.
 */
export async function openPriceDifferenceRefund(
  tx: Tx,
  input: { orderId: number; reason: string; at: Date; items: { orderItemId: number; refundFen: number }[] },
): Promise<AfterSaleRow> {
  const { orderId, at } = input;
  const order = (await lockOrder(tx, { orderId }))!;
  return openRefundingAfterSale(tx, {
    orderId,
    buyerUserId: order.buyerUserId,
    reason: input.reason,
    at,
    refundFen: input.items.reduce((sum, i) => sum + i.refundFen, 0),
    freightRefundFen: 0,
    items: input.items.map((i) => ({ orderItemId: i.orderItemId, quantity: 0, refundFen: i.refundFen })),
  });
}

/** Writes a system after-sale with its lines and moves it requested → approved → refunding, each on the timeline. */
async function openRefundingAfterSale(
  tx: Tx,
  input: {
    orderId: number;
    buyerUserId: number;
    reason: string;
    at: Date;
    refundFen: number;
    freightRefundFen: number;
    items: { orderItemId: number; quantity: number; refundFen: number }[];
  },
): Promise<AfterSaleRow> {
  const { orderId, at } = input;
  let row = await insertAfterSale(tx, {
    orderId,
    buyerUserId: input.buyerUserId,
    kind: "refund_only",
    status: "requested",
    reason: input.reason,
    refundFen: input.refundFen,
    freightRefundFen: input.freightRefundFen,
    createdAt: at,
    updatedAt: at,
  });
  await insertAfterSaleItems(
    tx,
    input.items.map((i) => ({ afterSaleId: row.id, ...i })),
  );
  for (const event of ["approve", "start_refund"] as const) {
    row = await moveAfterSale(tx, row, event, at);
    await recordOrderEvent(tx, orderId, `after_sale_${event}`, {
      actor: { kind: "system", id: null },
      at,
      note: `#${row.id} ${input.reason}`,
    });
  }
  return row;
}

/** After the transaction that opened it committed: pays it back through the refund path. */
export async function startSystemRefund(
  deps: Pick<AppDeps, "db" | "now" | "refunds">,
  afterSale: AfterSaleRow,
) {
  const order = (await findOrder(deps.db, { orderId: afterSale.orderId }))!;
  await startRefund(deps, afterSale, order.orderNo);
}
