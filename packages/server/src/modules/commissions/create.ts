// A paid order's commission rows, as planPayment decided them: one `frozen` (or `held`, when fraud review
// says so) row per (item, level), due when the plan's release rule says. The confirm-payment use case writes
// them in its one statement of what the payment caused (payments/repo.ts recordPaidOrder: the rows, their
// earners' order counters and the `commission.created` message), after the payment row and the order move;
// their ledger postings are the plan's, posted by it. What a paid order changes for the buyer's own binding
// and distributor status follows here.
import type { PlannedCommission } from "@liebian/domain";
import type { Tx } from "../../db/client.ts";
import { extendBindingAfterOrder } from "../binding/service.ts";
import type { DistributionSettingsValue } from "../distribution/settings-schema.ts";
import { grantIfEligibleAfterPurchase } from "../distributors/service.ts";
import type { PaidOrder } from "../orders/events.ts";
import { type FraudFact, holdReasonsByEarner, readFraudFacts } from "./fraud.ts";

/** A commission row as the payment's statement inserts it (the order, buyer and time are the payment's). */
export type CommissionInsert = PlannedCommission & {
  status: "frozen" | "held";
  holdReasons: string[];
  dueAt: Date | null;
};

/**
 * The planned lines as rows, each `held` with its reasons when the fraud check says so. `facts` are the
 * lock statement's (buyer and snapshot chain); an earner outside them is read here (not seen so far).
 */
export async function commissionRows(
  tx: Tx,
  settings: DistributionSettingsValue,
  paid: Pick<PaidOrder, "orderId" | "buyerUserId" | "paidAt">,
  plan: { commissions: PlannedCommission[]; dueAtMs: number | null },
  facts: FraudFact[] | null,
): Promise<CommissionInsert[]> {
  if (plan.commissions.length === 0) return [];
  const earners = [...new Set(plan.commissions.map((line) => line.earnerUserId))];
  let known = facts;
  if (settings.fraud.enabled) {
    const people = new Set([paid.buyerUserId, ...(facts ?? []).map((f) => Number(f.userId))]);
    if (known === null || earners.some((e) => !people.has(e)))
      known = [...(known ?? []), ...(await readFraudFacts(tx, paid, earners))];
  }
  const holds = holdReasonsByEarner(settings, paid, earners, known);
  const dueAt = plan.dueAtMs === null ? null : new Date(plan.dueAtMs);
  return plan.commissions.map((line) => {
    const reasons = holds.get(line.earnerUserId)!;
    return { ...line, status: reasons.length > 0 ? "held" : "frozen", holdReasons: reasons, dueAt };
  });
}

/** After the payment's rows: the buyer's binding may be extended and the buyer may become a distributor. */
export async function afterPaidOrder(tx: Tx, paid: Pick<PaidOrder, "buyerUserId" | "paidAt">): Promise<void> {
  await extendBindingAfterOrder(tx, paid.buyerUserId, paid.paidAt);
  await grantIfEligibleAfterPurchase(tx, paid.buyerUserId, paid.paidAt);
}
