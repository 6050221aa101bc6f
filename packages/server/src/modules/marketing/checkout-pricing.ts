// Checkout's side of the pricing engine: loads the facts the engine needs — running activities (cached), what
// the shopper already bought in limited ones, the chosen coupon — calls computePricing, and turns a refusal
// into its code. A quote also rates the shopper's other coupons against the cart for the coupon picker.
import {
  type ActivityFacts,
  computePricing,
  type PricedCart,
  type PricingInput,
  type PricingLineInput,
} from "@liebian/domain";
import type { Executor } from "../../db/client.ts";
import { AppError, notFound } from "../../errors/app-error.ts";
import { findPointsBalance } from "../points/repo.ts";
import { getPointsRule } from "../points/service.ts";
import { findActivityUnitsBought, findFirstOrderFacts } from "./activities-repo.ts";
import { findUserCouponWithTemplate, listUserCoupons, type UserCouponRow } from "./coupons-repo.ts";
import { couponSummary } from "./coupons-service.ts";
import { activityFacts, loadRunningActivities } from "./running-activities.ts";

export type PromotionFacts = {
  userId: number;
  now: Date;
  lines: PricingLineInput[];
  freight: PricingInput["freight"];
  callerDiscounts?: PricingInput["callerDiscounts"];
  /** The shopper's coupon chosen for this order (user_coupons id). */
  couponId?: number | undefined;
  /** Points the shopper wants to pay with (0 or absent: none). */
  pointsWanted?: number | undefined;
  /** Rate every coupon the shopper holds against the cart (quotes only). */
  rateCoupons?: boolean;
  /** Placing the order: a first-order offer locks the shopper while it counts their orders. */
  forPlacing?: boolean;
};

/** Why a held coupon takes nothing off this cart (the picker shows it greyed with this). */
export type CouponMiss = "not_started" | "ended" | "scope" | "activity_priced" | "min_spend";
export type CouponOption = {
  id: number;
  name: string;
  summary: string;
  applicable: boolean;
  amountFen: number;
  /** null when applicable. */
  reason: CouponMiss | null;
  /** With `min_spend`: how much more of the covered goods would make it apply. */
  shortFen: number | null;
};
/** What points could do for this cart (quotes; null when points are off). */
export type PointsOffer = { balance: number; pointsPerYuan: number; maxUsable: number };
export type PromotedCart = PricedCart & {
  couponId: number | null;
  couponOptions: CouponOption[];
  pointsOffer: PointsOffer | null;
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

function couponFacts(
  coupon: UserCouponRow,
  template: { kind: string; name: string; args: unknown },
): ActivityFacts {
  return {
    id: String(coupon.id),
    kind: template.kind,
    label: template.name,
    startsAtMs: coupon.validFrom.getTime(),
    endsAtMs: coupon.validTo.getTime(),
    args: template.args,
  };
}

async function loadChosenCoupon(db: Executor, userId: number, couponId: number | undefined) {
  if (couponId === undefined) return null;
  const found = await findUserCouponWithTemplate(db, couponId);
  // Someone else's coupon reads as no coupon at all: its existence is not theirs to learn.
  if (!found || found.coupon.userId !== userId) throw notFound("Coupon", { id: couponId });
  if (found.coupon.status === "used") throw new AppError("COUPON_USED", "This coupon was used", { couponId });
  return couponFacts(found.coupon, found.template);
}

/**
 * Prices the cart with every promotion that applies to it now. Costs no query while the running activities
 * are remembered, plus one when the cart holds a SKU of an activity with a per-person limit and one for a
 * chosen coupon.
 */
export async function priceWithPromotions(db: Executor, facts: PromotionFacts): Promise<PromotedCart> {
  const rows = await loadRunningActivities(db, facts.now);
  const limited = limitedActivityIds(rows, new Set(facts.lines.map((l) => l.skuId)));
  const bought = new Map(
    (await findActivityUnitsBought(db, facts.userId, limited)).map((b) => [b.activityId, b.units]),
  );
  const nowMs = facts.now.getTime();
  // Only a running first-order offer costs the query for who the shopper is.
  const welcome = rows.some((r) => r.kind === "welcome_offer" && new Date(r.startsAt).getTime() <= nowMs);
  const input: PricingInput = {
    lines: facts.lines,
    shopper: {
      userId: String(facts.userId),
      ...(welcome ? await findFirstOrderFacts(db, facts.userId, facts.forPlacing === true, facts.now) : {}),
    },
    nowMs: facts.now.getTime(),
    activities: rows.map((r) => ({ ...activityFacts(r), shopperBought: bought.get(r.id) ?? 0 })),
    coupon: await loadChosenCoupon(db, facts.userId, facts.couponId),
    points: await loadPoints(db, facts),
    freight: facts.freight,
    ...(facts.callerDiscounts ? { callerDiscounts: facts.callerDiscounts } : {}),
  };
  const result = computePricing(input);
  if (result.kind === "refuse") {
    const { reason, details } = result.refusal;
    throw new AppError(reason, refusalMessages[reason], details);
  }
  const couponOptions = facts.rateCoupons ? await rateCoupons(db, facts, input) : [];
  const pointsOffer = facts.rateCoupons ? await offerPoints(db, facts, input) : null;
  return { ...result, couponId: result.couponApplied ? facts.couponId! : null, couponOptions, pointsOffer };
}

/** The points a checkout asks to use, with the rule and balance; none asked: no query. */
async function loadPoints(db: Executor, facts: PromotionFacts): Promise<PricingInput["points"]> {
  if (!facts.pointsWanted) return null;
  const rule = await getPointsRule(db);
  if (!rule.enabled) throw new AppError("POINTS_DISABLED", "Points are not in use in this shop");
  const { points } = await findPointsBalance(db, facts.userId);
  return { wanted: facts.pointsWanted, balance: points, rule };
}

/** For the checkout page: the balance and the most points this cart may use (points off: null, no query). */
async function offerPoints(db: Executor, facts: PromotionFacts, input: PricingInput) {
  const rule = await getPointsRule(db);
  if (!rule.enabled) return null;
  const balance = input.points?.balance ?? (await findPointsBalance(db, facts.userId)).points;
  const all = computePricing({ ...input, points: { wanted: balance, balance, rule } });
  return {
    balance,
    pointsPerYuan: rule.pointsPerYuan,
    maxUsable: all.kind === "priced" ? all.pointsUsed : 0,
  };
}

/** Each coupon the shopper holds, priced against this cart: whether it applies and how much it takes off. */
async function rateCoupons(
  db: Executor,
  facts: PromotionFacts,
  input: PricingInput,
): Promise<CouponOption[]> {
  const held = await listUserCoupons(db, facts.userId, "available", facts.now);
  const base = computePricing({ ...input, coupon: null });
  const payableWithout = base.kind === "priced" ? base.payableFen : 0;
  return held.map(({ coupon, template }) => {
    const priced = computePricing({ ...input, coupon: couponFacts(coupon, template) });
    const applicable = priced.kind === "priced";
    const details = priced.kind === "refuse" ? priced.refusal.details : {};
    return {
      id: coupon.id,
      name: template.name,
      summary: couponSummary(template.kind, template.args),
      applicable,
      amountFen: applicable ? Math.max(0, payableWithout - priced.payableFen) : 0,
      reason: applicable ? null : ((details.why as CouponMiss | undefined) ?? "scope"),
      shortFen: typeof details.shortFen === "number" ? details.shortFen : null,
    };
  });
}

const refusalMessages = {
  ACTIVITY_LIMIT_EXCEEDED: "More than this activity's limit per person",
  COUPON_NOT_APPLICABLE: "This coupon does not apply to these items",
  COUPON_EXPIRED: "This coupon is not valid now",
  POINTS_INSUFFICIENT: "Not enough points",
} as const;
