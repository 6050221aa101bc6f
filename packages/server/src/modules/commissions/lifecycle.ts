// A commission after its creation: release date at receipt, the idempotent release sweep, and staff
// release/cancel of held ones. (Clawbacks on refunds: refund-clawback.ts, applied by the refund use case.)
import {
  buildCommissionCancelledPosting,
  buildCommissionsReleasedLines,
  commissionReleaseDueAt,
  decideCommissionTransition,
  ledgerAccount,
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
import { type DueCursor, type SettledBatch, settleAndPostDue } from "./due-batch.ts";
import {
  lockCommission,
  lockDueOfOrder,
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
 * The release sweep: frozen commissions due by `now` and with no open after-sale on their item. It walks the
 * due queue (commission_queue) in (due date, id) order, `batchSize` rows at a time, each batch one
 * transaction of one statement (settle + post + message: due-batch.ts), so time and memory stay flat with
 * the backlog. A row is moved only if it is still frozen when its lock is had, so sweepers running at once
 * never settle a row twice (one waits for the other's batch and finds its rows settled); a second run finds
 * nothing.
 */
export async function releaseDueCommissions(
  deps: { db: Db },
  now: Date,
  options: { batchSize?: number } = {},
): Promise<number> {
  const batchSize = options.batchSize ?? RELEASE_BATCH;
  let moved = 0;
  let cursor: DueCursor | null = null;
  for (;;) {
    const from: DueCursor | null = cursor;
    const batch: SettledBatch = await inTransaction(deps.db, (tx) =>
      releaseDueBatch(tx, now, batchSize, from),
    );
    moved += batch.settled;
    // The cursor passes rows that wait (an open after-sale): the walk always ends.
    if (batch.taken < batchSize || batch.cursor === null) return moved;
    cursor = batch.cursor;
  }
}

/**
 * One batch of the sweep, inside `tx`: the next `batchSize` due queue rows after `cursor` settle and post
 * together. Returns how many rows were taken and settled and the cursor for the next batch.
 */
export async function releaseDueBatch(
  tx: Tx,
  now: Date,
  batchSize: number,
  cursor: DueCursor | null,
): Promise<SettledBatch> {
  const batch = await settleAndPostDue(tx, now, batchSize, cursor, RELEASE_ACCOUNTS);
  // Two lines (frozen → released) and one pending row per earner paid: if an account were missing, the
  // commissions would settle without their money moving. Refuse the batch.
  const paid = batch.earners > 0;
  if (batch.lines !== (paid ? 2 : 0) || batch.pending !== batch.earners)
    throw new Error(
      `release posted ${batch.lines} lines and ${batch.pending} pending rows for ${batch.earners} earners`,
    );
  return batch;
}

/** The shop-wide accounts a sweep batch moves: frozen down and released up by the batch's total (0053). */
const RELEASE_ACCOUNTS = {
  frozen: ledgerAccount.commissionFrozen,
  released: ledgerAccount.commissionReleased,
};

/**
 * Queue rows per batch: ~20,000 commissions of as many earners, one pending row each. At 1,000,000 due on a
 * quiet box the whole sweep took 30.8-33.7 s in batches of 10,000 (two runs), 25.8-30.6 s of 20,000 (three),
 * 25.6 s of 40,000 and 25.0 s of 100,000 (`distribution-scale`, clones of one seeded database; those runs
 * varied by ~5 s with the checkpoints the clone left behind, which the bench now writes before it times:
 * 24.6-26.9 s of 20,000 since); a batch's commission rows stay locked until it commits (~0.5 s at 20,000),
 * which is what a refund of one of them may wait. A withdrawal does not wait on it: the sweep no longer
 * touches the earners' accounts (0053), and the fold skips rows a batch has not committed.
 */
const RELEASE_BATCH = 20_000;

/**
 * An order's due commissions, inside `tx` (an order completing releases what of it is due): locked, decided
 * by planRelease, moved frozen → settled by compare-and-set, posted. Returns how many settled.
 */
export async function releaseBatch(tx: Tx, now: Date, orderId: number): Promise<number> {
  const due = await lockDueOfOrder(tx, now, orderId);
  const plan = planRelease(
    due.map((row) => ({ ...row, dueAtMs: row.dueAt?.getTime() ?? null, hasOpenAfterSale: false })),
    now.getTime(),
  );
  const moved = await settleCommissionsIf(tx, plan.settle, now);
  // The rows are locked by this transaction: a move that did not happen would post money for nothing.
  if (moved !== plan.settle.length) throw new Error(`release moved ${moved} of ${plan.settle.length} rows`);
  const settled = new Set(plan.settle);
  await postReleased(
    tx,
    now,
    due
      .filter((row) => settled.has(row.id))
      .map((row) => ({ ...row, leftFen: row.amountFen - row.clawedBackFen })),
  );
  return moved;
}

/**
 * What settled in this transaction, posted as ONE ledger transaction — per earner, what is left of their
 * commissions moves from the shop-wide frozen account to their available balance (a line per earner, one
 * for the frozen account) — with one `commission.released` message naming each commission and amount. The rows' own move is the per-commission marker: it commits with the
 * posting or not at all, and a settled row is never taken again, so a rerun adds nothing; the transaction's
 * meta lists the commissions it settled, and its key names it by the smallest of them (unique for the same
 * reason).
 */
/** A settled row: what the posting and the message need. */
type SettledCommission = { id: number; orderId: number; earnerUserId: number; leftFen: number };

async function postReleased(tx: Tx, now: Date, settled: SettledCommission[]): Promise<void> {
  if (settled.length === 0) return;
  const leftFenByEarner = new Map<number, number>();
  let first = settled[0]!.id;
  for (const row of settled) {
    leftFenByEarner.set(row.earnerUserId, (leftFenByEarner.get(row.earnerUserId) ?? 0) + row.leftFen);
    if (row.id < first) first = row.id;
  }
  const byId = [...settled].sort((x, y) => x.id - y.id);
  await enqueueOutbox(tx, {
    topic: "commission.released",
    at: now,
    payload: { commissionIds: byId.map((row) => row.id), amountsFen: byId.map((row) => row.leftFen) },
  });
  const lines = buildCommissionsReleasedLines(leftFenByEarner);
  if (lines.length > 0) {
    await postBatchTransaction(tx, {
      key: `release:${first}`,
      kind: "commission_settled",
      entries: lines,
      meta: { commissionIds: settled.map((row) => row.id) },
      at: now,
    });
  }
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
