// The expiry sweep of group buys, in two idempotent steps that any number of processes may run:
// 1. open groups past their deadline are decided by the domain (decideGroupExpiry): formed with virtual
//    members when the activity allows it, else failed;
// 2. every paid member of a failed group not yet refunded (including a payment that arrived after the group
//    failed) gets a whole-order refund through the after-sale refund path, started after its commit.
// Rows are taken FOR UPDATE SKIP LOCKED; a member row carries its refund's after-sale, so a second run finds
// nothing to do.
import { decideGroupExpiry } from "@liebian/domain";
import { inTransaction } from "../../db/transaction.ts";
import type { AppDeps } from "../../deps.ts";
import { openSystemRefund, startSystemRefund } from "../aftersales/service.ts";
import { formGroup } from "./payment.ts";
import {
  findActivity,
  findMembers,
  hasPaid,
  lockDueGroups,
  lockMemberOrdersSkipLocked,
  lockMembersToRefund,
  setMemberRefund,
  updateGroupRow,
} from "./repo.ts";
import { argsOf } from "./views.ts";

type Deps = Pick<AppDeps, "db" | "now" | "refunds">;

/** Step 1: decide the due groups. Returns how many were decided. */
async function decideDueGroups(deps: Deps, now: Date, batchSize: number): Promise<number> {
  let decided = 0;
  for (;;) {
    const batch = await inTransaction(deps.db, async (tx) => {
      const due = await lockDueGroups(tx, now, batchSize);
      let moved = 0;
      for (const group of due) {
        const members = await findMembers(tx, [group.id]);
        const locked = await lockMemberOrdersSkipLocked(
          tx,
          members.map((m) => m.orderId),
        );
        // a payment holds one of its orders right now: decide this group on the next run
        if (locked.length < members.length) continue;
        const fresh = await findMembers(tx, [group.id]);
        const decision = decideGroupExpiry({
          args: argsOf((await findActivity(tx, group.activityId))!),
          group: { status: group.status, size: group.size, expiresAtMs: group.expiresAt.getTime() },
          nowMs: now.getTime(),
          paidOrderIds: fresh.filter(hasPaid).map((m) => m.orderId),
        });
        if (decision.kind === "wait") continue;
        if (decision.kind === "form") await formGroup(tx, group, decision.virtualMembers, now);
        else await updateGroupRow(tx, group.id, { status: "failed", failedAt: now });
        moved++;
      }
      return { taken: due.length, moved };
    });
    decided += batch.moved;
    if (batch.taken < batchSize || batch.moved === 0) return decided;
  }
}

/** Step 2: refund the paid members of failed groups. Returns how many refunds were opened. */
async function refundFailedMembers(deps: Deps, now: Date, batchSize: number): Promise<number> {
  let opened = 0;
  for (;;) {
    const started = await inTransaction(deps.db, async (tx) => {
      const due = await lockMembersToRefund(tx, batchSize);
      const afterSales = [];
      for (const { member } of due) {
        const afterSale = await openSystemRefund(tx, {
          orderId: member.orderId,
          reason: "拼团失败自动退款",
          at: now,
        });
        if (!afterSale) continue;
        await setMemberRefund(tx, member.id, afterSale.id);
        afterSales.push(afterSale);
      }
      return { taken: due.length, afterSales };
    });
    // after commit, as every refund starts: the provider is never called inside a transaction
    for (const afterSale of started.afterSales) await startSystemRefund(deps, afterSale);
    opened += started.afterSales.length;
    if (started.taken < batchSize || started.afterSales.length === 0) return opened;
  }
}

export async function expireDueGroups(deps: Deps, now: Date, batchSize = 100): Promise<number> {
  const decided = await decideDueGroups(deps, now, batchSize);
  return decided + (await refundFailedMembers(deps, now, batchSize));
}
