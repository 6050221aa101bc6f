import { describe, expect, test } from "vitest";
import type { ChainMember } from "../distribution/commission-engine.ts";
import { defaultCommissionPlan } from "../distribution/plan.ts";
import { bps, fen } from "../money.ts";
import { estimateShareEarning } from "./estimate-share-earning.ts";

const plan = defaultCommissionPlan({ levels: 2, ratesBps: [bps(1000), bps(500), bps(0)] });
const sharer: ChainMember = { userId: "A", isActiveDistributor: true };
const sku = (priceFen: number) => ({ priceFen: fen(priceFen) });

describe("分享预计赚", () => {
  test.each([
    { label: "one SKU ¥100 at 10% → ¥10", facts: { skus: [sku(10000)] }, expected: [1000, 1000] },
    {
      label: "SKUs ¥99 and ¥199 → ¥9.90–¥19.90",
      facts: { skus: [sku(9900), sku(19900)] },
      expected: [990, 1990],
    },
    {
      label: "a grade at 15% earns its own rate",
      facts: {
        skus: [sku(10000)],
        sharer: { ...sharer, gradeRatesBps: [bps(1500), bps(500), bps(0)] as const },
      },
      expected: [1500, 1500],
    },
    {
      label: "a fixed ¥3 product rule beats the plan",
      facts: {
        skus: [sku(10000)],
        productRule: { kind: "fixed" as const, fenPerUnit: [fen(300), fen(0), fen(0)] as const },
      },
      expected: [300, 300],
    },
    {
      label: "a SKU rule beats the product rule",
      facts: {
        skus: [
          {
            priceFen: fen(10000),
            skuRule: { kind: "rates" as const, ratesBps: [bps(2000), bps(0), bps(0)] as const },
          },
        ],
        productRule: { kind: "off" as const },
      },
      expected: [2000, 2000],
    },
    {
      label: "the 30% cap cuts a 40% rule",
      facts: { skus: [sku(10000)], plan: { ...plan, ratesBps: [bps(4000), bps(0), bps(0)] as const } },
      expected: [3000, 3000],
    },
  ])("$label", ({ facts, expected }) => {
    const result = estimateShareEarning({ plan, sharer, ...facts });
    expect(result).toEqual({ kind: "earns", minFen: expected[0], maxFen: expected[1] });
  });

  test.each([
    {
      label: "a frozen distributor is shown nothing",
      facts: { sharer: { ...sharer, isActiveDistributor: false } },
      reason: "NOT_ACTIVE_DISTRIBUTOR",
    },
    { label: "a product without SKUs", facts: { skus: [] }, reason: "NO_SKU" },
    {
      label: "commission switched off for the product",
      facts: { productRule: { kind: "off" as const } },
      reason: "NOTHING_EARNED",
    },
    {
      label: "distribution switched off",
      facts: { plan: { ...plan, enabled: false } },
      reason: "NOTHING_EARNED",
    },
  ])("$label → none", ({ facts, reason }) => {
    expect(estimateShareEarning({ plan, sharer, skus: [sku(10000)], ...facts })).toEqual({
      kind: "none",
      reason,
    });
  });

  test("self-purchase does not move the sharer off level 1", () => {
    const result = estimateShareEarning({
      plan: { ...plan, selfPurchase: true },
      sharer,
      skus: [sku(10000)],
    });
    expect(result).toEqual({ kind: "earns", minFen: 1000, maxFen: 1000 });
  });
});
