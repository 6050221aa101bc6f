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
import {
  type DueCursor,
  findDueEarners,
  insertMissingEarnerAccounts,
  lockCommission,
  lockDueOfOrder,
  lockSnapshot,
  moveCommissionIf,
  type SettledCommission,
  setDueAtForOrder,
  settleAndPostDueOfEarners,
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
 * due queue (commission_queue) in (due date, id) order, `batchSize` rows at a time; each batch settles those
 * rows' earners with ALL their due rows, so an earner is in one batch of a sweep and gets one pair of ledger
 * lines, however many of their commissions are due. A row is moved only if it is still frozen when its lock
 * is had, so sweepers running at once never settle a row twice (one waits for the other's batch and finds
 * its rows settled); a second run finds nothing. Each batch is one transaction of three statements (the
 * seeds, the earners' missing accounts, then settle + post + message in one), and no commission row travels to
 * the server, so time and memory stay flat with the backlog.
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
    const batch: Awaited<ReturnType<typeof releaseDueBatch>> = await inTransaction(deps.db, (tx) =>
      releaseDueBatch(tx, now, batchSize, from),
    );
    moved += batch.settled;
    // The cursor passes rows that wait (an open after-sale): the walk always ends.
    if (batch.seeds < batchSize || batch.cursor === null) return moved;
    cursor = batch.cursor;
  }
}

/**
 * One batch of the sweep, inside `tx`: the next `batchSize` due queue rows after `cursor` name the earners,
 * and all of those earners' due commissions settle and post together. Returns how many seeds were read,
 * how many commissions settled and the cursor for the next batch.
 */
export async function releaseDueBatch(
  tx: Tx,
  now: Date,
  batchSize: number,
  cursor: DueCursor | null,
): Promise<{ seeds: number; cursor: DueCursor | null; settled: number }> {
  const seeds = await findDueEarners(tx, now, batchSize, cursor);
  if (seeds.seeds === 0) return { seeds: 0, cursor: null, settled: 0 };
  await insertMissingEarnerAccounts(tx, seeds.earners, RELEASE_ACCOUNTS.availablePrefix);
  const batch = await settleAndPostDueOfEarners(tx, now, seeds.earners, RELEASE_ACCOUNTS);
  // An earner whose frozen account is missing would settle without its money moving: refuse the batch.
  if (batch.lines !== 2 * batch.earners)
    throw new Error(`release posted ${batch.lines} lines for ${batch.earners} earners`);
  return { seeds: seeds.seeds, cursor: seeds.cursor, settled: batch.settled };
}

/** The account codes of buildCommissionsReleasedLines, as prefixes the batch statement appends ids to. */
const RELEASE_ACCOUNTS = {
  frozenPrefix: ledgerAccount.commissionFrozen(0).slice(0, -1),
  availablePrefix: ledgerAccount.commissionAvailable(0).slice(0, -1),
};

/** Queue rows per batch (seeds): with their earners' other due rows a batch moves up to a few times that. */
const RELEASE_BATCH = 5000;

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
 * commissions moves from frozen to available (one pair of lines per earner) — with one `commission.released`
 * message naming each commission. The rows' own move is the per-commission marker: it commits with the
 * posting or not at all, and a settled row is never taken again, so a rerun adds nothing; the transaction's
 * meta lists the commissions it settled, and its key names it by the smallest of them (unique for the same
 * reason).
 */
async function postReleased(tx: Tx, now: Date, settled: SettledCommission[]): Promise<void> {
  if (settled.length === 0) return;
  const leftFenByEarner = new Map<number, number>();
  let first = settled[0]!.id;
  for (const row of settled) {
    leftFenByEarner.set(row.earnerUserId, (leftFenByEarner.get(row.earnerUserId) ?? 0) + row.leftFen);
    if (row.id < first) first = row.id;
  }
  await enqueueOutbox(tx, {
    topic: "commission.released",
    at: now,
    payload: {
      commissions: settled.map((row) => ({
        commissionId: row.id,
        orderId: row.orderId,
        earnerUserId: row.earnerUserId,
        amountFen: row.leftFen,
      })),
    },
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
