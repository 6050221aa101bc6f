// The release's decision for one batch of due commissions (an order completing; the sweep applies the same
// rule set-based in SQL): which rows settle (frozen → settled), which wait and why, and the one ledger
// transaction that moves what is left of them (after clawbacks) from each earner's frozen balance to their
// available one: each row's "commission released" posting, merged into one line per touched account
// (buildCommissionsReleasedLines). The sweep moves the same total to the shop-wide released account and
// leaves each earner's share pending until it is folded in (migration 0053).
import { type CommissionStatus, decideCommissionSettlement } from "../distribution/commission-state.ts";
import { buildCommissionsReleasedLines } from "../ledger/postings.ts";

export type DueCommission = {
  id: number;
  orderId: number;
  earnerUserId: number;
  amountFen: number;
  clawedBackFen: number;
  status: CommissionStatus;
  dueAtMs: number | null;
  hasOpenAfterSale: boolean;
};

export type ReleaseLine = { account: string; amountFen: number };

export type ReleasePlan = {
  /** Ids that move frozen → settled, in the order given. */
  settle: number[];
  wait: { id: number; reason: "NOT_DUE" | "RELEASE_DATE_UNKNOWN" | "AFTER_SALE_OPEN" }[];
  skip: { id: number; reason: "NOT_FROZEN" }[];
  /** Frozen +x, available −x per earner, summed over the batch, by account code; empty when nothing moves. */
  lines: ReleaseLine[];
};

/**
 * Plans the release of a batch: a row settles when frozen, due at `nowMs` and free of open after-sales; the
 * money moved is its amount less clawbacks, summed per account so one ledger transaction carries the batch.
 * Example: earner 7 with 1,000 and 500 (200 clawed) due → settle both; frozen:u:7 +1,300, available:u:7 −1,300.
 */
export function planRelease(rows: readonly DueCommission[], nowMs: number): ReleasePlan {
  const plan: ReleasePlan = { settle: [], wait: [], skip: [], lines: [] };
  const leftFenByEarner = new Map<number, number>();
  for (const row of rows) {
    const decision = decideCommissionSettlement({
      status: row.status,
      dueAtMs: row.dueAtMs,
      nowMs,
      hasOpenAfterSale: row.hasOpenAfterSale,
    });
    if (decision.kind === "wait") plan.wait.push({ id: row.id, reason: decision.reason });
    else if (decision.kind === "skip") plan.skip.push({ id: row.id, reason: decision.reason });
    else {
      plan.settle.push(row.id);
      const leftFen = row.amountFen - row.clawedBackFen;
      leftFenByEarner.set(row.earnerUserId, (leftFenByEarner.get(row.earnerUserId) ?? 0) + leftFen);
    }
  }
  plan.lines = buildCommissionsReleasedLines(leftFenByEarner);
  return plan;
}
