// The commission status table and its release date: frozen → settled | cancelled | held;
// held → frozen | cancelled. A settled commission never changes status; refunds claw it back instead.

import type { CommissionPlan } from "./plan.ts";

const DAY_MS = 86_400_000;

export type CommissionStatus = "frozen" | "settled" | "cancelled" | "held";

export const COMMISSION_TRANSITIONS: Readonly<Record<CommissionStatus, readonly CommissionStatus[]>> = {
  frozen: ["settled", "cancelled", "held"],
  held: ["frozen", "cancelled"],
  settled: [],
  cancelled: [],
};

/**
 * Whether a commission may move between statuses. Example: settled → cancelled is refused
 * (a refund after settlement is a clawback entry, not a status change).
 */
export function decideCommissionTransition(
  from: CommissionStatus,
  to: CommissionStatus,
): { kind: "ok" } | { kind: "refuse"; reason: "COMMISSION_STATE_INVALID" } {
  return COMMISSION_TRANSITIONS[from].includes(to)
    ? { kind: "ok" }
    : { kind: "refuse", reason: "COMMISSION_STATE_INVALID" };
}

/**
 * When frozen commissions of an order become due for settlement (`due_at`), or null while it cannot be
 * known yet (release after receipt, not yet received). Example: received at day 3, 7 days → day 10.
 */
export function commissionReleaseDueAt(
  plan: Pick<CommissionPlan, "release">,
  times: { paidAtMs: number; receivedAtMs: number | null },
): number | null {
  const { mode, days } = plan.release;
  const from = mode === "after_payment" ? times.paidAtMs : times.receivedAtMs;
  return from === null ? null : from + days * DAY_MS;
}

export type SettlementDecision =
  | { kind: "settle" }
  | { kind: "wait"; reason: "NOT_DUE" | "RELEASE_DATE_UNKNOWN" | "AFTER_SALE_OPEN" }
  | { kind: "skip"; reason: "NOT_FROZEN" };

/**
 * What the settlement sweep does with one commission: settle when frozen, due (due_at ≤ now) and no
 * after-sale request is open. Example: due yesterday but a return is open → wait AFTER_SALE_OPEN.
 */
export function decideCommissionSettlement(facts: {
  status: CommissionStatus;
  dueAtMs: number | null;
  nowMs: number;
  hasOpenAfterSale: boolean;
}): SettlementDecision {
  if (facts.status !== "frozen") return { kind: "skip", reason: "NOT_FROZEN" };
  if (facts.dueAtMs === null) return { kind: "wait", reason: "RELEASE_DATE_UNKNOWN" };
  if (facts.dueAtMs > facts.nowMs) return { kind: "wait", reason: "NOT_DUE" };
  if (facts.hasOpenAfterSale) return { kind: "wait", reason: "AFTER_SALE_OPEN" };
  return { kind: "settle" };
}
