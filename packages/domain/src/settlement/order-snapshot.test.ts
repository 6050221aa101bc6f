import { describe, expect, test } from "vitest";
import { defaultCommissionPlan } from "../distribution/plan.ts";
import { buildOrderSnapshot, parseOrderSnapshot } from "./order-snapshot.ts";

const buyer = { userId: "9", isActiveDistributor: false };
const item = { orderItemId: 11, productId: 5, paidFen: 10000, listFen: 12000, quantity: 2 };

describe("the order snapshot", () => {
  test("what is written reads back as version 1, rules included", () => {
    const written = buildOrderSnapshot({
      plan: defaultCommissionPlan(),
      chain: [{ userId: "2", isActiveDistributor: true, gradeRatesBps: [1200, 600, 0] as never }],
      buyer,
      items: [{ ...item, skuRule: { kind: "fixed", fenPerUnit: [300, 100, 0] } }],
      activityKind: "group_buy",
    });
    const read = parseOrderSnapshot(JSON.parse(JSON.stringify(written)));
    expect(read.plan).toMatchObject({ v: 1, enabled: true, levels: 2, ratesBps: [1000, 500, 0] });
    expect(read.chain[0]).toEqual({ userId: "2", isActiveDistributor: true, gradeRatesBps: [1200, 600, 0] });
    expect(read.items[0]).toMatchObject({ skuRule: { kind: "fixed", fenPerUnit: [300, 100, 0] } });
    expect(read.activityKind).toBe("group_buy");
  });

  test.each([
    {
      label: "a row stored before versioning (no v, plan without later fields) reads as version 1",
      stored: {
        plan: { enabled: true, levels: 2, ratesBps: [1000, 500, 0] },
        chain: [],
        buyer,
        items: [item],
        activityKind: null,
      },
      v: 1,
    },
    {
      label: "an unreadable product rule counts as none",
      stored: { plan: {}, chain: [], buyer, items: [{ ...item, productRule: { kind: "bogus" } }] },
      v: 1,
    },
  ])("$label", ({ stored, v }) => {
    expect(parseOrderSnapshot(stored).plan.v).toBe(v);
  });

  test.each([
    { label: "a version this code does not know", stored: { plan: { v: 2 }, chain: [], buyer, items: [] } },
    { label: "four levels", stored: { plan: { levels: 4 }, chain: [], buyer, items: [] } },
    {
      label: "a fractional paid amount",
      stored: { plan: {}, chain: [], buyer, items: [{ ...item, paidFen: 1.5 }] },
    },
    { label: "no buyer", stored: { plan: {}, chain: [], items: [] } },
  ])("refuses $label", ({ stored }) => {
    expect(() => parseOrderSnapshot(stored)).toThrow();
  });
});
