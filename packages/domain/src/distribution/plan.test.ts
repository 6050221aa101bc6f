import { describe, expect, test } from "vitest";
import { bps, fen } from "../money.ts";
import {
  defaultCommissionPlan,
  MAX_COMMISSION_CAP_BPS,
  validateCapCeiling,
  validateCommissionOverride,
  validateCommissionPlan,
} from "./plan.ts";

describe("the default plan", () => {
  test("{} parses to 2 levels at 10%/5%/0, cap 30%, paid base, release 7 days after receipt, activities off", () => {
    const result = validateCommissionPlan({});
    expect(result).toMatchObject({
      kind: "ok",
      warnings: [],
      plan: {
        enabled: false,
        levels: 2,
        ratesBps: [1000, 500, 0],
        capBps: 3000,
        base: "paid",
        selfPurchase: false,
        groupBuyLeaderBonusBps: 0,
        release: { mode: "after_receipt", days: 7 },
        activityCommission: { group_buy: false, flash_sale: false, bargain: false },
      },
    });
  });
});

describe("validateCommissionPlan refuses what is unlawful or insolvent", () => {
  test.each([
    { label: "4 levels", input: { levels: 4 }, reason: "LEVELS_OUT_OF_RANGE" },
    { label: "0 levels", input: { levels: 0 }, reason: "LEVELS_OUT_OF_RANGE" },
    {
      label: "20% + 15% over a 30% cap",
      input: { ratesBps: [2000, 1500, 0] },
      reason: "COMMISSION_RATES_OVER_CAP",
    },
    { label: "a rate over 100%", input: { ratesBps: [10001, 0, 0] }, reason: "PLAN_INVALID" },
    { label: "a fractional rate", input: { ratesBps: [10.5, 0, 0] }, reason: "PLAN_INVALID" },
    { label: "an unknown base", input: { base: "margin" }, reason: "PLAN_INVALID" },
  ])("$label → $reason", ({ input, reason }) => {
    expect(validateCommissionPlan(input)).toMatchObject({ kind: "refuse", reason });
  });

  test.each([
    { label: "L3 rate ignored at 2 levels", input: { ratesBps: [2000, 1000, 5000] } },
    { label: "exactly at the cap", input: { levels: 3, ratesBps: [1500, 1000, 500] } },
    { label: "release at receipt (0 days)", input: { release: { mode: "after_receipt", days: 0 } } },
    { label: "release after payment", input: { release: { mode: "after_payment" } } },
  ])("$label is accepted", ({ input }) => {
    expect(validateCommissionPlan(input).kind).toBe("ok");
  });

  test("list-price base is accepted with a warning", () => {
    expect(validateCommissionPlan({ base: "list" })).toMatchObject({
      kind: "ok",
      warnings: ["BASE_LIST_PRICE_OVERPAYS"],
    });
  });

  test("a grade's rates over the cap are refused with the grade in the path", () => {
    const grades = [{ gradeId: "gold", ratesBps: [bps(2500), bps(1000), bps(0)] as const }];
    expect(validateCommissionPlan({}, { grades })).toMatchObject({
      kind: "refuse",
      reason: "COMMISSION_RATES_OVER_CAP",
      issues: [{ path: ["grades", 0, "gold"] }],
    });
  });

  test.each([
    {
      label: "product rates over the cap",
      rule: { kind: "rates", ratesBps: [3000, 100, 0] },
      reason: "COMMISSION_RATES_OVER_CAP",
    },
    {
      label: "a negative fixed amount",
      rule: { kind: "fixed", fenPerUnit: [3000, -1, 0] },
      reason: "COMMISSION_AMOUNT_INVALID",
    },
  ] as const)("$label → $reason", ({ rule, reason }) => {
    const productRules = [{ ref: "spu_1", rule: rule as never }];
    expect(validateCommissionPlan({}, { productRules })).toMatchObject({ kind: "refuse", reason });
  });

  test("a fixed ¥30/¥10 override and an off override are fine", () => {
    const plan = defaultCommissionPlan();
    const fixed = { kind: "fixed", fenPerUnit: [fen(3000), fen(1000), fen(0)] } as const;
    expect(validateCommissionOverride(plan, fixed)).toEqual({ kind: "ok" });
    expect(validateCommissionOverride(plan, { kind: "off" })).toEqual({ kind: "ok" });
  });
});

describe("the total cap is 30% at most when a plan is saved", () => {
  test.each([
    { label: "lowered to 20%", capBps: 2000, kind: "ok" },
    { label: "exactly 30%", capBps: 3000, kind: "ok" },
    { label: "raised to 30.01%", capBps: 3001, kind: "refuse" },
    { label: "raised to 100%", capBps: 10000, kind: "refuse" },
  ])("$label → $kind", ({ capBps, kind }) => {
    expect(validateCapCeiling(capBps).kind).toBe(kind);
  });

  test("the refusal names the field and the limit", () => {
    expect(validateCapCeiling(5000)).toMatchObject({
      reason: "COMMISSION_CAP_OVER_LIMIT",
      issues: [{ path: ["capBps"] }],
    });
    expect(MAX_COMMISSION_CAP_BPS).toBe(3000);
  });
});
