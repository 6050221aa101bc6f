import { describe, expect, test } from "vitest";
import { fen } from "../money.ts";
import {
  type ChallengeLine,
  computeChallengePayBps,
  groupChallengeArgs,
  planChallengeRefunds,
} from "./kinds/group-challenge.ts";
import { computePricing, type PricingInput } from "./pricing-engine.ts";

// The seed example: a ¥100 product whose price halves once 100 people joined (10 → 8折 on the way).
const args = groupChallengeArgs.parse({
  items: [{ skuId: "1" }],
  tiers: [
    { participants: 10, payBps: 8000 },
    { participants: 100, payBps: 5000 },
  ],
});

describe("the tier reached", () => {
  test.each([
    { participants: 0, payBps: 10_000 },
    { participants: 9, payBps: 10_000 },
    { participants: 10, payBps: 8000 },
    { participants: 99, payBps: 8000 },
    { participants: 100, payBps: 5000 },
    { participants: 5000, payBps: 5000 },
  ])("$participants participants → pays $payBps bps", ({ participants, payBps }) => {
    expect(computeChallengePayBps(args, participants)).toBe(payBps);
  });
  test("tiers must ask more people for a lower price", () => {
    const bad = groupChallengeArgs.safeParse({
      items: [{ skuId: "1" }],
      tiers: [
        { participants: 100, payBps: 5000 },
        { participants: 10, payBps: 8000 },
      ],
    });
    expect(bad.success).toBe(false);
  });
});

describe("at checkout: the price of the tier reached when joining", () => {
  const input = (participants: number, shopperBought = 0): PricingInput => ({
    lines: [
      {
        skuId: "1",
        productId: "1",
        categoryId: null,
        unitPriceFen: fen(10_000),
        quantity: 1,
        freightTemplateId: null,
        weightGrams: 0,
      },
    ],
    shopper: { userId: "1" },
    nowMs: 1000,
    activities: [
      {
        id: "9",
        kind: "group_challenge",
        label: "百人团",
        startsAtMs: 0,
        endsAtMs: 2000,
        args,
        participants,
        shopperBought,
      },
    ],
    coupon: null,
    points: null,
    freight: { templates: [], regionCode: null },
  });
  test.each([
    { participants: 0, payable: 10_000 },
    { participants: 99, payable: 8000 },
    { participants: 100, payable: 5000 },
  ])(
    "$participants before me → ¥$payable fen, the order is a group_challenge",
    ({ participants, payable }) => {
      const priced = computePricing(input(participants));
      expect(priced).toMatchObject({ kind: "priced", payableFen: payable, activityKind: "group_challenge" });
    },
  );
  test("one per person by default: a second unit is refused", () => {
    expect(computePricing(input(5, 1))).toMatchObject({
      kind: "refuse",
      refusal: { reason: "ACTIVITY_LIMIT_EXCEEDED" },
    });
  });
});

describe("at the end: the difference to the final tier", () => {
  const line = (
    orderId: number,
    unitPriceFen: number,
    extra: Partial<ChallengeLine> = {},
  ): ChallengeLine => ({
    orderId,
    orderItemId: orderId * 10,
    listUnitFen: 10_000,
    unitPriceFen,
    quantity: 1,
    refundedQuantity: 0,
    paidFen: unitPriceFen,
    refundedFen: 0,
    ...extra,
  });
  test("100 joined: the first paid ¥100 and gets ¥50 back, the 50th paid ¥80 and gets ¥30, the 100th paid ¥50 and gets none", () => {
    const plan = planChallengeRefunds(args, 100, [line(1, 10_000), line(2, 8000), line(3, 5000)]);
    expect(plan.payBps).toBe(5000);
    expect(plan.refunds.map((r) => [r.orderId, r.refundFen])).toEqual([
      [1, 5000],
      [2, 3000],
    ]);
  });
  test("never more than the line still holds (points paid part of it; a unit already refunded keeps nothing)", () => {
    const plan = planChallengeRefunds(args, 100, [
      line(1, 10_000, { paidFen: 4000 }),
      line(2, 10_000, { quantity: 2, paidFen: 20_000, refundedQuantity: 1, refundedFen: 10_000 }),
    ]);
    expect(plan.refunds.map((r) => [r.orderId, r.refundFen])).toEqual([
      [1, 4000],
      [2, 5000],
    ]);
  });
  test("short of the first target: nobody gets anything back", () => {
    expect(planChallengeRefunds(args, 9, [line(1, 10_000)]).refunds).toEqual([]);
  });
});
