// Whether a shopper may become a distributor (成为分销员) under the merchant's mode.
// Joining is never paid for: no mode charges a fee, and "bought_product" counts ordinary purchases only.

import type { Fen } from "../money.ts";

export type EligibilityMode =
  | { kind: "everyone" }
  | { kind: "after_first_paid_order" }
  /** 满额分销: net paid spend (refunds excluded) at least this much; sticky once granted. */
  | { kind: "spend_at_least"; thresholdFen: Fen }
  | { kind: "bought_product"; productIds: readonly string[] }
  | { kind: "application" }
  | { kind: "appointed_only" };

export interface EligibilityShopper {
  isDistributor: boolean;
  isFrozen: boolean;
  /** The right was granted once before (a later higher threshold does not take it away). */
  previouslyGranted: boolean;
  paidOrderCount: number;
  paidSpendFen: Fen;
  boughtProductIds: readonly string[];
  hasPendingApplication: boolean;
}

export type EligibilityDecision =
  | { kind: "grant"; via: EligibilityMode["kind"] | "previously_granted" }
  | { kind: "apply_required"; reason: "APPLICATION_REQUIRED" | "APPLICATION_PENDING" }
  | {
      kind: "refuse";
      reason:
        | "ALREADY_DISTRIBUTOR"
        | "DISTRIBUTOR_FROZEN"
        | "NEEDS_FIRST_PAID_ORDER"
        | "SPEND_BELOW_THRESHOLD"
        | "PRODUCT_NOT_BOUGHT"
        | "APPOINTED_ONLY";
      /** For SPEND_BELOW_THRESHOLD: how far along the shopper is. */
      progress?: { currentFen: Fen; targetFen: Fen };
    };

/**
 * Decides whether the shopper becomes a distributor now.
 * Example: spend_at_least ¥100 with ¥80 spent → refuse SPEND_BELOW_THRESHOLD, progress 8000/10000.
 */
export function decideEligibility(mode: EligibilityMode, shopper: EligibilityShopper): EligibilityDecision {
  if (shopper.isFrozen) return { kind: "refuse", reason: "DISTRIBUTOR_FROZEN" };
  if (shopper.isDistributor) return { kind: "refuse", reason: "ALREADY_DISTRIBUTOR" };
  switch (mode.kind) {
    case "everyone":
      return { kind: "grant", via: "everyone" };
    case "after_first_paid_order":
      return shopper.paidOrderCount > 0
        ? { kind: "grant", via: mode.kind }
        : { kind: "refuse", reason: "NEEDS_FIRST_PAID_ORDER" };
    case "spend_at_least":
      if (shopper.previouslyGranted) return { kind: "grant", via: "previously_granted" };
      return shopper.paidSpendFen >= mode.thresholdFen
        ? { kind: "grant", via: mode.kind }
        : {
            kind: "refuse",
            reason: "SPEND_BELOW_THRESHOLD",
            progress: { currentFen: shopper.paidSpendFen, targetFen: mode.thresholdFen },
          };
    case "bought_product":
      return mode.productIds.some((id) => shopper.boughtProductIds.includes(id))
        ? { kind: "grant", via: mode.kind }
        : { kind: "refuse", reason: "PRODUCT_NOT_BOUGHT" };
    case "application":
      return {
        kind: "apply_required",
        reason: shopper.hasPendingApplication ? "APPLICATION_PENDING" : "APPLICATION_REQUIRED",
      };
    case "appointed_only":
      return { kind: "refuse", reason: "APPOINTED_ONLY" };
  }
}
