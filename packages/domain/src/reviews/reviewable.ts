// Whether a buyer may review a bought line: only after receipt, only once, and not once the line was
// refunded in full (nothing of it was kept to judge).

export type ReviewFacts = {
  orderStatus: string;
  quantity: number;
  refundedQuantity: number;
  alreadyReviewed: boolean;
};

export type ReviewDecision =
  | { kind: "allow" }
  | { kind: "refuse"; reason: "NOT_RECEIVED" | "REFUNDED" | "ALREADY_REVIEWED" };

/** Statuses in which the goods have reached the buyer. */
const RECEIVED = new Set(["received", "completed"]);

/**
 * Example: a received order whose line of 2 had 1 refunded → allow; the same line with 2 refunded → refuse
 * (REFUNDED); a shipped order → refuse (NOT_RECEIVED).
 */
export function decideReviewable(facts: ReviewFacts): ReviewDecision {
  if (facts.alreadyReviewed) return { kind: "refuse", reason: "ALREADY_REVIEWED" };
  if (facts.refundedQuantity >= facts.quantity) return { kind: "refuse", reason: "REFUNDED" };
  // a fully refunded order reads `refunded`: covered above, its lines are all refunded
  if (!RECEIVED.has(facts.orderStatus)) return { kind: "refuse", reason: "NOT_RECEIVED" };
  return { kind: "allow" };
}
