import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { applyBps, type Bps, bps, fen } from "../money.ts";
import {
  type ChainMember,
  type CommissionItem,
  type CommissionLine,
  computeCommissions,
  type SkippedLevel,
} from "./commission-engine.ts";
import { type CommissionPlan, defaultCommissionPlan } from "./plan.ts";
import type { CommissionOverride, LevelValues } from "./rules/index.ts";

const plan = defaultCommissionPlan();
const member = (userId: string, more: Partial<ChainMember> = {}): ChainMember => ({
  userId,
  isActiveDistributor: true,
  ...more,
});
const shopper = (userId: string) => member(userId, { isActiveDistributor: false });
const item = (paid: number, more: Partial<CommissionItem> = {}): CommissionItem => ({
  orderItemRef: "oi_1",
  paidFen: fen(paid),
  listFen: fen(paid),
  quantity: 1,
  ...more,
});
const rates = (a: number, b: number, c: number): LevelValues<Bps> => [bps(a), bps(b), bps(c)];
const fixed = (a: number, b: number, c: number): CommissionOverride => ({
  kind: "fixed",
  fenPerUnit: [fen(a), fen(b), fen(c)],
});
const earned = (lines: CommissionLine[]) => lines.map((l) => [l.level, l.earnerUserId, l.amountFen]);
const reasons = (skipped: SkippedLevel[]) => skipped.map((s) => [s.level, s.reason]);

describe("the seed examples", () => {
  test.each([
    {
      label: "¥100 at 10%/5%: B buys through A → A ¥10",
      buyer: shopper("B"),
      chain: [member("A")],
      items: [item(10000)],
      expected: [[1, "A", 1000]],
    },
    {
      label: "C buys through B (upline A) → B ¥10, A ¥5",
      buyer: shopper("C"),
      chain: [member("B"), member("A")],
      items: [item(10000)],
      expected: [
        [1, "B", 1000],
        [2, "A", 500],
      ],
    },
    {
      label: "skincare ¥299 × 2 bottles at fixed ¥30/¥10 per bottle → ¥60 and ¥20",
      buyer: shopper("C"),
      chain: [member("B"), member("A")],
      items: [item(59800, { quantity: 2, productRule: fixed(3000, 1000, 0) })],
      expected: [
        [1, "B", 6000],
        [2, "A", 2000],
      ],
    },
    {
      label: "course ¥999 at 15% → ¥149.85",
      buyer: shopper("P"),
      chain: [member("T")],
      items: [item(99900, { productRule: { kind: "rates", ratesBps: rates(1500, 0, 0) } })],
      expected: [[1, "T", 14985]],
    },
  ])("$label", ({ buyer, chain, items, expected }) => {
    expect(earned(computeCommissions({ plan, buyer, chain, items }).lines)).toEqual(expected);
  });
});

describe("who earns and why not", () => {
  test.each([
    {
      label: "plan off → every level PLAN_DISABLED",
      plan: { ...plan, enabled: false },
      input: {},
      earned: [],
      skipped: [
        [1, "PLAN_DISABLED"],
        [2, "PLAN_DISABLED"],
      ],
    },
    {
      label: "inactive level 1 earns nothing and A stays level 2 (no compression)",
      plan,
      input: { chain: [member("B", { isActiveDistributor: false }), member("A")] },
      earned: [[2, "A", 500]],
      skipped: [[1, "NOT_ACTIVE_DISTRIBUTOR"]],
    },
    {
      label: "no upline → NO_UPLINE",
      plan,
      input: { chain: [] },
      earned: [],
      skipped: [
        [1, "NO_UPLINE"],
        [2, "NO_UPLINE"],
      ],
    },
    {
      label: "SKU off beats a product rate",
      plan,
      input: { items: [item(10000, { skuRule: { kind: "off" }, productRule: fixed(100, 0, 0) })] },
      earned: [],
      skipped: [
        [1, "COMMISSION_OFF"],
        [2, "COMMISSION_OFF"],
      ],
    },
    {
      label: "flash-sale order with the switch off → ACTIVITY_NO_COMMISSION",
      plan,
      input: { activityKind: "flash_sale" as const },
      earned: [],
      skipped: [
        [1, "ACTIVITY_NO_COMMISSION"],
        [2, "ACTIVITY_NO_COMMISSION"],
      ],
    },
    {
      label: "flash-sale order with the switch on pays",
      plan: { ...plan, activityCommission: { ...plan.activityCommission, flash_sale: true } },
      input: { activityKind: "flash_sale" as const },
      earned: [
        [1, "B", 1000],
        [2, "A", 500],
      ],
      skipped: [],
    },
    {
      label: "a plain item in a flash-sale order pays: the item's own kind (none) beats the order's",
      plan,
      input: { activityKind: "flash_sale" as const, items: [item(10000, { activityKind: null })] },
      earned: [
        [1, "B", 1000],
        [2, "A", 500],
      ],
      skipped: [],
    },
    {
      label: "a timed-discount item in a plain order with the switch off → ACTIVITY_NO_COMMISSION",
      plan,
      input: { items: [item(8000, { activityKind: "timed_discount" as const })] },
      earned: [],
      skipped: [
        [1, "ACTIVITY_NO_COMMISSION"],
        [2, "ACTIVITY_NO_COMMISSION"],
      ],
    },
    {
      label: "self-purchase on: distributor buyer is level 1, B level 2, A cut by 2 levels",
      plan: { ...plan, selfPurchase: true },
      input: { buyer: member("C") },
      earned: [
        [1, "C", 1000],
        [2, "B", 500],
      ],
      skipped: [],
    },
    {
      label: "self-purchase off: a distributor buyer earns nothing on their own order",
      plan,
      input: { buyer: member("C") },
      earned: [
        [1, "B", 1000],
        [2, "A", 500],
      ],
      skipped: [],
    },
    {
      label: "grade rates beat the defaults for that earner only",
      plan,
      input: { chain: [member("B", { gradeRatesBps: rates(1500, 800, 0) }), member("A")] },
      earned: [
        [1, "B", 1500],
        [2, "A", 500],
      ],
      skipped: [],
    },
    {
      label: "product rates beat grade rates",
      plan,
      input: {
        chain: [member("B", { gradeRatesBps: rates(1500, 800, 0) }), member("A")],
        items: [item(10000, { productRule: { kind: "rates", ratesBps: rates(200, 100, 0) } })],
      },
      earned: [
        [1, "B", 200],
        [2, "A", 100],
      ],
      skipped: [],
    },
    {
      label: "L3 at 0% → ZERO_AMOUNT",
      plan: { ...plan, levels: 3 as const },
      input: { chain: [member("B"), member("A"), member("R")] },
      earned: [
        [1, "B", 1000],
        [2, "A", 500],
      ],
      skipped: [[3, "ZERO_AMOUNT"]],
    },
    {
      label: "fixed ¥25/¥10 on a ¥100 item under a 30% cap: level 2 cut to ¥5",
      plan,
      input: { items: [item(10000, { productRule: fixed(2500, 1000, 0) })] },
      earned: [
        [1, "B", 2500],
        [2, "A", 500],
      ],
      skipped: [],
    },
    {
      label: "fixed ¥30 fills the cap: level 2 CAPPED_TO_ZERO",
      plan,
      input: { items: [item(10000, { productRule: fixed(3000, 1000, 0) })] },
      earned: [[1, "B", 3000]],
      skipped: [[2, "CAPPED_TO_ZERO"]],
    },
  ])("$label", ({ plan: p, input, earned: lines, skipped }) => {
    const result = computeCommissions({
      plan: p as CommissionPlan,
      buyer: shopper("C"),
      chain: [member("B"), member("A")],
      items: [item(10000)],
      ...input,
    });
    expect(earned(result.lines)).toEqual(lines);
    expect(reasons(result.skipped)).toEqual(skipped);
  });

  test("list base pays on the list price but the cap stays on what was paid", () => {
    const p = { ...plan, base: "list" as const, ratesBps: rates(2000, 1000, 0) };
    const result = computeCommissions({
      plan: p,
      buyer: shopper("C"),
      chain: [member("B"), member("A")],
      items: [item(5000, { listFen: fen(10000) })],
    });
    expect(earned(result.lines)).toEqual([[1, "B", 1500]]);
    expect(result.lines[0]).toMatchObject({ baseFen: 10000, uncappedFen: 2000, reason: "CAPPED" });
    expect(reasons(result.skipped)).toEqual([[2, "CAPPED_TO_ZERO"]]);
  });

  test("group-buy leader bonus comes after the levels, inside the cap", () => {
    const p = {
      ...plan,
      groupBuyLeaderBonusBps: bps(2000),
      activityCommission: { ...plan.activityCommission, group_buy: true },
    };
    const base = {
      plan: p,
      chain: [member("B"), member("A")],
      items: [item(10000)],
      activityKind: "group_buy" as const,
    };
    const result = computeCommissions({ ...base, buyer: shopper("C"), groupLeader: member("L") });
    expect(earned(result.lines)).toEqual([
      [1, "B", 1000],
      [2, "A", 500],
      [0, "L", 1500],
    ]);
    expect(result.lines[2]).toMatchObject({ role: "group_leader", reason: "CAPPED", uncappedFen: 2000 });
    const own = computeCommissions({ ...base, buyer: shopper("L"), groupLeader: member("L") });
    expect(reasons(own.skipped)).toEqual([[0, "LEADER_IS_BUYER"]]);
  });

  test("a user twice in the chain, or the buyer in their own chain, is a broken invariant", () => {
    const input = { plan, items: [item(100)] };
    expect(() =>
      computeCommissions({ ...input, buyer: shopper("C"), chain: [member("B"), member("B")] }),
    ).toThrow();
    expect(() => computeCommissions({ ...input, buyer: shopper("C"), chain: [member("C")] })).toThrow();
  });
});

const arbPlan = fc.record({
  levels: fc.constantFrom(1 as const, 2 as const, 3 as const),
  ratesBps: fc.tuple(...[0, 1, 2].map(() => fc.integer({ min: 0, max: 10000 }))) as fc.Arbitrary<number[]>,
  capBps: fc.integer({ min: 0, max: 10000 }),
  selfPurchase: fc.boolean(),
  base: fc.constantFrom("paid" as const, "list" as const),
});
const arbOverride: fc.Arbitrary<CommissionOverride | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.constant({ kind: "inherit" as const }),
  fc.constant({ kind: "off" as const }),
  fc
    .tuple(fc.nat(5000), fc.nat(5000), fc.nat(5000))
    .map(([a, b, c]) => ({ kind: "rates" as const, ratesBps: rates(a, b, c) })),
  fc.tuple(fc.nat(50000), fc.nat(50000), fc.nat(50000)).map(([a, b, c]) => fixed(a, b, c)),
);
const arbItems = fc.uniqueArray(
  fc.record({
    orderItemRef: fc.string({ minLength: 1, maxLength: 4 }),
    paidFen: fc.integer({ min: 0, max: 1e8 }).map(fen),
    listFen: fc.integer({ min: 0, max: 1e8 }).map(fen),
    quantity: fc.integer({ min: 1, max: 99 }),
    productRule: arbOverride,
  }),
  { minLength: 1, maxLength: 5, selector: (i) => i.orderItemRef },
);
const arbChain = fc.uniqueArray(
  fc.record({ userId: fc.constantFrom("u1", "u2", "u3", "u4", "u5"), isActiveDistributor: fc.boolean() }),
  { maxLength: 4, selector: (m) => m.userId },
);

describe("engine properties", () => {
  test("cap, floor, conservation, no user twice, levels ≤ plan", () => {
    fc.assert(
      fc.property(arbPlan, arbItems, arbChain, fc.boolean(), (p, items, members, buyerIsDistributor) => {
        const fullPlan = {
          ...plan,
          ...p,
          ratesBps: rates(p.ratesBps[0]!, p.ratesBps[1]!, p.ratesBps[2]!),
          capBps: bps(p.capBps),
        };
        const buyer = { userId: "buyer", isActiveDistributor: buyerIsDistributor };
        const result = computeCommissions({ plan: fullPlan, items, chain: members, buyer });
        for (const it of items) {
          const lines = result.lines.filter((l) => l.orderItemRef === it.orderItemRef);
          const sum = lines.reduce((a, l) => a + l.amountFen, 0);
          expect(sum).toBeLessThanOrEqual(applyBps(it.paidFen, fullPlan.capBps));
          const totals = result.items.find((t) => t.orderItemRef === it.orderItemRef)!;
          expect(totals.commissionFen + totals.merchantFen).toBe(it.paidFen);
          expect(totals.merchantFen).toBeGreaterThanOrEqual(0);
          expect(new Set(lines.map((l) => l.earnerUserId)).size).toBe(lines.length);
          for (const line of lines) {
            expect(line.level).toBeGreaterThanOrEqual(1);
            expect(line.level).toBeLessThanOrEqual(fullPlan.levels);
            expect(line.amountFen).toBeGreaterThan(0);
            expect(Number.isSafeInteger(line.amountFen)).toBe(true);
            if (line.rateBps !== null) expect(line.uncappedFen).toBe(applyBps(line.baseFen, line.rateBps));
            if (line.reason === "FULL") expect(line.amountFen).toBe(line.uncappedFen);
            else expect(line.amountFen).toBeLessThan(line.uncappedFen);
            if (line.earnerUserId === "buyer") expect(fullPlan.selfPurchase && buyerIsDistributor).toBe(true);
          }
        }
      }),
      { numRuns: 1000 },
    );
  });

  test("commission is monotone in the paid amount (rate rules, paid base)", () => {
    fc.assert(
      fc.property(fc.nat(1e8), fc.nat(1e8), arbPlan, (a, b, p) => {
        const fullPlan = {
          ...plan,
          ...p,
          base: "paid" as const,
          ratesBps: rates(p.ratesBps[0]!, p.ratesBps[1]!, p.ratesBps[2]!),
          capBps: bps(p.capBps),
        };
        const run = (paid: number) =>
          computeCommissions({
            plan: fullPlan,
            items: [item(paid)],
            chain: [member("B"), member("A"), member("R")],
            buyer: shopper("C"),
          }).commissionFen;
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(run(lo)).toBeLessThanOrEqual(run(hi));
      }),
    );
  });
});
