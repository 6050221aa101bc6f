import { expect, test } from "vitest";
import { bps, fen } from "../money.ts";
import { defaultCommissionPlan } from "./plan.ts";
import { simulateCommissions } from "./simulate.ts";

test("the simulator explains each line and each skipped level, in Chinese and English", () => {
  const result = simulateCommissions({
    plan: defaultCommissionPlan(),
    buyer: { userId: "P", isActiveDistributor: false },
    chain: [
      { userId: "T", isActiveDistributor: true },
      { userId: "X", isActiveDistributor: false },
    ],
    items: [
      {
        orderItemRef: "course",
        paidFen: fen(99900),
        listFen: fen(99900),
        quantity: 1,
        productRule: { kind: "rates", ratesBps: [bps(1500), bps(500), bps(0)] },
      },
    ],
  });
  expect(result.commissionFen).toBe(14985);
  expect(result.notes.map((n) => n.en)).toEqual([
    "L1 T: ¥999.00 × 15.00% = ¥149.85 (product rule)",
    "L2 X: not an active distributor; the level is not paid and the chain is not compressed",
  ]);
  expect(result.notes[0]?.zh).toBe("1级 T：¥999.00 × 15.00% = ¥149.85（商品规则）");
});

test("fixed amounts and cap cuts read naturally", () => {
  const result = simulateCommissions({
    plan: defaultCommissionPlan(),
    buyer: { userId: "C", isActiveDistributor: false },
    chain: [
      { userId: "B", isActiveDistributor: true },
      { userId: "A", isActiveDistributor: true },
    ],
    items: [
      {
        orderItemRef: "serum",
        paidFen: fen(10000),
        listFen: fen(10000),
        quantity: 1,
        productRule: { kind: "fixed", fenPerUnit: [fen(2500), fen(1000), fen(0)] },
      },
    ],
  });
  expect(result.notes.map((n) => n.en)).toEqual([
    "L1 B: ¥25.00 × 1 = ¥25.00 (product rule)",
    "L2 A: ¥10.00 × 1 = ¥10.00 (product rule), cut by the cap to ¥5.00",
  ]);
});
