// The pricing engine: cart lines, shopper, time, running activities, the chosen coupon and points in; each
// line's price, every discount with its source and its exact share of each line, freight and payable out.
//
// Stacking rules (each has a labelled row in pricing-engine.test.ts):
//  0. Discounts the caller's activity decided (group buy, reward grants) come off all lines first.
//  1. Only activities whose window holds `now` (startsAtMs ≤ now < endsAtMs) act; the coupon too.
//  2. Price stage: a line takes at most one activity price, the lowest (ties: lowest activity id). A line
//     whose activity stock is shorter than its quantity sells at the normal price.
//  3. An activity-priced line is excluded from threshold discounts and coupons unless its activity is
//     `stackable`. Points may pay any line.
//  4. Order stage: a line gets at most one threshold discount (满减/满折): the one taking most off the
//     order goes first and takes its lines, then the next among the lines left. 满包邮 stacks with them.
//  5. At most one coupon per order, measured after activity prices and threshold discounts; a chosen coupon
//     that does not apply is refused, never silently dropped.
//  6. Points come last: at most `maxShareBps` of the goods left, whole fen only.
//  7. Freight is computed on what the lines pay; a free-shipping effect waives the freight of its lines.
//  8. Each discount is spread over its lines by largest remainder, weighted by what they cost at that
//     point, so the shares sum to the discount; payable = goods − discounts + freight − waived ≥ 0.
//  9. The welcome offer (a first order of a shopper who came through a distributor's link) comes after
//     threshold discounts and before the coupon, on the lines rule 3 lets discounts touch; at most one (the
//     one taking most). It stacks with both; the coupon's minimum spend is measured after it.
// 10. Gifts (买一送一 / 满赠) come after the coupon, measured on what the covered lines cost then (activity-
//     priced lines count too); each gift activity gives on its own. A gift adds no line to the price and
//     moves no money; a gift whose own stock is short of its quantity is listed as not given, and the
//     order stands.

import { computeFreight, type FreightResult } from "../commerce/freight.ts";
import type { OrderDiscount, QuoteInput, QuoteLine, QuoteLineInput } from "../commerce/quote.ts";
import type { CommissionActivityKind } from "../distribution/plan.ts";
import { allocate, type Fen, fen, sumFen } from "../money.ts";
import { explainCouponMiss } from "./kinds/coupons.ts";
import { findPromotionKind } from "./kinds/index.ts";
import { computePointsSpend, type PointsRule } from "./points.ts";
import type {
  ActivityFacts,
  DiscountEffect,
  GiftEffect,
  PriceEffect,
  PromotionEffect,
  PromotionKind,
  PromotionLine,
  PromotionRefusal,
  ShopperFacts,
} from "./promotion.ts";

export type PricingLineInput = QuoteLineInput & { categoryId: string | null };

export type PricingInput = {
  lines: readonly PricingLineInput[];
  shopper: ShopperFacts;
  nowMs: number;
  /** Running activities of any kind and stage (a kind this build does not know is ignored). */
  activities: readonly ActivityFacts[];
  /** The one coupon the shopper chose: its template's kind and args, its validity as the window. */
  coupon: ActivityFacts | null;
  points: { wanted: number; balance: number; rule: PointsRule } | null;
  freight: QuoteInput["freight"];
  /** Discounts a caller's activity already decided (a group buy's, a reward grant's): off all lines, first. */
  callerDiscounts?: readonly OrderDiscount[];
};

export type LineActivity = {
  id: string;
  kind: string;
  label: string;
  commissionKind: CommissionActivityKind | null;
};

export type PricedLine = QuoteLine & {
  /** The list price of one unit; `unitPriceFen` is the activity price when an activity priced the line. */
  originalUnitFen: Fen;
  activity: LineActivity | null;
};

export type PricingDiscount = {
  source: "activity" | "coupon" | "points";
  sourceId: string;
  kind: string;
  label: string;
  /** "满200减50", "8折", "包邮" … */
  detail: string;
  /** goods: taken off the lines (see `lineShares`); freight: waived freight. */
  target: "goods" | "freight";
  amountFen: Fen;
  /** This discount's share of each line, by line index (0 for lines it does not touch). */
  lineShares: Fen[];
};

/** A gift the order earns (rule 10): `quantity` of `skuId` at ¥0, for the lines named; `given` false: stock short. */
export type PricedGift = {
  activityId: string;
  label: string;
  detail: string;
  skuId: string;
  quantity: number;
  lineIndexes: number[];
  given: boolean;
};

export type PricedCart = {
  kind: "priced";
  lines: PricedLine[];
  gifts: PricedGift[];
  discounts: PricingDiscount[];
  /** The lines at their (activity) unit prices. */
  goodsTotalFen: Fen;
  /** Goods discounts: thresholds, the coupon and points; equals the sum of the lines' discounts. */
  discountTotalFen: Fen;
  /** What the activity prices saved against list prices (shown, not subtracted again). */
  activitySavingFen: Fen;
  /** Freight before any waiver; null when no delivery region was given. */
  freight: FreightResult | null;
  freightWaivedFen: Fen;
  /** Freight the shopper pays. */
  freightFen: Fen;
  payableFen: Fen;
  pointsUsed: number;
  /** The order's activity kind for commissions and reports: the first activity-priced line's. */
  activityKind: CommissionActivityKind | null;
  couponApplied: boolean;
};

export type PricingRefusal =
  | PromotionRefusal
  | {
      type: "refuse";
      reason: "COUPON_NOT_APPLICABLE" | "COUPON_EXPIRED";
      details: Record<string, string | number>;
    }
  | { type: "refuse"; reason: "POINTS_INSUFFICIENT"; details: Record<string, string | number> };

export type PricingResult = PricedCart | { kind: "refuse"; refusal: PricingRefusal };

type Source = Omit<PricingDiscount, "amountFen" | "lineShares" | "target">;
type Running = { facts: ActivityFacts; op: PromotionKind<unknown>; args: unknown };

const isActive = (a: ActivityFacts, nowMs: number) => a.startsAtMs <= nowMs && nowMs < a.endsAtMs;
const byId = (a: ActivityFacts, b: ActivityFacts) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function running(activities: readonly ActivityFacts[], nowMs: number): Running[] {
  const out: Running[] = [];
  for (const facts of [...activities].sort(byId)) {
    const op = findPromotionKind(facts.kind);
    if (!op || op.stage === "coupon" || !isActive(facts, nowMs)) continue;
    // Args were validated when saved; parsing again fills defaults added since.
    out.push({ facts, op, args: op.args.parse(facts.args) });
  }
  return out;
}

function refusalOf(effects: readonly PromotionEffect[]): PromotionRefusal | undefined {
  return effects.find((e): e is PromotionRefusal => e.type === "refuse");
}

/**
 * Prices a cart under the stacking rules above. Pure and deterministic: the same input gives the same result.
 * Example: a ¥100 SKU in a 24-hour 8折 timed discount, two units, 满200减50 not reached (¥160) → payable 16000 + freight.
 */
export function computePricing(input: PricingInput): PricingResult {
  for (const l of input.lines) {
    if (!Number.isSafeInteger(l.quantity) || l.quantity <= 0)
      throw new RangeError("quantity must be positive");
    if (l.unitPriceFen < 0) throw new RangeError("unit price must not be negative");
  }
  const active = running(input.activities, input.nowMs);
  const lines: PromotionLine[] = input.lines.map((l, index) => ({
    index,
    skuId: l.skuId,
    productId: l.productId,
    categoryId: l.categoryId,
    quantity: l.quantity,
    originalUnitFen: l.unitPriceFen,
    unitPriceFen: l.unitPriceFen,
    amountFen: fen(l.unitPriceFen * l.quantity),
  }));
  const ctx = (facts: ActivityFacts, ls: readonly PromotionLine[]) => ({
    nowMs: input.nowMs,
    activity: facts,
    lines: ls,
    shopper: input.shopper,
  });

  // 2. Price stage.
  const chosen: (PriceEffect & { activity: Running })[] = [];
  for (const a of active.filter((r) => r.op.stage === "price")) {
    const effects = a.op.apply(a.args, ctx(a.facts, lines));
    const refusal = refusalOf(effects);
    if (refusal) return { kind: "refuse", refusal };
    for (const e of effects) {
      if (e.type !== "line_price") continue;
      const current = chosen[e.lineIndex];
      if (!current || e.unitPriceFen < current.unitPriceFen) chosen[e.lineIndex] = { ...e, activity: a };
    }
  }
  for (const line of lines) {
    const c = chosen[line.index];
    if (!c) continue;
    line.unitPriceFen = c.unitPriceFen;
    line.amountFen = fen(c.unitPriceFen * line.quantity);
  }
  const listed = lines.map((l) => l.amountFen);
  // 3. What threshold discounts and coupons may touch.
  const stackable = lines.filter((l) => !chosen[l.index] || chosen[l.index]!.stackable);

  const discounts: PricingDiscount[] = [];
  const freeShipping: { source: Source; lineIndexes: number[] }[] = [];
  const sourceOf = (a: Running, source: PricingDiscount["source"], detail: string): Source => ({
    source,
    sourceId: a.facts.id,
    kind: a.facts.kind,
    label: a.facts.label,
    detail,
  });
  const take = (src: Source, e: Extract<DiscountEffect, { type: "discount" }>) => {
    const touched = e.lineIndexes.map((i) => lines[i]!);
    const amountFen = fen(Math.min(e.amountFen, sumFen(touched.map((l) => l.amountFen))));
    const shares = allocate(
      amountFen,
      touched.map((l) => l.amountFen),
    );
    const lineShares = lines.map(() => fen(0));
    touched.forEach((l, i) => {
      lineShares[l.index] = shares[i]!;
      l.amountFen = fen(l.amountFen - shares[i]!);
    });
    discounts.push({ ...src, detail: e.detail, target: "goods", amountFen, lineShares });
  };

  for (const d of input.callerDiscounts ?? []) {
    const src: Source = { source: "activity", sourceId: d.kind, kind: d.kind, label: d.label, detail: "" };
    take(src, {
      type: "discount",
      lineIndexes: lines.map((l) => l.index),
      amountFen: d.amountFen,
      detail: "",
    });
  }

  // 4. Order stage: the biggest threshold discount first, each taking its lines.
  const orderStage = active.filter((r) => r.op.stage === "order");
  let open = new Set(stackable.map((l) => l.index));
  const pending = [...orderStage];
  for (;;) {
    let best: { a: Running; effects: DiscountEffect[]; off: number } | null = null;
    for (const a of pending) {
      const effects = a.op.apply(
        a.args,
        ctx(
          a.facts,
          lines.filter((l) => open.has(l.index)),
        ),
      ) as DiscountEffect[];
      const off = effects.reduce((s, e) => s + (e.type === "discount" ? e.amountFen : 0), 0);
      if (off > 0 && (!best || off > best.off)) best = { a, effects, off };
    }
    if (!best) break;
    for (const e of best.effects) {
      if (e.type !== "discount") continue;
      take(sourceOf(best.a, "activity", e.detail), e);
      open = new Set([...open].filter((i) => !e.lineIndexes.includes(i)));
    }
    pending.splice(pending.indexOf(best.a), 1);
  }
  for (const a of orderStage) {
    for (const e of a.op.apply(a.args, ctx(a.facts, stackable)) as DiscountEffect[]) {
      if (e.type === "free_shipping") freeShipping.push({ source: sourceOf(a, "activity", e.detail), ...e });
    }
  }

  // 9. The welcome offer: the biggest one, on the stackable lines as they cost now.
  let welcome: { a: Running; effects: DiscountEffect[]; off: number } | null = null;
  for (const a of active.filter((r) => r.op.stage === "welcome")) {
    const effects = a.op.apply(a.args, ctx(a.facts, stackable)) as DiscountEffect[];
    const off = effects.reduce((s, e) => s + (e.type === "discount" ? e.amountFen : 0), 0);
    if (off > 0 && (!welcome || off > welcome.off)) welcome = { a, effects, off };
  }
  for (const e of welcome?.effects ?? [])
    if (e.type === "discount") take(sourceOf(welcome!.a, "activity", e.detail), e);

  // 5. The coupon.
  let couponApplied = false;
  if (input.coupon) {
    const op = findPromotionKind(input.coupon.kind);
    if (op?.stage !== "coupon") throw new Error(`coupon kind ${input.coupon.kind} is not a coupon`);
    if (!isActive(input.coupon, input.nowMs)) {
      const why = input.nowMs < input.coupon.startsAtMs ? "not_started" : "ended";
      return {
        kind: "refuse",
        refusal: { type: "refuse", reason: "COUPON_EXPIRED", details: { couponId: input.coupon.id, why } },
      };
    }
    const coupon: Running = { facts: input.coupon, op, args: op.args.parse(input.coupon.args) };
    const effects = op.apply(coupon.args, ctx(coupon.facts, stackable)) as DiscountEffect[];
    if (effects.length === 0) {
      const miss = explainCouponMiss(
        coupon.args as Parameters<typeof explainCouponMiss>[0],
        lines,
        stackable,
      );
      return {
        kind: "refuse",
        refusal: {
          type: "refuse",
          reason: "COUPON_NOT_APPLICABLE",
          details: { couponId: input.coupon.id, ...miss },
        },
      };
    }
    for (const e of effects) {
      if (e.type === "discount") take(sourceOf(coupon, "coupon", e.detail), e);
      else freeShipping.push({ source: sourceOf(coupon, "coupon", e.detail), ...e });
    }
    couponApplied = true;
  }

  // 10. Gifts, on what the lines cost after the coupon.
  const gifts: PricedGift[] = [];
  for (const a of active.filter((r) => r.op.stage === "gift")) {
    for (const e of a.op.apply(a.args, ctx(a.facts, lines)) as GiftEffect[]) {
      const { type: _, ...gift } = e;
      gifts.push({ activityId: a.facts.id, label: a.facts.label, ...gift });
    }
  }

  // 6. Points.
  let pointsUsed = 0;
  if (input.points && input.points.wanted > 0) {
    const { wanted, balance, rule } = input.points;
    if (wanted > balance) {
      return {
        kind: "refuse",
        refusal: { type: "refuse", reason: "POINTS_INSUFFICIENT", details: { balance, wanted } },
      };
    }
    const spend = computePointsSpend(rule, wanted, sumFen(lines.map((l) => l.amountFen)));
    if (spend.amountFen > 0) {
      const src: Source = {
        source: "points",
        sourceId: "points",
        kind: "points",
        label: "积分抵扣",
        detail: "",
      };
      take(src, {
        type: "discount",
        lineIndexes: lines.map((l) => l.index),
        amountFen: spend.amountFen,
        detail: `${spend.pointsUsed}积分`,
      });
      pointsUsed = spend.pointsUsed;
    }
  }

  // 7. Freight on what the lines pay, then the waivers.
  const freightLines = input.lines.map((l, i) => ({ ...l, amountFen: lines[i]!.amountFen }));
  const freightOf = (keep: (i: number) => boolean) =>
    computeFreight(
      input.freight.templates,
      freightLines.filter((_, i) => keep(i)),
      input.freight.regionCode!,
    ).totalFen;
  const freight =
    input.freight.regionCode === null
      ? null
      : computeFreight(input.freight.templates, freightLines, input.freight.regionCode);
  let freightWaivedFen = fen(0);
  if (freight) {
    const waived = new Set<number>();
    let before = freight.totalFen as number;
    for (const f of freeShipping) {
      for (const i of f.lineIndexes) waived.add(i);
      const after = freightOf((i) => !waived.has(i));
      const amountFen = fen(Math.max(0, before - after));
      before = Math.min(before, after);
      if (amountFen === 0) continue;
      discounts.push({ ...f.source, target: "freight", amountFen, lineShares: lines.map(() => fen(0)) });
      freightWaivedFen = fen(freightWaivedFen + amountFen);
    }
  }

  const priced: PricedLine[] = input.lines.map((l, i) => {
    const line = lines[i]!;
    const c = chosen[i];
    return {
      ...l,
      originalUnitFen: l.unitPriceFen,
      unitPriceFen: line.unitPriceFen,
      listedFen: listed[i]!,
      discountFen: fen(listed[i]! - line.amountFen),
      paidFen: line.amountFen,
      activity: c
        ? {
            id: c.activity.facts.id,
            kind: c.activity.facts.kind,
            label: c.activity.facts.label,
            commissionKind: c.activity.op.commissionKind,
          }
        : null,
    };
  });
  const goodsTotalFen = sumFen(listed);
  const discountTotalFen = sumFen(priced.map((l) => l.discountFen));
  const freightFen = fen((freight?.totalFen ?? 0) - freightWaivedFen);
  return {
    kind: "priced",
    lines: priced,
    gifts,
    discounts,
    goodsTotalFen,
    discountTotalFen,
    activitySavingFen: sumFen(priced.map((l) => (l.originalUnitFen - l.unitPriceFen) * l.quantity)),
    freight,
    freightWaivedFen,
    freightFen,
    payableFen: fen(goodsTotalFen - discountTotalFen + freightFen),
    pointsUsed,
    activityKind: priced.find((l) => l.activity?.commissionKind)?.activity?.commissionKind ?? null,
    couponApplied,
  };
}
