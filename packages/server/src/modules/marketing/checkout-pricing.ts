// Checkout's side of the pricing engine: loads the facts the engine needs — running activities (cached),
// what the shopper already bought in limited ones — calls computePricing, and turns a refusal into its code.
import { computePricing, type PricedCart, type PricingInput, type PricingLineInput } from "@liebian/domain";
import type { Executor } from "../../db/client.ts";
import { AppError } from "../../errors/app-error.ts";
import { findActivityUnitsBought } from "./activities-repo.ts";
import { activityFacts, loadRunningActivities } from "./running-activities.ts";

export type PromotionFacts = {
  userId: number;
  now: Date;
  lines: PricingLineInput[];
  freight: PricingInput["freight"];
  callerDiscounts?: PricingInput["callerDiscounts"];
};

/** The running activities that name one of these SKUs and limit units per person. */
function limitedActivityIds(rows: Awaited<ReturnType<typeof loadRunningActivities>>, skuIds: Set<string>) {
  return rows
    .filter((r) => {
      const args = r.args as { perPersonLimit?: number | null; items?: { skuId: string }[] };
      return args.perPersonLimit != null && args.items?.some((i) => skuIds.has(i.skuId));
    })
    .map((r) => r.id);
}

/**
 * Prices the cart with every promotion that applies to it now. Costs no query while the running activities
 * are remembered, plus one when the cart holds a SKU of an activity with a per-person limit.
 */
export async function priceWithPromotions(db: Executor, facts: PromotionFacts): Promise<PricedCart> {
  const rows = await loadRunningActivities(db, facts.now);
  const limited = limitedActivityIds(rows, new Set(facts.lines.map((l) => l.skuId)));
  const bought = new Map(
    (await findActivityUnitsBought(db, facts.userId, limited)).map((b) => [b.activityId, b.units]),
  );
  const result = computePricing({
    lines: facts.lines,
    shopper: { userId: String(facts.userId) },
    nowMs: facts.now.getTime(),
    activities: rows.map((r) => ({ ...activityFacts(r), shopperBought: bought.get(r.id) ?? 0 })),
    coupon: null,
    points: null,
    freight: facts.freight,
    ...(facts.callerDiscounts ? { callerDiscounts: facts.callerDiscounts } : {}),
  });
  if (result.kind === "refuse") {
    const { reason, details } = result.refusal;
    throw new AppError(reason, refusalMessages[reason], details);
  }
  return result;
}

const refusalMessages = {
  ACTIVITY_LIMIT_EXCEEDED: "More than this activity's limit per person",
  COUPON_NOT_APPLICABLE: "This coupon does not apply to these items",
  COUPON_EXPIRED: "This coupon is not valid now",
  POINTS_INSUFFICIENT: "Not enough points",
} as const;
