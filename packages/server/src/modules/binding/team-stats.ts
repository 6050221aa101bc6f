// Keeps "my team" counters in step with the tree and the team's sales, inside the transaction that changes
// them: a bind or rebind moves the member's weight from the old uplines to the new; a paid or refunded order
// adds or takes its net amount on the buyer's uplines. The team screen then reads three rows.
import { computeTeamStatsDeltas, type TeamStatsDelta } from "@liebian/domain";
import type { Executor, Tx } from "../../db/client.ts";
import type { RefundedItems } from "../orders/events.ts";
import {
  addToTeamSales,
  addToTeamStats,
  findAfterSaleRefund,
  findTeamWeight,
  findUplines,
  lockUplines,
} from "./team-stats-repo.ts";

/**
 * After `userId`'s binding row was written (so a payment counting through it has committed or waits): moves
 * their weight from `fromUpline`'s chain to `toUpline`'s. Callers hold the binding-graph lock.
 */
export async function moveInTeams(
  tx: Tx,
  userId: number,
  fromUpline: number | null,
  toUpline: number,
): Promise<void> {
  if (fromUpline === toUpline) return;
  const chain = async (upline: number | null) =>
    upline === null ? [] : [upline, ...(await findUplines(tx, upline)).slice(0, 2)];
  const deltas = computeTeamStatsDeltas(
    await findTeamWeight(tx, userId),
    await chain(fromUpline),
    await chain(toUpline),
  );
  await addToTeamStats(tx, deltas);
}

/** Adds `deltaFen` (negative for a refund) to the team sales of `buyerUserId`'s three uplines. */
export async function addTeamSales(tx: Executor, buyerUserId: number, deltaFen: number): Promise<void> {
  if (deltaFen === 0) return;
  const uplines = await lockUplines(tx, buyerUserId);
  await addToTeamSales(tx, computeTeamStatsDeltas([{ members: 0, salesFen: deltaFen }], [], uplines));
}

/**
 * At payment (confirm-payment): the order's payable total (every provider's part, from the order row the use
 * case holds locked) joins the team sales of the buyer's uplines, which the use case's lock statement read
 * and share-locked (as lockUplines does); it writes the deltas in its own statement.
 */
export function teamSalesOfPaidOrder(uplines: readonly number[], payableFen: number): TeamStatsDelta[] {
  if (payableFen === 0) return [];
  return computeTeamStatsDeltas([{ members: 0, salesFen: payableFen }], [], uplines);
}

/** At a refund (completeAfterSaleRefund): the after-sale's refund (goods and freight, as the order's refunded total) leaves them. */
export async function countRefundInTeams(tx: Tx, refund: RefundedItems): Promise<void> {
  await addTeamSales(tx, refund.buyerUserId, -(await findAfterSaleRefund(tx, refund.refundId)));
}
