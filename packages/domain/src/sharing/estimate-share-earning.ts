// What a distributor would earn if a friend bought one unit of a product through their link (分享预计赚):
// the commission engine run with the sharer as the buyer's level-1 upline, over the cheapest and dearest SKU.

import { type ChainMember, computeCommissions } from "../distribution/commission-engine.ts";
import type { CommissionActivityKind, CommissionPlan } from "../distribution/plan.ts";
import type { CommissionOverride } from "../distribution/rules/index.ts";
import { type Fen, fen } from "../money.ts";

export interface ShareEstimateSku {
  priceFen: Fen;
  skuRule?: CommissionOverride;
}

export interface ShareEstimateFacts {
  plan: CommissionPlan;
  /** The distributor who shares, with their grade's rates. */
  sharer: ChainMember;
  productRule?: CommissionOverride;
  skus: readonly ShareEstimateSku[];
  activityKind?: CommissionActivityKind | null;
}

export type ShareEstimate =
  | { kind: "earns"; minFen: Fen; maxFen: Fen }
  | { kind: "none"; reason: "NOT_ACTIVE_DISTRIBUTOR" | "NO_SKU" | "NOTHING_EARNED" };

/**
 * The level-1 commission on one unit at list price, as a range over the product's SKUs.
 * Example: plan 10%, SKUs ¥99 and ¥199 → { earns, minFen: 990, maxFen: 1990 }.
 */
export function estimateShareEarning(facts: ShareEstimateFacts): ShareEstimate {
  if (!facts.sharer.isActiveDistributor) return { kind: "none", reason: "NOT_ACTIVE_DISTRIBUTOR" };
  if (facts.skus.length === 0) return { kind: "none", reason: "NO_SKU" };
  // A stranger who is not a distributor: self-purchase never moves the sharer off level 1.
  const buyer: ChainMember = { userId: `buyer-of-${facts.sharer.userId}`, isActiveDistributor: false };
  const amounts = facts.skus.map((sku) => {
    const result = computeCommissions({
      plan: facts.plan,
      chain: [facts.sharer],
      buyer,
      activityKind: facts.activityKind ?? null,
      items: [
        {
          orderItemRef: "estimate",
          paidFen: sku.priceFen,
          listFen: sku.priceFen,
          quantity: 1,
          ...(sku.skuRule ? { skuRule: sku.skuRule } : {}),
          ...(facts.productRule ? { productRule: facts.productRule } : {}),
        },
      ],
    });
    return result.lines.filter((l) => l.level === 1).reduce((a, l) => a + l.amountFen, 0);
  });
  const maxFen = Math.max(...amounts);
  if (maxFen === 0) return { kind: "none", reason: "NOTHING_EARNED" };
  return { kind: "earns", minFen: fen(Math.min(...amounts)), maxFen: fen(maxFen) };
}
