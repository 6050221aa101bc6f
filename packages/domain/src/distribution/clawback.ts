// How much of a commission line to take back after refunds on its order item. Cumulative, so any
// sequence of partial refunds reverses exactly the whole line when the item is fully refunded.

import { type Fen, fen, mulDivFloor } from "../money.ts";

export interface ClawbackFacts {
  /** The commission line's amount. */
  commissionFen: Fen;
  /** What refunds are measured against: the item's paid amount when the line was created. */
  itemFen: Fen;
  /** What is left of the item after every refund so far (itemFen − Σ refunds). */
  remainingFen: Fen;
  /** What earlier refunds already took back from this line. */
  alreadyClawedFen: Fen;
}

export type ClawbackDecision =
  | { kind: "claw_back"; amountFen: Fen; totalClawedFen: Fen }
  | { kind: "none"; reason: "NOTHING_DUE" };

/**
 * clawback = c − ⌊c × remaining / item⌋ − already; the commission kept is floored like the line itself.
 * Whether it comes out of the frozen or the available balance is the caller's (before or after settlement).
 * Example: c = 1000 on a ¥100 item; refund ¥33.33 → claw 334; then refund the rest → claw 666 (total 1000).
 */
export function computeClawback(facts: ClawbackFacts): ClawbackDecision {
  const { commissionFen: c, itemFen, remainingFen, alreadyClawedFen } = facts;
  for (const v of [c, itemFen, remainingFen, alreadyClawedFen]) {
    if (!Number.isSafeInteger(v) || v < 0) throw new RangeError("clawback takes non-negative integer fen");
  }
  if (remainingFen > itemFen) throw new RangeError("remaining cannot exceed the item's amount");
  if (alreadyClawedFen > c) throw new RangeError("cannot have clawed back more than the commission");
  const kept = itemFen === 0 ? (remainingFen === 0 ? 0 : c) : mulDivFloor(c, remainingFen, itemFen);
  const due = c - kept - alreadyClawedFen;
  // A later, larger `remaining` (a refund reversed) never gives money back here: steps are never negative.
  if (due <= 0) return { kind: "none", reason: "NOTHING_DUE" };
  return { kind: "claw_back", amountFen: fen(due), totalClawedFen: fen(alreadyClawedFen + due) };
}
