// The after-sale's moves between shopper and merchant: approve or reject with a note, the shopper's return
// parcel, the merchant's receipt of it (restocking the units), finance's refund confirmation, cancelling, and
// retrying a failed refund. A move that reaches `refunding` commits, then starts the refund (startRefund)
// outside the transaction. Only a role that moves refund money (money-actions.ts) starts a refund while
// approving; anyone else leaves it in finance's 待退款确认 queue, unless it is within the owner's limit.
import type { AfterSaleEvent } from "@liebian/domain";
import type { Tx } from "../../db/client.ts";
import type { StaffRole } from "../../db/schema/accounts.ts";
import { inTransaction } from "../../db/transaction.ts";
import type { AppDeps } from "../../deps.ts";
import { notFound } from "../../errors/app-error.ts";
import { type MoneyActionKey, mayMoveMoney } from "../../http/money-actions.ts";
import type { StaffActor } from "../../http/types.ts";
import { recordAudit } from "../audit/service.ts";
import { findOrder } from "../orders/repo.ts";
import { type OrderActor, recordOrderEvent } from "../orders/timeline.ts";
import { enqueueOutbox } from "../outbox/service.ts";
import { getSettings } from "../settings/service.ts";
import { moveAfterSale, type RefundStart, startRefund } from "./refund.ts";
import { adjustRefund, type RefundAdjustment } from "./refund-amount.ts";
import { type AfterSaleRow, lockAfterSale } from "./repo.ts";
import { restockReturn } from "./restock.ts";
import { loadAfterSaleView } from "./views.ts";

type AfterSaleDeps = Pick<AppDeps, "db" | "now" | "refunds">;
type Step = { event: AfterSaleEvent; values?: Partial<AfterSaleRow> };
/** Decides the steps inside the transaction, with the locked row; may first change the row (amount, stock). */
type Plan = (tx: Tx, current: AfterSaleRow, at: Date) => Promise<{ row: AfterSaleRow; steps: Step[] }>;
type StaffWho = { actor: OrderActor; staff: StaffActor; role: StaffRole };

/**
 * Applies the steps in one transaction (e.g. approve then start_refund for a refund-only request), records
 * them on the order's timeline, then starts the refund if the after-sale ended up `refunding`.
 */
async function applySteps(
  deps: AfterSaleDeps,
  id: number,
  who: { actor: OrderActor; staff?: StaffActor; buyerUserId?: number },
  plan: Plan,
  audit = "after_sale.review",
): Promise<{ afterSale: Awaited<ReturnType<typeof loadAfterSaleView>>; refund: RefundStart | null }> {
  const moved = await inTransaction(deps.db, async (tx: Tx) => {
    const at = deps.now();
    let row = await lockAfterSale(tx, id);
    if (!row || (who.buyerUserId !== undefined && row.buyerUserId !== who.buyerUserId)) {
      throw notFound("After-sale", { id });
    }
    const before = row;
    const planned = await plan(tx, row, at);
    row = planned.row;
    for (const step of planned.steps) {
      row = await moveAfterSale(tx, row, step.event, at, step.values);
      await recordOrderEvent(tx, row.orderId, `after_sale_${step.event}`, {
        actor: who.actor,
        at,
        note: `#${id}`,
      });
    }
    const decided = planned.steps.find((s) => s.event === "approve" || s.event === "reject");
    if (decided) {
      await enqueueOutbox(tx, {
        topic: "after_sale.decided",
        at,
        payload: {
          afterSaleId: id,
          orderId: row.orderId,
          buyerUserId: row.buyerUserId,
          decision: decided.event === "approve" ? "approved" : "rejected",
        },
      });
    }
    if (who.staff) {
      await recordAudit(tx, who.staff, {
        action: audit,
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

const staffWho = (actor: StaffActor, role: StaffRole): StaffWho => ({
  actor: { kind: "staff" as const, id: actor.staffId },
  staff: actor,
  role,
});
const shopperWho = (userId: number) => ({
  actor: { kind: "user" as const, id: userId },
  buyerUserId: userId,
});
const just =
  (...steps: Step[]): Plan =>
  async (_tx, row) => ({ row, steps });

/**
 * Whether this reviewer's move may start the refund now: a role that moves refund money may; another may
 * only within the owner's "reviewers may refund up to ¥X"; otherwise the refund waits for finance.
 */
async function mayRefundNow(tx: Tx, role: StaffRole, action: MoneyActionKey, refundFen: number) {
  if (mayMoveMoney(role, action)) return true;
  const limit = (await getSettings(tx, "moneyLimits")).reviewersMayRefundUpToFen;
  return limit !== null && refundFen <= limit;
}

export type ReviewInput = RefundAdjustment & { note?: string | null };

export function approveAfterSale(
  deps: AfterSaleDeps,
  actor: StaffActor,
  role: StaffRole,
  id: number,
  input: ReviewInput,
) {
  return applySteps(deps, id, staffWho(actor, role), async (tx, current, at) => {
    const row = await adjustRefund(tx, current, input, at);
    const refundNow =
      row.kind === "refund_only" &&
      (await mayRefundNow(tx, role, "after_sale.approve_refund_only", row.refundFen));
    return {
      row,
      steps: [
        { event: "approve", values: { merchantNote: input.note ?? null } },
        // A refund-only request goes to the refund (now, or via finance's queue); a return waits for the goods.
        ...(refundNow ? [{ event: "start_refund" as const }] : []),
      ],
    };
  });
}

export function rejectAfterSale(
  deps: AfterSaleDeps,
  actor: StaffActor,
  role: StaffRole,
  id: number,
  note: string,
) {
  return applySteps(
    deps,
    id,
    staffWho(actor, role),
    just({ event: "reject", values: { merchantNote: note } }),
  );
}

/** The returned parcel arrived: restock unless the goods are damaged, then refund (now or via the queue). */
export function confirmReturn(
  deps: AfterSaleDeps,
  actor: StaffActor,
  role: StaffRole,
  id: number,
  input: RefundAdjustment & { restock: boolean },
) {
  return applySteps(deps, id, staffWho(actor, role), async (tx, current, at) => {
    const row = await adjustRefund(tx, current, input, at);
    // Restock only on the move that is allowed (awaiting_return → returned); moveAfterSale refuses the rest
    // and rolls this back with it.
    if (row.status === "awaiting_return" && input.restock) await restockReturn(tx, row, actor.staffId);
    const refundNow = await mayRefundNow(tx, role, "after_sale.confirm_return", row.refundFen);
    return {
      row,
      steps: [
        { event: "confirm_return", values: { restocked: input.restock } },
        ...(refundNow ? [{ event: "start_refund" as const }] : []),
      ],
    };
  });
}

/** Finance confirms a queued refund (an approved 仅退款 or a received return), possibly for less. */
export function confirmRefund(
  deps: AfterSaleDeps,
  actor: StaffActor,
  role: StaffRole,
  id: number,
  input: RefundAdjustment,
) {
  return applySteps(
    deps,
    id,
    staffWho(actor, role),
    async (tx, current, at) => ({
      row: await adjustRefund(tx, current, input, at),
      steps: [{ event: "start_refund" }],
    }),
    "after_sale.refund",
  );
}

export function retryRefund(deps: AfterSaleDeps, actor: StaffActor, role: StaffRole, id: number) {
  return applySteps(deps, id, staffWho(actor, role), just({ event: "retry_refund" }));
}

export function shipBack(
  deps: AfterSaleDeps,
  userId: number,
  id: number,
  parcel: { carrier: string; trackingNo: string },
) {
  return applySteps(
    deps,
    id,
    shopperWho(userId),
    just({
      event: "ship_back",
      values: { returnCarrier: parcel.carrier, returnTrackingNo: parcel.trackingNo },
    }),
  );
}

export function cancelAfterSale(deps: AfterSaleDeps, userId: number, id: number) {
  return applySteps(deps, id, shopperWho(userId), just({ event: "cancel" }));
}
