// onPaid: the engine prices the frozen snapshot; one `frozen` (or `held`) commission per (item, level)
// and its ledger post `comm:<orderItemId>:L<level>` (written at the end of the payment's transaction,
// with the payment's own). A repeat is a no-op.
import {
  buildCommissionFrozenPosting,
  type ChainMember,
  type CommissionActivityKind,
  type CommissionPlan,
  commissionReleaseDueAt,
  computeCommissions,
  fen,
} from "@liebian/domain";
import type { Tx } from "../../db/client.ts";
import { extendBindingAfterOrder } from "../binding/service.ts";
import { grantIfEligibleAfterPurchase } from "../distributors/service.ts";
import { queueLedgerPosting } from "../ledger/service.ts";
import type { PaidOrder } from "../orders/events.ts";
import { recordEarnerOrder } from "./earner-counts.ts";
import { holdReasonsByEarner } from "./fraud.ts";
import { insertCommissionsOnce, lockSnapshotOnPayment } from "./repo.ts";
import type { SnapshotItem } from "./snapshot.ts";

export async function createCommissions(tx: Tx, paid: PaidOrder): Promise<void> {
  const snapshot = await lockSnapshotOnPayment(tx, paid.orderId, paid.paidAt);
  if (snapshot) {
    const plan = snapshot.plan as CommissionPlan;
    const items = snapshot.items as SnapshotItem[];
    const result = computeCommissions({
      plan,
      items: items.map((i) => ({
        orderItemRef: String(i.orderItemId),
        paidFen: fen(i.paidFen),
        listFen: fen(i.listFen),
        quantity: i.quantity,
        ...(i.skuRule ? { skuRule: i.skuRule as never } : {}),
        ...(i.productRule ? { productRule: i.productRule as never } : {}),
      })),
      chain: snapshot.chain as ChainMember[],
      buyer: snapshot.buyer as ChainMember,
      activityKind: (snapshot.activityKind as CommissionActivityKind | null) ?? null,
    });
    const due = commissionReleaseDueAt(plan, { paidAtMs: paid.paidAt.getTime(), receivedAtMs: null });
    const earners = [...new Set(result.lines.map((line) => Number(line.earnerUserId)))];
    const holds = await holdReasonsByEarner(tx, paid, earners);
    const rows = await insertCommissionsOnce(
      tx,
      result.lines.map((line) => {
        const orderItemId = Number(line.orderItemRef);
        const reasons = holds.get(Number(line.earnerUserId))!;
        return {
          orderId: paid.orderId,
          orderItemId,
          level: line.level,
          earnerUserId: Number(line.earnerUserId),
          buyerUserId: paid.buyerUserId,
          itemFen: items.find((i) => i.orderItemId === orderItemId)!.paidFen,
          baseFen: line.baseFen,
          rateBps: line.rateBps,
          fixedFenPerUnit: line.fixedFenPerUnit,
          quantity: line.quantity,
          rateSource: line.rateSource,
          amountFen: line.amountFen,
          status: reasons.length > 0 ? ("held" as const) : ("frozen" as const),
          holdReasons: reasons,
          dueAt: due === null ? null : new Date(due),
          createdAt: paid.paidAt,
        };
      }),
    );
    await recordEarnerOrder(tx, [...new Set(rows.map((row) => row.earnerUserId))]);
    // Only rows inserted now are posted: a repeated notification finds them all and posts nothing.
    for (const row of rows) {
      queueLedgerPosting(
        tx,
        buildCommissionFrozenPosting({
          orderId: paid.orderId,
          orderItemId: row.orderItemId,
          level: row.level,
          earnerUserId: row.earnerUserId,
          amountFen: row.amountFen,
          at: paid.paidAt,
        }),
      );
    }
  }
  await extendBindingAfterOrder(tx, paid.buyerUserId, paid.paidAt);
  await grantIfEligibleAfterPurchase(tx, paid.buyerUserId, paid.paidAt);
}
