// What a refund takes back from each commission line of the refunded items (domain planClawbacks): applied
// by the refund use case inside its transaction, and shown to staff beforehand (the refund preview), so the
// confirmation dialog and the ledger can never disagree.
import { type ClawbackPlan, planClawbacks } from "@liebian/domain";
import type { Executor, Tx } from "../../db/client.ts";
import { findNicknames } from "../accounts/repo.ts";
import type { RefundedItems } from "../orders/events.ts";
import { recordEarnerRefund } from "./earner-counts.ts";
import {
  type CommissionRow,
  findCommissionsOfItems,
  lockCommissionsOfItems,
  updateCommission,
} from "./repo.ts";

/** The commission lines of the refunded items, locked: the facts a refund plans its clawbacks from. */
export async function lockRefundedCommissions(
  tx: Tx,
  items: RefundedItems["items"],
): Promise<CommissionRow[]> {
  return lockCommissionsOfItems(
    tx,
    items.map((i) => i.orderItemId),
  );
}

/** Writes what the refund's plan takes back from each line (its postings are posted by the use case). */
export async function applyClawbacks(
  tx: Tx,
  orderId: number,
  clawbacks: ClawbackPlan<CommissionRow>[],
  at: Date,
): Promise<void> {
  // Counted before this refund's amounts are written: only an order's first clawback counts it refunded.
  await recordEarnerRefund(
    tx,
    orderId,
    clawbacks.map((c) => c.commission.earnerUserId),
  );
  for (const claw of clawbacks) {
    await updateCommission(tx, claw.commission.id, {
      clawedBackFen: claw.totalClawedFen,
      ...(claw.cancels ? { status: "cancelled", cancelledAt: at } : {}),
    });
  }
}

export type CommissionEffect = {
  commissionId: number;
  level: number;
  earnerUserId: number;
  earnerNickname: string | null;
  status: CommissionRow["status"];
  amountFen: number;
  takeBackFen: number;
  /** cancelled: the whole line goes; reduced: part of a frozen line; clawed_back: from an already settled line. */
  outcome: "cancelled" | "reduced" | "clawed_back";
};

/** The commission side of a refund not yet made, read without locks (for the confirmation dialog). */
export async function previewClawbacks(
  db: Executor,
  items: RefundedItems["items"],
): Promise<CommissionEffect[]> {
  const rows = await findCommissionsOfItems(
    db,
    items.map((i) => i.orderItemId),
  );
  const plans = planClawbacks(rows, items);
  const names = await findNicknames(db, [...new Set(plans.map((p) => p.commission.earnerUserId))]);
  return plans.map(({ commission: row, amountFen, from, cancels }) => ({
    commissionId: row.id,
    level: row.level,
    earnerUserId: row.earnerUserId,
    earnerNickname: names.get(row.earnerUserId) ?? null,
    status: row.status,
    amountFen: row.amountFen,
    takeBackFen: amountFen,
    outcome: cancels ? "cancelled" : from === "available" ? "clawed_back" : "reduced",
  }));
}
