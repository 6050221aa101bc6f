// Finance approves a previewed run: the planner decides whether it posts (one ledger transaction paying every
// line), is already done (a second approval changes nothing) or is refused (discarded).
import { buildDividendPayoutPosting, type Posting } from "../ledger/postings.ts";

export type RunStatus = "preview" | "approved" | "discarded";

export type RunApprovalFacts<At> = {
  run: { id: number; kind: string; periodKey: string; status: RunStatus };
  lines: readonly { userId: number; amountFen: number }[];
  at: At;
};

export type RunApprovalPlan<At> =
  | { kind: "post"; posting: Posting<At> | null; paidFen: number }
  | { kind: "already_approved" }
  | { kind: "refuse"; reason: "RUN_STATE_INVALID" };

/**
 * Example: a previewed static run for 2026-12-03 with two ¥250 lines → post dividend_expense +50000 and
 * commission_available −25000 for each; the same run approved again → already_approved.
 */
export function planRunApproval<At>(f: RunApprovalFacts<At>): RunApprovalPlan<At> {
  if (f.run.status === "approved") return { kind: "already_approved" };
  if (f.run.status !== "preview") return { kind: "refuse", reason: "RUN_STATE_INVALID" };
  const posting = buildDividendPayoutPosting({
    runId: f.run.id,
    runKind: f.run.kind,
    periodKey: f.run.periodKey,
    lines: f.lines.map((l) => ({ earnerUserId: l.userId, amountFen: l.amountFen })),
    at: f.at,
  });
  return { kind: "post", posting, paidFen: f.lines.reduce((s, l) => s + l.amountFen, 0) };
}
