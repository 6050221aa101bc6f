// Table tests for the referral welcome offer (rule 9) and gifts (rule 10): who gets the offer, how it stacks
// with activity prices, threshold discounts and the coupon, and when a gift is given or not.
import { describe, expect, test } from "vitest";
import type { FreightTemplate } from "../commerce/freight.ts";
import { fen } from "../money.ts";
import { computePricing, type PricingInput, type PricingLineInput } from "./pricing-engine.ts";
import type { ActivityFacts } from "./promotion.ts";

const HOUR = 3_600_000;
const NOW = 1_796_277_600_000;
const template: FreightTemplate = {
  id: "tpl",
  mode: "by_piece",
  default: { firstUnits: 1, firstFeeFen: fen(0), additionalUnits: 1, additionalFeeFen: fen(0) },
  regionRules: [],
};
const line = (skuId: string, unitPrice: number, quantity: number): PricingLineInput => ({
  skuId,
  productId: `p${skuId}`,
  categoryId: "c1",
  unitPriceFen: fen(unitPrice),
  quantity,
  freightTemplateId: "tpl",
  weightGrams: 0,
});
const activity = (id: string, kind: string, args: unknown, extra: Partial<ActivityFacts> = {}) => ({
  id,
  kind,
  label: id,
  startsAtMs: NOW - HOUR,
  endsAtMs: NOW + HOUR,
  args,
  ...extra,
});
/** The merchant's 首单9折 for shoppers who came through a distributor's link. */
const welcome90 = activity("w-90", "welcome_offer", { payBps: 9000 });
const referredNewcomer = { userId: "u1", referred: true, paidOrderCount: 0 };
const price = (over: Partial<PricingInput>): PricingInput => ({
  lines: [line("s1", 10000, 1)],
  shopper: referredNewcomer,
  nowMs: NOW,
  activities: [welcome90],
  coupon: null,
  points: null,
  freight: { templates: [template], regionCode: "440000" },
  ...over,
});

describe("rule 9: the welcome offer", () => {
  test.each([
    { label: "a referred shopper's first order of ¥100 at 首单9折 → ¥90", input: {}, paid: [9000] },
    {
      label: "a shopper who came by no link pays ¥100",
      input: { shopper: { userId: "u1", referred: false, paidOrderCount: 0 } },
      paid: [10000],
    },
    {
      label: "a referred shopper's second order pays ¥100",
      input: { shopper: { userId: "u1", referred: true, paidOrderCount: 1 } },
      paid: [10000],
    },
    {
      label: "an unknown order count gives no offer",
      input: { shopper: { userId: "u1", referred: true } },
      paid: [10000],
    },
    {
      label: "the offer with a most-off of ¥5 → ¥95",
      input: { activities: [activity("w", "welcome_offer", { payBps: 9000, maxOffFen: 500 })] },
      paid: [9500],
    },
    {
      label: "rule 3: an 8折 flash line is left alone, the plain line gets 9折 (¥80 + ¥45)",
      input: {
        lines: [line("s1", 10000, 1), line("s2", 5000, 1)],
        activities: [welcome90, activity("f", "timed_discount", { items: [{ skuId: "s1", payBps: 8000 }] })],
      },
      paid: [8000, 4500],
    },
    {
      label: "after 满200减50: ¥240 → ¥190 → 9折 ¥171",
      input: {
        lines: [line("s1", 12000, 2)],
        activities: [
          welcome90,
          activity("t", "threshold_amount_off", { tiers: [{ atLeast: 20000, offFen: 5000 }] }),
        ],
      },
      paid: [17100],
    },
    {
      label: "the coupon is measured after it: ¥110 → 9折 ¥99 misses a 满100减20 coupon's minimum",
      input: {
        lines: [line("s1", 11000, 1)],
        coupon: activity("c", "coupon_amount_off", { minSpendFen: 10000, offFen: 2000 }),
      },
      refused: "COUPON_NOT_APPLICABLE",
    },
    {
      label: "with a ¥10 coupon: ¥100 → 9折 ¥90 → ¥80",
      input: { coupon: activity("c", "coupon_amount_off", { offFen: 1000 }) },
      paid: [8000],
    },
    {
      label: "two welcome offers: only the bigger (8折) acts",
      input: { activities: [welcome90, activity("w-80", "welcome_offer", { payBps: 8000 })] },
      paid: [8000],
    },
    {
      label: "rule 1: an ended offer gives nothing",
      input: { activities: [activity("w", "welcome_offer", { payBps: 9000 }, { endsAtMs: NOW })] },
      paid: [10000],
    },
  ] as { label: string; input: Partial<PricingInput>; paid?: number[]; refused?: string }[])(
    "$label",
    ({ input, paid, refused }) => {
      const r = computePricing(price(input));
      if (refused) return expect(r.kind === "refuse" && r.refusal.reason).toBe(refused);
      if (r.kind !== "priced") throw new Error(r.refusal.reason);
      expect(r.lines.map((l) => l.paidFen)).toEqual(paid);
      const offer = r.discounts.find((d) => d.kind === "welcome_offer");
      if (offer) expect(offer.lineShares.reduce((a, b) => a + b, 0)).toBe(offer.amountFen);
      expect(r.activityKind === null || r.activityKind === "timed_discount").toBe(true);
    },
  );
});

const buyOneGetOne = (extra: Partial<ActivityFacts> = {}, args: Record<string, unknown> = {}) =>
  activity(
    "g-1",
    "gift",
    {
      scope: { type: "products", productIds: ["ps1"] },
      atLeast: 1,
      repeat: true,
      items: [{ skuId: "gift", quantity: 1 }],
      ...args,
    },
    extra,
  );

describe("rule 10: gifts", () => {
  test.each([
    {
      label: "买一送一: 2 bought → 2 gifts, the price unchanged",
      input: { lines: [line("s1", 10000, 2)], activities: [buyOneGetOne()] },
      gifts: [{ skuId: "gift", quantity: 2, lineIndexes: [0], given: true }],
      payable: 20000,
    },
    {
      label: "gift stock 1 for 2 → no gift, the order stands",
      input: { lines: [line("s1", 10000, 2)], activities: [buyOneGetOne({ stockLeftBySku: { gift: 1 } })] },
      gifts: [{ skuId: "gift", quantity: 2, given: false }],
      payable: 20000,
    },
    {
      label: "another product earns no gift",
      input: { lines: [line("s2", 10000, 2)], activities: [buyOneGetOne()] },
      gifts: [],
      payable: 20000,
    },
    {
      label: "满200赠 without repeat: ¥300 → one gift",
      input: {
        lines: [line("s1", 15000, 2)],
        activities: [
          buyOneGetOne({}, { scope: { type: "all" }, basis: "amount", atLeast: 20000, repeat: false }),
        ],
      },
      gifts: [{ quantity: 1, detail: "满200赠", given: true }],
      payable: 30000,
    },
    {
      label: "满200赠 is measured after the coupon: ¥210 − ¥20 = ¥190 earns none",
      input: {
        lines: [line("s1", 21000, 1)],
        activities: [buyOneGetOne({}, { scope: { type: "all" }, basis: "amount", atLeast: 20000 })],
        coupon: activity("c", "coupon_amount_off", { offFen: 2000 }),
      },
      gifts: [],
      payable: 19000,
    },
    {
      label: "an activity-priced line counts toward a gift",
      input: {
        activities: [
          buyOneGetOne(),
          activity("f", "flash_sale", { items: [{ skuId: "s1", priceFen: 5000 }] }),
        ],
      },
      gifts: [{ quantity: 1, given: true }],
      payable: 5000,
    },
  ] as { label: string; input: Partial<PricingInput>; gifts: object[]; payable: number }[])(
    "$label",
    ({ input, gifts, payable }) => {
      const r = computePricing(price({ shopper: { userId: "u1" }, ...input }));
      if (r.kind !== "priced") throw new Error(r.refusal.reason);
      expect(r.gifts).toEqual(gifts.map((g) => expect.objectContaining(g)));
      expect(r.payableFen).toBe(payable);
    },
  );
});
