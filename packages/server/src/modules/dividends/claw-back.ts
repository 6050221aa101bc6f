// Clawback after refund (分红追回): the money event that takes back dividends whose turnover was refunded after
// their run was paid — only when the merchant switched it on (settings.clawbackAfterRefund); otherwise the
// run's report only shows the refund. In one transaction, in a fixed order: lock the run; load what each member
// was paid, what they owe on today's figures (pool runs: the refunded share; team and bonus runs: the
// statement computed again), what earlier sweeps recorded, and their available balances (their released
// commissions folded in, then locked); plan (domain
// planDividendClawback); write the clawback rows (the event rows), then post the ledger transaction taking
// what the balances hold back to the dividend expense. A balance is never taken below zero: what it could not
// cover stays outstanding on the run and is taken by a later sweep once the member has earned it. The key of
// each posting carries the run's total taken after it, so a repeated sweep never takes twice.
import { planDividendClawback, proportionalClawbackDue, recomputedClawbackDue } from "@liebian/domain";
import { sql } from "drizzle-orm";
import { type Db, queryRows, type Tx } from "../../db/client.ts";
import { inTransaction } from "../../db/transaction.ts";
import { AppError, notFound } from "../../errors/app-error.ts";
import { foldReleased } from "../commissions/released.ts";
import { postBatchTransaction } from "../ledger/post-batch.ts";
import { bonusStatement, teamStatement } from "./preview-run.ts";
import { findPayingLines, findRun, lockRun, type RunRow, sumTurnover } from "./repo.ts";
import type { DividendSettings } from "./schemas.ts";
import { getDividendSettings } from "./settings.ts";

export type ClawbackSummary = {
  runId: number;
  takenNowFen: number;
  dueFen: number;
  takenFen: number;
  outstandingFen: number;
};

/** Sweeps one approved run; refused with CLAWBACK_OFF when the switch is off, RUN_STATE_INVALID otherwise. */
export async function clawBackRun(
  deps: { db: Db; now: () => Date },
  runId: number,
): Promise<ClawbackSummary> {
  const first = await findRun(deps.db, runId);
  if (!first) throw notFound("Dividend run", { id: runId });
  const settings = await getDividendSettings(deps.db);
  // team and bonus runs are computed again on today's figures before the transaction (set-based, heavy reads)
  const recomputed = await recompute(deps.db, first, settings);
  return inTransaction(deps.db, async (tx) => {
    const run = (await lockRun(tx, runId))!;
    const window = { start: run.periodStart, end: run.periodEnd };
    const { turnoverFen } = await sumTurnover(tx, window);
    const refundedFen = Math.max(0, run.turnoverFen - turnoverFen);
    const paid = await findPayingLines(tx, run.id);
    const earlier = await findClawbacks(tx, run.id);
    const balances =
      run.status === "approved"
        ? await lockAvailableBalances(
            tx,
            run.id,
            paid.map((l) => l.userId),
            deps.now(),
          )
        : new Map();
    const plan = planDividendClawback({
      enabled: settings.clawbackAfterRefund,
      run,
      members: paid.map((l) => ({
        userId: l.userId,
        paidFen: l.amountFen,
        owedNowFen:
          recomputed === null
            ? proportionalClawbackDue(l.amountFen, run.turnoverFen, refundedFen)
            : recomputedClawbackDue(l.amountFen, recomputed.get(l.userId) ?? 0),
        dueFen: earlier.get(l.userId)?.dueFen ?? 0,
        takenFen: earlier.get(l.userId)?.takenFen ?? 0,
        availableFen: balances.get(l.userId) ?? 0,
      })),
      at: deps.now(),
    });
    if (plan.kind === "refuse")
      throw plan.reason === "CLAWBACK_OFF"
        ? new AppError("CLAWBACK_OFF", "Clawback after refund is not switched on in the dividend settings")
        : new AppError("RUN_STATE_INVALID", `A ${run.status} ${run.kind} run cannot be clawed back`, {
            status: run.status,
            kind: run.kind,
          });
    await writeClawbacks(tx, run.id, plan.rows, deps.now());
    await tx.execute(
      sql`update dividend_runs set clawback_turnover_fen = ${turnoverFen} where id = ${run.id}`,
    );
    if (plan.posting) await postBatchTransaction(tx, plan.posting);
    return {
      runId: run.id,
      takenNowFen: plan.takenNowFen,
      dueFen: plan.dueFen,
      takenFen: plan.takenFen,
      outstandingFen: plan.outstandingFen,
    };
  });
}

/** Team and bonus runs: each member's amount on today's figures with the settings the run used; null for pools. */
async function recompute(db: Db, run: RunRow, settings: DividendSettings) {
  const used = (run.statement as { settings?: Record<string, unknown> }).settings ?? {};
  const window = { start: run.periodStart, end: run.periodEnd };
  let lines: { userId: number; amountFen: number }[];
  if (run.kind === "team")
    lines = (await teamStatement(db, { ...settings, team: used as DividendSettings["team"] }, window)).lines;
  else if (run.kind === "bonus")
    lines = (
      await bonusStatement(
        db,
        { ...settings, bonuses: (used.bonuses ?? []) as DividendSettings["bonuses"] },
        window,
      )
    ).lines;
  else return null;
  const byUser = new Map<number, number>();
  for (const l of lines) byUser.set(l.userId, (byUser.get(l.userId) ?? 0) + l.amountFen);
  return byUser;
}

async function findClawbacks(tx: Tx, runId: number) {
  const rows = await queryRows<{
    userId: string | number;
    dueFen: string | number;
    takenFen: string | number;
  }>(
    tx,
    sql`select user_id as "userId", due_fen as "dueFen", taken_fen as "takenFen" from dividend_clawbacks
        where run_id = ${runId}`,
  );
  return new Map(
    rows.map((r) => [Number(r.userId), { dueFen: Number(r.dueFen), takenFen: Number(r.takenFen) }]),
  );
}

/**
 * The run's earners' available balances (owed to them), their released commissions folded in first, locked in
 * account-code order as postings lock them.
 */
async function lockAvailableBalances(tx: Tx, runId: number, userIds: number[], at: Date) {
  await foldReleased(tx, userIds, at);
  const rows = await queryRows<{ userId: string | number; balanceFen: string | number }>(
    tx,
    sql`select l.user_id as "userId", a.balance_fen as "balanceFen"
        from (select distinct user_id from dividend_run_lines where run_id = ${runId} and amount_fen > 0) l
        join ledger_accounts a on a.code = 'commission_available:u:' || l.user_id
        order by a.code for update of a`,
  );
  return new Map(rows.map((r) => [Number(r.userId), -Number(r.balanceFen)]));
}

async function writeClawbacks(
  tx: Tx,
  runId: number,
  rows: readonly { userId: number; dueFen: number; takenFen: number }[],
  at: Date,
) {
  if (rows.length === 0) return;
  const column = (pick: (r: (typeof rows)[number]) => number) => `{${rows.map(pick).join(",")}}`;
  await tx.execute(sql`
    insert into dividend_clawbacks (run_id, user_id, due_fen, taken_fen, updated_at)
    select ${runId}::bigint, r.user_id, r.due_fen, r.taken_fen, ${at}::timestamptz
    from unnest(${column((r) => r.userId)}::bigint[], ${column((r) => r.dueFen)}::bigint[],
                ${column((r) => r.takenFen)}::bigint[]) as r (user_id, due_fen, taken_fen)
    on conflict (run_id, user_id) do update set due_fen = excluded.due_fen, taken_fen = excluded.taken_fen,
      updated_at = excluded.updated_at`);
}

/** The approved runs with refunds no sweep has seen yet, or something still outstanding. */
export async function findRunsToClawBack(db: Db): Promise<number[]> {
  const rows = await queryRows<{ id: string | number }>(
    db,
    sql`select r.id from dividend_runs r
        where r.status = 'approved' and r.kind in ('static', 'dynamic', 'team', 'bonus')
          and (coalesce(r.clawback_turnover_fen, r.turnover_fen) >
                 (select coalesce(sum(o.payable_fen - o.freight_fen - (o.refunded_fen - o.freight_refunded_fen)), 0)
                  from orders o where o.status = 'completed'
                    and o.completed_at >= r.period_start and o.completed_at < r.period_end)
               or exists (select 1 from dividend_clawbacks c where c.run_id = r.id and c.taken_fen < c.due_fen))
        order by r.id`,
  );
  return rows.map((r) => Number(r.id));
}

/** The run's clawback so far, for its report. */
export async function clawbackTotals(db: Db, runId: number) {
  const [row] = await queryRows<{ due: string | number; taken: string | number }>(
    db,
    sql`select coalesce(sum(due_fen), 0)::bigint as due, coalesce(sum(taken_fen), 0)::bigint as taken
        from dividend_clawbacks where run_id = ${runId}`,
  );
  const dueFen = Number(row!.due);
  const takenFen = Number(row!.taken);
  return { dueFen, takenFen, outstandingFen: dueFen - takenFen };
}
