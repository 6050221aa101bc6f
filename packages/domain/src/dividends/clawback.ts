// Clawback after refund (分红追回), only when the merchant switched it on: turnover a paid run counted that is
// refunded afterwards takes back the dividends it funded. What each member owes (due) only rises and never
// passes what they were paid; each sweep takes what is due and not yet taken, but never more than the member's
// available balance holds: the ledger never goes below zero for it. What the balance could not cover stays
// outstanding on the run (shown in its report) and is taken by a later sweep once the member has earned it.
// Contests are frozen rankings and are never clawed back.
import { buildDividendClawbackPosting, type Posting } from "../ledger/postings.ts";

export const CLAWBACK_KINDS = ["static", "dynamic", "team", "bonus"] as const;

/**
 * Pool runs (static, dynamic): the pool was a share of turnover, so each member owes the refunded share of
 * what they got, floored. Example: paid ¥750 on ¥300 turnover, ¥100 refunded since → owes ¥250.
 */
export function proportionalClawbackDue(paidFen: number, turnoverFen: number, refundedFen: number): number {
  if (turnoverFen <= 0 || refundedFen <= 0 || paidFen <= 0) return 0;
  const refunded = Math.min(refundedFen, turnoverFen);
  return Number((BigInt(paidFen) * BigInt(refunded)) / BigInt(turnoverFen));
}

/**
 * Team and bonus runs: the statement is computed again on today's (refunded) figures; a member owes what they
 * were paid above it — never less than 0 (a recomputation never pays more). Example: paid ¥12, now ¥10 → ¥2.
 */
export function recomputedClawbackDue(paidFen: number, recomputedFen: number): number {
  return Math.max(0, paidFen - Math.max(0, recomputedFen));
}

export type DividendClawbackMember = {
  userId: number;
  /** What the run paid them. */
  paidFen: number;
  /** What they owe on today's figures (proportional or recomputed). */
  owedNowFen: number;
  /** What earlier sweeps recorded as due and took. */
  dueFen: number;
  takenFen: number;
  /** Their available balance now (what is owed to them; ≤ 0 means nothing to take). */
  availableFen: number;
};

export type DividendClawbackFacts<At> = {
  enabled: boolean;
  run: { id: number; kind: string; periodKey: string; status: string };
  /** Every member the run paid (what they took before counts toward the posting's key). */
  members: readonly DividendClawbackMember[];
  at: At;
};

export type DividendClawbackRow = { userId: number; dueFen: number; takenFen: number };

export type DividendClawbackPlan<At> =
  | { kind: "refuse"; reason: "CLAWBACK_OFF" | "RUN_STATE_INVALID" }
  | {
      kind: "claw";
      /** The members whose due or taken changed (the event rows to write). */
      rows: DividendClawbackRow[];
      posting: Posting<At> | null;
      takenNowFen: number;
      dueFen: number;
      takenFen: number;
      /** Due and not taken after this sweep: the balances were short of it. */
      outstandingFen: number;
    };

/**
 * Example: switched on; u:3 was paid ¥750 and owes ¥250 now with ¥100 available, u:4 owes ¥250 with ¥900
 * available → take ¥100 and ¥250 (dividend_expense −350), ¥150 stays outstanding on u:3; the same sweep
 * again with u:3 still at ¥0 changes nothing.
 */
export function planDividendClawback<At>(f: DividendClawbackFacts<At>): DividendClawbackPlan<At> {
  if (!f.enabled) return { kind: "refuse", reason: "CLAWBACK_OFF" };
  if (f.run.status !== "approved" || !(CLAWBACK_KINDS as readonly string[]).includes(f.run.kind))
    return { kind: "refuse", reason: "RUN_STATE_INVALID" };
  const rows: DividendClawbackRow[] = [];
  const takes: { earnerUserId: number; amountFen: number }[] = [];
  let due = 0;
  let taken = 0;
  let takenNow = 0;
  for (const m of f.members) {
    const dueFen = Math.min(m.paidFen, Math.max(m.dueFen, m.owedNowFen));
    const take = Math.max(0, Math.min(dueFen - m.takenFen, m.availableFen));
    const takenFen = m.takenFen + take;
    due += dueFen;
    taken += takenFen;
    takenNow += take;
    if (dueFen !== m.dueFen || take > 0) rows.push({ userId: m.userId, dueFen, takenFen });
    if (take > 0) takes.push({ earnerUserId: m.userId, amountFen: take });
  }
  const posting = buildDividendClawbackPosting({
    runId: f.run.id,
    runKind: f.run.kind,
    periodKey: f.run.periodKey,
    takenTotalAfterFen: taken,
    lines: takes,
    at: f.at,
  });
  return {
    kind: "claw",
    rows,
    posting,
    takenNowFen: takenNow,
    dueFen: due,
    takenFen: taken,
    outstandingFen: due - taken,
  };
}
