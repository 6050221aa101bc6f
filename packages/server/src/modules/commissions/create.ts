// A paid order's commission rows, as planPayment decided them: one `frozen` (or `held`, when fraud review
// says so) row per (item, level), due when the plan's release rule says. Called by the confirm-payment use
// case after the payment row and the order move; their ledger postings are the plan's, posted by it, and
// so is the `commission.created` message answered here (one outbox statement for the whole payment).
import type { PlannedCommission } from "@liebian/domain";
import type { Tx } from "../../db/client.ts";
import { extendBindingAfterOrder } from "../binding/service.ts";
import { grantIfEligibleAfterPurchase } from "../distributors/service.ts";
import type { PaidOrder } from "../orders/events.ts";
import type { OutboxMessage } from "../outbox/service.ts";
import { recordEarnerOrder } from "./earner-counts.ts";
import { holdReasonsByEarner } from "./fraud.ts";
import { insertCommissionsOnce, stampSnapshotPaid } from "./repo.ts";

export async function createCommissions(
  tx: Tx,
  paid: PaidOrder,
  plan: { commissions: PlannedCommission[]; dueAtMs: number | null; snapshotted: boolean },
): Promise<OutboxMessage[]> {
  if (plan.snapshotted) await stampSnapshotPaid(tx, paid.orderId, paid.paidAt);
  const messages: OutboxMessage[] = [];
  if (plan.commissions.length > 0) {
    const earners = [...new Set(plan.commissions.map((line) => line.earnerUserId))];
    const holds = await holdReasonsByEarner(tx, paid, earners);
    const rows = await insertCommissionsOnce(
      tx,
      plan.commissions.map((line) => {
        const reasons = holds.get(line.earnerUserId)!;
        return {
          ...line,
          orderId: paid.orderId,
          buyerUserId: paid.buyerUserId,
          status: reasons.length > 0 ? ("held" as const) : ("frozen" as const),
          holdReasons: reasons,
          dueAt: plan.dueAtMs === null ? null : new Date(plan.dueAtMs),
          createdAt: paid.paidAt,
        };
      }),
    );
    await recordEarnerOrder(tx, [...new Set(rows.map((row) => row.earnerUserId))]);
    if (rows.length > 0)
      messages.push({
        topic: "commission.created",
        payload: {
          orderId: paid.orderId,
          commissions: rows.map((row) => ({
            commissionId: row.id,
            earnerUserId: row.earnerUserId,
            level: row.level,
            amountFen: row.amountFen,
            status: row.status,
          })),
        },
      });
  }
  await extendBindingAfterOrder(tx, paid.buyerUserId, paid.paidAt);
  await grantIfEligibleAfterPurchase(tx, paid.buyerUserId, paid.paidAt);
  return messages;
}
