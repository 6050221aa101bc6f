// The after-sale's moves between shopper and merchant: approve or reject with a note, the shopper's return
// parcel, the merchant's receipt of it, cancelling, and retrying a failed refund. A move that reaches
// `refunding` commits, then starts the refund (startRefund) outside the transaction.
import type { AfterSaleEvent } from "@liebian/domain";
import type { Tx } from "../../db/client.ts";
import { inTransaction } from "../../db/transaction.ts";
import type { AppDeps } from "../../deps.ts";
import { notFound } from "../../http/app-error.ts";
import type { StaffActor } from "../../http/types.ts";
import { recordAudit } from "../audit/service.ts";
import { findOrder } from "../orders/repo.ts";
import { type OrderActor, recordOrderEvent } from "../orders/timeline.ts";
import { moveAfterSale, type RefundStart, startRefund } from "./refund.ts";
import { type AfterSaleRow, lockAfterSale } from "./repo.ts";
import { loadAfterSaleView } from "./views.ts";

type AfterSaleDeps = Pick<AppDeps, "db" | "now" | "orderHooks" | "refunds">;
type Step = { event: AfterSaleEvent; values?: Partial<AfterSaleRow> };

/**
 * Applies the steps in one transaction (e.g. approve then start_refund for a refund-only request), records
 * them on the order's timeline, then starts the refund if the after-sale ended up `refunding`.
 */
async function applySteps(
  deps: AfterSaleDeps,
  id: number,
  who: { actor: OrderActor; staff?: StaffActor; buyerUserId?: number },
  steps: (current: AfterSaleRow) => Step[],
): Promise<{ afterSale: Awaited<ReturnType<typeof loadAfterSaleView>>; refund: RefundStart | null }> {
  const moved = await inTransaction(deps.db, async (tx: Tx) => {
    const at = deps.now();
    let row = await lockAfterSale(tx, id);
    if (!row || (who.buyerUserId !== undefined && row.buyerUserId !== who.buyerUserId)) {
      throw notFound("After-sale", { id });
    }
    const before = row;
    for (const step of steps(row)) {
      row = await moveAfterSale(tx, row, step.event, at, step.values);
      await recordOrderEvent(tx, row.orderId, `after_sale_${step.event}`, {
        actor: who.actor,
        at,
        note: `#${id}`,
      });
    }
    if (who.staff) {
      await recordAudit(tx, who.staff, {
        action: "after_sale.review",
        entity: "after_sale",
        entityId: id,
        before,
        after: row,
      });
    }
    return row;
  });
  let refund: RefundStart | null = null;
  if (moved.status === "refunding") {
    const order = (await findOrder(deps.db, { orderId: moved.orderId }))!;
    refund = await startRefund(deps, moved, order.orderNo);
  }
  return { afterSale: await loadAfterSaleView(deps.db, id), refund };
}

const staffWho = (actor: StaffActor) => ({
  actor: { kind: "staff" as const, id: actor.staffId },
  staff: actor,
});
const shopperWho = (userId: number) => ({
  actor: { kind: "user" as const, id: userId },
  buyerUserId: userId,
});

export function approveAfterSale(deps: AfterSaleDeps, actor: StaffActor, id: number, note: string | null) {
  return applySteps(deps, id, staffWho(actor), (current) => [
    { event: "approve", values: { merchantNote: note } },
    // A refund-only request goes straight to the refund; a return waits for the goods.
    ...(current.kind === "refund_only" ? [{ event: "start_refund" as const }] : []),
  ]);
}

export function rejectAfterSale(deps: AfterSaleDeps, actor: StaffActor, id: number, note: string) {
  return applySteps(deps, id, staffWho(actor), () => [{ event: "reject", values: { merchantNote: note } }]);
}

export function confirmReturn(deps: AfterSaleDeps, actor: StaffActor, id: number) {
  return applySteps(deps, id, staffWho(actor), () => [
    { event: "confirm_return" },
    { event: "start_refund" },
  ]);
}

export function retryRefund(deps: AfterSaleDeps, actor: StaffActor, id: number) {
  return applySteps(deps, id, staffWho(actor), () => [{ event: "retry_refund" }]);
}

export function shipBack(
  deps: AfterSaleDeps,
  userId: number,
  id: number,
  parcel: { carrier: string; trackingNo: string },
) {
  return applySteps(deps, id, shopperWho(userId), () => [
    { event: "ship_back", values: { returnCarrier: parcel.carrier, returnTrackingNo: parcel.trackingNo } },
  ]);
}

export function cancelAfterSale(deps: AfterSaleDeps, userId: number, id: number) {
  return applySteps(deps, id, shopperWho(userId), () => [{ event: "cancel" }]);
}
