// How runs read: the row with its per-grade or per-level groups, and the drill-down with the period's
// effective total payout rate beside the 30% line, the counted turnover refunded since the run and what
// clawback took back of it (only when switched on; otherwise the refund is shown, nothing is taken).
import { computePayoutRate, PAYOUT_RATE_LINE_BPS, periodOf } from "@liebian/domain";
import type { Db } from "../../db/client.ts";
import { notFound } from "../../errors/app-error.ts";
import { clawbackTotals } from "./claw-back.ts";
import { findRun, type RunRow, sumCommissionOn, sumDividendsIn, sumTurnover } from "./repo.ts";
import { getDividendSettings } from "./settings.ts";

type Group = { groupId: number; rateBps: number; members: number; poolFen: number; paidFen: number };

export function runView(run: RunRow) {
  const statement = run.statement as { groups?: Group[] };
  return {
    id: run.id,
    kind: run.kind,
    periodKey: run.periodKey,
    periodStart: run.periodStart,
    periodEnd: run.periodEnd,
    status: run.status,
    turnoverFen: run.turnoverFen,
    eligibleOrders: run.eligibleOrders,
    poolFen: run.poolFen,
    paidFen: run.paidFen,
    heldBackFen: run.heldBackFen,
    remainderFen: run.remainderFen,
    members: run.members,
    groups: statement.groups ?? [],
    createdAt: run.createdAt,
    decidedAt: run.decidedAt,
  };
}

/** The run with the payout rate of its month (commissions + approved dividends over the month's turnover). */
export async function runDetail(db: Db, id: number) {
  const run = await findRun(db, id);
  if (!run) throw notFound("Dividend run", { id });
  const month = periodOf("month", run.periodStart.getTime());
  const monthWindow = { start: new Date(month.startMs), end: new Date(month.endMs) };
  const [now, monthTurnover, commissionFen, approvedFen, clawback, settings] = await Promise.all([
    sumTurnover(db, { start: run.periodStart, end: run.periodEnd }),
    sumTurnover(db, monthWindow),
    sumCommissionOn(db, monthWindow),
    sumDividendsIn(db, monthWindow),
    clawbackTotals(db, run.id),
    getDividendSettings(db),
  ]);
  // a preview counts as if approved, so finance sees the rate the approval would make
  const dividendFen = approvedFen + (run.status === "preview" ? run.paidFen : 0);
  const rate = computePayoutRate({
    turnoverFen: monthTurnover.turnoverFen,
    commissionFen,
    dividendFen,
    bonusFen: 0,
  });
  return {
    ...runView(run),
    payoutRate: {
      turnoverFen: monthTurnover.turnoverFen,
      commissionFen,
      dividendFen,
      rateBps: rate.rateBps,
      lineBps: PAYOUT_RATE_LINE_BPS,
      overLine: rate.overLine,
    },
    refundedSinceFen: Math.max(0, run.turnoverFen - now.turnoverFen),
    clawback: { enabled: settings.clawbackAfterRefund, ...clawback },
  };
}
