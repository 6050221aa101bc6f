import fc from "fast-check";
import { describe, expect, test } from "vitest";
import type { FreightTemplate } from "../commerce/freight.ts";
import { fen } from "../money.ts";
import { computePricing, type PricingInput, type PricingLineInput } from "./pricing-engine.ts";
import type { ActivityFacts } from "./promotion.ts";

const HOUR = 3_600_000;
// 2026-12-03 06:00 UTC
const NOW = 1_796_277_600_000;
const GUANGDONG = "440000";
const template: FreightTemplate = {
  id: "tpl",
  mode: "by_piece",
  default: { firstUnits: 1, firstFeeFen: fen(800), additionalUnits: 1, additionalFeeFen: fen(0) },
  regionRules: [],
};

const line = (skuId: string, unitPrice: number, quantity: number, categoryId: string | null = "c1") =>
  ({
    skuId,
    productId: `p${skuId}`,
    categoryId,
    unitPriceFen: fen(unitPrice),
    quantity,
    freightTemplateId: "tpl",
    weightGrams: 0,
  }) satisfies PricingLineInput;

const activity = (
  id: string,
  kind: string,
  args: unknown,
  extra: Partial<ActivityFacts> = {},
): ActivityFacts => ({
  id,
  kind,
  label: id,
  startsAtMs: NOW - HOUR,
  endsAtMs: NOW + 23 * HOUR,
  args,
  ...extra,
});
/** The seed's 限时折扣: ¥100 at 8折 for 24 hours. */
const eightyPercent = (extra: Partial<ActivityFacts> = {}, stackable = false) =>
  activity("a-timed", "timed_discount", { items: [{ skuId: "s1", payBps: 8000 }], stackable }, extra);
/** The seed's 满200减50. */
const over200minus50 = activity("a-200-50", "threshold_amount_off", {
  tiers: [{ atLeast: 20000, offFen: 5000 }],
});
const coupon = (kind: string, args: unknown, extra: Partial<ActivityFacts> = {}) =>
  activity("cp-1", kind, args, extra);

const price = (over: Partial<PricingInput>): PricingInput => ({
  lines: [line("s1", 10000, 1)],
  shopper: { userId: "u1", paidOrderCount: 0 },
  nowMs: NOW,
  activities: [],
  coupon: null,
  points: null,
  freight: { templates: [template], regionCode: GUANGDONG },
  ...over,
});
const pointsRule = { enabled: true, pointsPerYuan: 100, maxShareBps: 5000, earnBps: 100 };

type Row = {
  label: string;
  input: Partial<PricingInput>;
  unit?: number[];
  paid: number[];
  freight?: number;
  payable: number;
  kind?: string | null;
};

describe("computePricing — stacking rules", () => {
  test.each<Row>([
    { label: "¥100 without activities → list price + ¥8 freight", input: {}, paid: [10000], payable: 10800 },
    {
      label: "¥100 at 8折 inside its 24 h → ¥80, order kind timed_discount",
      input: { activities: [eightyPercent()] },
      unit: [8000],
      paid: [8000],
      payable: 8800,
      kind: "timed_discount",
    },
    {
      label: "rule 1: the 8折 window ended → ¥100 again",
      input: { activities: [eightyPercent({ endsAtMs: NOW })] },
      unit: [10000],
      paid: [10000],
      payable: 10800,
      kind: null,
    },
    {
      label: "rule 1: the 8折 window not started → ¥100",
      input: { activities: [eightyPercent({ startsAtMs: NOW + 1 })] },
      paid: [10000],
      payable: 10800,
    },
    {
      label: "满200减50 on ¥120 × 2 → ¥190",
      input: { lines: [line("s2", 12000, 2)], activities: [over200minus50] },
      paid: [19000],
      payable: 19800,
    },
    {
      label: "满200减50 not reached at ¥150 → nothing off",
      input: { lines: [line("s2", 15000, 1)], activities: [over200minus50] },
      paid: [15000],
      payable: 15800,
    },
    {
      label: "rule 3: 3 × ¥100 at 8折 = ¥240 gets no 满200减50",
      input: { lines: [line("s1", 10000, 3)], activities: [eightyPercent(), over200minus50] },
      paid: [24000],
      payable: 24800,
    },
    {
      label: "rule 3: a stackable 8折 lets 满200减50 apply → ¥190",
      input: { lines: [line("s1", 10000, 3)], activities: [eightyPercent({}, true), over200minus50] },
      paid: [19000],
      payable: 19800,
    },
    {
      label: "rule 3: the threshold counts only the plain line (¥80 + ¥150 → ¥150 does not reach ¥200)",
      input: {
        lines: [line("s1", 10000, 1), line("s2", 15000, 1)],
        activities: [eightyPercent(), over200minus50],
      },
      paid: [8000, 15000],
      payable: 23800,
    },
    {
      label: "rule 2: two activities on one SKU → the lower price (flash ¥70 beats 8折)",
      input: {
        activities: [
          eightyPercent(),
          activity("a-flash", "flash_sale", { items: [{ skuId: "s1", priceFen: 7000 }] }),
        ],
      },
      unit: [7000],
      paid: [7000],
      payable: 7800,
      kind: "flash_sale",
    },
    {
      label: "rule 2: activity stock 1 for a line of 2 → normal price",
      input: {
        lines: [line("s1", 10000, 2)],
        activities: [eightyPercent({ stockLeftBySku: { s1: 1 } })],
      },
      paid: [20000],
      payable: 20800,
      kind: null,
    },
    {
      label: "rule 4: 满3件8折 (¥60 off) beats 满200减50 on ¥300; they do not add up",
      input: {
        lines: [line("s2", 10000, 3)],
        activities: [
          over200minus50,
          activity("a-3x80", "threshold_percent_off", { tiers: [{ atLeast: 3, payBps: 8000 }] }),
        ],
      },
      paid: [24000],
      payable: 24800,
    },
    {
      label: "rule 4: the highest tier reached (满100减10, 满200减30 on ¥250 → ¥30 off)",
      input: {
        lines: [line("s2", 25000, 1)],
        activities: [
          activity("a-tiers", "threshold_amount_off", {
            tiers: [
              { atLeast: 10000, offFen: 1000 },
              { atLeast: 20000, offFen: 3000 },
            ],
          }),
        ],
      },
      paid: [22000],
      payable: 22800,
    },
    {
      label: "rule 4: 满包邮 stacks with 满200减50 (¥240 → ¥190, freight waived)",
      input: {
        lines: [line("s2", 12000, 2)],
        activities: [over200minus50, activity("a-ship", "threshold_free_shipping", { atLeast: 9900 })],
      },
      paid: [19000],
      freight: 0,
      payable: 19000,
    },
    {
      label: "rule 5: 满100减20 coupon on ¥120 → ¥100",
      input: {
        lines: [line("s2", 12000, 1)],
        coupon: coupon("coupon_amount_off", { minSpendFen: 10000, offFen: 2000 }),
      },
      paid: [10000],
      payable: 10800,
    },
    {
      label: "rule 5: the coupon stacks with 满200减50, measured after it (¥240 → ¥190 → ¥170)",
      input: {
        lines: [line("s2", 12000, 2)],
        activities: [over200minus50],
        coupon: coupon("coupon_amount_off", { minSpendFen: 10000, offFen: 2000 }),
      },
      paid: [17000],
      payable: 17800,
    },
    {
      label: "rule 5: a 9折 coupon taking at most ¥5 on ¥100 → ¥95",
      input: { coupon: coupon("coupon_percent_off", { payBps: 9000, maxOffFen: 500 }) },
      paid: [9500],
      payable: 10300,
    },
    {
      label: "rule 5: a free-shipping coupon waives the ¥8",
      input: { coupon: coupon("coupon_free_shipping", {}) },
      paid: [10000],
      freight: 0,
      payable: 10000,
    },
    {
      label: "rule 5: a product coupon touches only that product's line",
      input: {
        lines: [line("s1", 10000, 1), line("s2", 5000, 1)],
        coupon: coupon("coupon_amount_off", {
          scope: { type: "products", productIds: ["ps2"] },
          offFen: 1000,
        }),
      },
      paid: [10000, 4000],
      payable: 14800,
    },
    {
      label: "rule 6: 3000 points on ¥40 with a 50% share → ¥20 paid by 2000 points",
      input: { lines: [line("s2", 4000, 1)], points: { wanted: 3000, balance: 5000, rule: pointsRule } },
      paid: [2000],
      payable: 2800,
    },
    {
      label: "rule 6: points may pay an activity-priced line (¥80 → 1000 points → ¥70)",
      input: { activities: [eightyPercent()], points: { wanted: 1000, balance: 1000, rule: pointsRule } },
      paid: [7000],
      payable: 7800,
    },
    {
      label: "no address yet → no freight",
      input: { freight: { templates: [template], regionCode: null } },
      paid: [10000],
      freight: 0,
      payable: 10000,
    },
  ])("$label", ({ input, unit, paid, freight, payable, kind }) => {
    const result = computePricing(price(input));
    if (result.kind !== "priced") throw new Error(`refused: ${result.refusal.reason}`);
    if (unit) expect(result.lines.map((l) => l.unitPriceFen)).toEqual(unit);
    expect(result.lines.map((l) => l.paidFen)).toEqual(paid);
    if (freight !== undefined) expect(result.freightFen).toBe(freight);
    expect(result.payableFen).toBe(payable);
    if (kind !== undefined) expect(result.activityKind).toBe(kind);
  });

  test.each([
    {
      label: "a per-person limit of 2 with 1 already bought refuses 2 more",
      input: {
        lines: [line("s1", 10000, 2)],
        activities: [
          activity(
            "a-flash",
            "flash_sale",
            { items: [{ skuId: "s1", priceFen: 5000 }], perPersonLimit: 2 },
            {
              shopperBought: 1,
            },
          ),
        ],
      },
      reason: "ACTIVITY_LIMIT_EXCEEDED",
    },
    {
      label: "rule 5: a 满100减20 coupon on ¥90 is refused, not dropped",
      input: {
        lines: [line("s2", 9000, 1)],
        coupon: coupon("coupon_amount_off", { minSpendFen: 10000, offFen: 2000 }),
      },
      reason: "COUPON_NOT_APPLICABLE",
    },
    {
      label: "rule 5: a coupon on an activity-priced cart only is refused",
      input: { activities: [eightyPercent()], coupon: coupon("coupon_amount_off", { offFen: 500 }) },
      reason: "COUPON_NOT_APPLICABLE",
    },
    {
      label: "rule 1: an expired coupon",
      input: { coupon: coupon("coupon_amount_off", { offFen: 500 }, { endsAtMs: NOW }) },
      reason: "COUPON_EXPIRED",
    },
    {
      label: "more points than the balance",
      input: { points: { wanted: 2000, balance: 1999, rule: pointsRule } },
      reason: "POINTS_INSUFFICIENT",
    },
  ])("refused: $label", ({ input, reason }) => {
    const result = computePricing(price(input as Partial<PricingInput>));
    expect(result.kind === "refuse" && result.refusal.reason).toBe(reason);
  });

  test.each([
    {
      label: "满100减20 on ¥90 is ¥10 short",
      input: {
        lines: [line("s2", 9000, 1)],
        coupon: coupon("coupon_amount_off", { minSpendFen: 10000, offFen: 2000 }),
      },
      details: { why: "min_spend", shortFen: 1000 },
    },
    {
      label: "the short is measured after 满200减50 (¥240 − ¥50 = ¥190 of a 满200 coupon)",
      input: {
        lines: [line("s2", 12000, 2)],
        activities: [over200minus50],
        coupon: coupon("coupon_amount_off", { minSpendFen: 20000, offFen: 2000 }),
      },
      details: { why: "min_spend", shortFen: 1000 },
    },
    {
      label: "a coupon for other products",
      input: {
        coupon: coupon("coupon_amount_off", { scope: { type: "products", productIds: ["p9"] }, offFen: 500 }),
      },
      details: { why: "scope" },
    },
    {
      label: "only activity-priced items in the cart",
      input: { activities: [eightyPercent()], coupon: coupon("coupon_amount_off", { offFen: 500 }) },
      details: { why: "activity_priced" },
    },
    {
      label: "a coupon whose validity starts tomorrow",
      input: { coupon: coupon("coupon_amount_off", { offFen: 500 }, { startsAtMs: NOW + 24 * HOUR }) },
      details: { why: "not_started" },
    },
  ])("a refused coupon says why: $label", ({ input, details }) => {
    const result = computePricing(price(input as Partial<PricingInput>));
    expect(result.kind === "refuse" && result.refusal.details).toMatchObject(details);
  });

  test("each discount names its source and its shares sum to it", () => {
    const result = computePricing(
      price({
        lines: [line("s2", 12000, 2), line("s3", 3333, 1)],
        activities: [over200minus50],
        coupon: coupon("coupon_amount_off", { offFen: 1001 }),
      }),
    );
    if (result.kind !== "priced") throw new Error("refused");
    expect(result.discounts.map((d) => [d.source, d.sourceId, d.detail, d.amountFen])).toEqual([
      ["activity", "a-200-50", "满200减50", 5000],
      ["coupon", "cp-1", "减10.01", 1001],
    ]);
    for (const d of result.discounts) expect(d.lineShares.reduce((a, b) => a + b, 0)).toBe(d.amountFen);
  });
});

const arbLines = fc.array(
  fc.record({
    sku: fc.constantFrom("s1", "s2", "s3", "s4"),
    price: fc.integer({ min: 0, max: 50_000 }),
    qty: fc.integer({ min: 1, max: 5 }),
  }),
  { minLength: 1, maxLength: 6 },
);
const arbActivities = fc.subarray([
  eightyPercent(),
  eightyPercent({ id: "a-timed-2" }, true),
  activity("a-flash", "flash_sale", { items: [{ skuId: "s2", priceFen: 999 }], stackable: true }),
  over200minus50,
  activity("a-3x80", "threshold_percent_off", { tiers: [{ atLeast: 3, payBps: 8000 }] }),
  activity("a-ship", "threshold_free_shipping", { atLeast: 5000 }),
]);
const arbCoupon = fc.constantFrom(
  null,
  coupon("coupon_amount_off", { offFen: 3000 }),
  coupon("coupon_percent_off", { payBps: 7000, maxOffFen: null }),
  coupon("coupon_free_shipping", {}),
);
const arbInput = fc
  .record({
    lines: arbLines,
    activities: arbActivities,
    coupon: arbCoupon,
    points: fc.integer({ min: 0, max: 9000 }),
  })
  .map(({ lines, activities, coupon, points }) =>
    price({
      lines: lines.map((l) => line(l.sku, l.price, l.qty)),
      activities,
      coupon,
      points: { wanted: points, balance: 9000, rule: pointsRule },
    }),
  );

describe("computePricing — properties", () => {
  test("payable ≥ 0, the lines' discounts sum to the order discount, each discount's shares to it", () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        const r = computePricing(input);
        if (r.kind !== "priced") return;
        expect(r.payableFen).toBeGreaterThanOrEqual(0);
        expect(r.lines.reduce((a, l) => a + l.discountFen, 0)).toBe(r.discountTotalFen);
        const goods = r.discounts.filter((d) => d.target === "goods");
        expect(goods.reduce((a, d) => a + d.amountFen, 0)).toBe(r.discountTotalFen);
        for (const d of r.discounts)
          expect(d.lineShares.reduce((a, b) => a + b, 0)).toBe(d.target === "goods" ? d.amountFen : 0);
        for (const l of r.lines) expect(l.paidFen).toBeGreaterThanOrEqual(0);
        expect(r.payableFen).toBe(r.goodsTotalFen - r.discountTotalFen + r.freightFen);
      }),
    );
  });

  test("deterministic: the same cart with its activities in any order prices the same", () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        const again = computePricing({ ...input, activities: [...input.activities].reverse() });
        expect(again).toEqual(computePricing(input));
      }),
    );
  });
});
