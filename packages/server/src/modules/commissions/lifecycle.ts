// A commission after its creation: release date at receipt, the idempotent release sweep, and staff
// release/cancel of held ones. (Clawbacks on refunds: refund-clawback.ts, applied by the refund use case.)
import {
  buildCommissionCancelledPosting,
  commissionReleaseDueAt,
  decideCommissionTransition,
  planRelease,
} from "@liebian/domain";
import type { Db, Tx } from "../../db/client.ts";
import { inTransaction } from "../../db/transaction.ts";
import { AppError, notFound } from "../../errors/app-error.ts";
import type { StaffActor } from "../../http/types.ts";
import { recordAudit } from "../audit/service.ts";
import { postBatchTransaction } from "../ledger/post-batch.ts";
import { postLedgerTransaction } from "../ledger/service.ts";
import type { OrderMoment } from "../orders/events.ts";
import { enqueueOutbox } from "../outbox/service.ts";
import {
  lockCommission,
  lockDueBatch,
  lockSnapshot,
  moveCommissionIf,
  setDueAtForOrder,
  settleCommissionsIf,
  updateSnapshot,
} from "./repo.ts";
import { readSnapshot } from "./snapshot.ts";

/** At receipt: with release "after receipt", the order's commissions become due N days from now. */
export async function setReleaseDates(tx: Tx, moment: OrderMoment): Promise<void> {
  const snapshot = await lockSnapshot(tx, moment.orderId);
  if (!snapshot || snapshot.paidAt === null) return;
  await updateSnapshot(tx, moment.orderId, { receivedAt: moment.at });
  const due = commissionReleaseDueAt(readSnapshot(snapshot).plan, {
    paidAtMs: snapshot.paidAt.getTime(),
    receivedAtMs: moment.at.getTime(),
  });
  if (due !== null) await setDueAtForOrder(tx, moment.orderId, new Date(due));
}

/**
 * The release sweep: frozen commissions due by `now` and with no open after-sale on their item, in batches
 * taken FOR UPDATE SKIP LOCKED, so any number of sweepers share the work; a second run finds nothing.
 * Each batch is one transaction with a fixed number of statements, so time and memory stay flat with the backlog.
 */
export async function releaseDueCommissions(
  deps: { db: Db },
  now: Date,
  options: { batchSize?: number; orderId?: number } = {},
): Promise<number> {
  const batchSize = options.batchSize ?? RELEASE_BATCH;
  let moved = 0;
  for (;;) {
    const batch = await inTransaction(deps.db, async (tx) =>
      releaseBatch(tx, now, batchSize, options.orderId),
    );
    moved += batch.settled;
    // A full batch of which nothing settled would be taken again forever; stop and let the next run look.
    if (batch.taken < batchSize || batch.settled === 0) return moved;
  }
}

/** Rows per sweep transaction: big enough that per-transaction costs vanish, small enough to hold few locks. */
const RELEASE_BATCH = 5000;

/**
 * One batch, inside `tx`: lock what is due, let planRelease decide, move the decided rows frozen → settled
 * in one statement, and post the batch as ONE ledger transaction (one line per touched account). The rows'
 * own move is the per-commission marker: it commits with the posting or not at all, and a settled row is
 * never taken again, so a rerun adds nothing. The ledger key names the batch by its smallest commission id.
 */
export async function releaseBatch(tx: Tx, now: Date, batchSize: number, orderId?: number) {
  const due = await lockDueBatch(tx, now, batchSize, orderId);
  const plan = planRelease(
    due.map((row) => ({ ...row, dueAtMs: row.dueAt?.getTime() ?? null, hasOpenAfterSale: false })),
    now.getTime(),
  );
  const moved = await settleCommissionsIf(tx, plan.settle, now);
  // The rows are locked by this transaction: a move that did not happen would post money for nothing.
  if (moved !== plan.settle.length) throw new Error(`release moved ${moved} of ${plan.settle.length} rows`);
  if (plan.settle.length > 0) {
    const settled = new Set(plan.settle);
    await enqueueOutbox(tx, {
      topic: "commission.released",
      at: now,
      payload: {
        commissions: due
          .filter((row) => settled.has(row.id))
          .map((row) => ({
            commissionId: row.id,
            orderId: row.orderId,
            earnerUserId: row.earnerUserId,
            amountFen: row.amountFen - row.clawedBackFen,
          })),
      },
    });
  }
  if (plan.lines.length > 0) {
    await postBatchTransaction(tx, {
      key: `release:${plan.settle.reduce((a, b) => Math.min(a, b))}`,
      kind: "commission_settled",
      entries: plan.lines,
      meta: { commissionIds: plan.settle },
      at: now,
    });
  }
  return { taken: due.length, settled: moved };
}

/** Staff decide a held commission: release (back to frozen, settles when due) or cancel (money back). */
export async function decideHeldCommission(
  deps: { db: Db; now: () => Date },
  actor: StaffActor,
  id: number,
  input: { action: "release" | "cancel"; reason: string },
) {
  return inTransaction(deps.db, async (tx) => {
    const row = await lockCommission(tx, id);
    if (!row) throw notFound("Commission", { id });
    const to: "frozen" | "cancelled" = input.action === "release" ? "frozen" : "cancelled";
    if (decideCommissionTransition(row.status, to).kind === "refuse")
      throw new AppError("COMMISSION_STATE_INVALID", `A ${row.status} commission cannot be ${to}`, {
        status: row.status,
      });
    const now = deps.now();
    await moveCommissionIf(
      tx,
      id,
      row.status,
      to === "cancelled" ? { status: to, cancelledAt: now } : { status: to },
    );
    const cancelled =
      to === "cancelled"
        ? buildCommissionCancelledPosting({
            commissionId: id,
            earnerUserId: row.earnerUserId,
            amountFen: row.amountFen,
            clawedBackFen: row.clawedBackFen,
            staffId: actor.staffId,
            reason: input.reason,
            at: now,
          })
        : null;
    if (cancelled) await postLedgerTransaction(tx, cancelled);
    await recordAudit(tx, actor, {
      action: `commission.${input.action}`,
      entity: "commission",
      entityId: id,
      before: { status: row.status },
      after: { status: to, reason: input.reason },
    });
    return { ...row, status: to };
  });
}
