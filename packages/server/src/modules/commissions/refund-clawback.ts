// What a refund takes back from each commission line of the refunded items: one plan, used both to apply a
// refund (clawBackRefund, inside its transaction) and to show staff beforehand what it will do (the refund
// preview), so the confirmation dialog and the ledger can never disagree.
import { type ClawbackDecision, computeClawback, fen } from "@liebian/domain";
import type { Executor } from "../../db/client.ts";
import { findNicknames } from "../accounts/repo.ts";
import type { RefundedItems } from "../orders/events.ts";
import { type CommissionRow, findCommissionsOfItems } from "./repo.ts";

export type ClawbackPlan = {
  row: CommissionRow;
  decision: Extract<ClawbackDecision, { kind: "claw_back" }>;
  /** Settled lines are clawed back from the available balance (debt allowed); others reverse from frozen. */
  from: "available" | "frozen";
  /** The line is wholly taken back before settlement: it becomes cancelled. */
  cancels: boolean;
};

/** Per commission line of the refunded items, what this refund takes back (cumulative rule, domain). */
export function planClawbacks(rows: readonly CommissionRow[], items: RefundedItems["items"]): ClawbackPlan[] {
  const plans: ClawbackPlan[] = [];
  for (const row of rows) {
    const item = items.find((i) => i.orderItemId === row.orderItemId);
    if (!item || row.status === "cancelled") continue;
    const decision = computeClawback({
      commissionFen: fen(row.amountFen),
      itemFen: fen(row.itemFen),
      remainingFen: fen(Math.max(0, Math.min(item.remainingPaidFen, row.itemFen))),
      alreadyClawedFen: fen(row.clawedBackFen),
    });
    if (decision.kind === "none") continue;
    const settled = row.status === "settled";
    plans.push({
      row,
      decision,
      from: settled ? "available" : "frozen",
      cancels: !settled && decision.totalClawedFen === row.amountFen,
    });
  }
  return plans;
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
  const names = await findNicknames(db, [...new Set(plans.map((p) => p.row.earnerUserId))]);
  return plans.map(({ row, decision, from, cancels }) => ({
    commissionId: row.id,
    level: row.level,
    earnerUserId: row.earnerUserId,
    earnerNickname: names.get(row.earnerUserId) ?? null,
    status: row.status,
    amountFen: row.amountFen,
    takeBackFen: decision.amountFen,
    outcome: cancels ? "cancelled" : from === "available" ? "clawed_back" : "reduced",
  }));
}
