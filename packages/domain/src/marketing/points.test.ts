import { describe, expect, test } from "vitest";
import { fen } from "../money.ts";
import {
  buildPointsTransaction,
  computePointsEarned,
  computePointsSpend,
  decidePointsOnRefund,
  type PointsRefundFacts,
  pointsRuleSchema,
} from "./points.ts";

const rule = pointsRuleSchema.parse({ enabled: true, pointsPerYuan: 100, maxShareBps: 5000, earnBps: 100 });

describe("spending and earning", () => {
  test.each([
    {
      label: "3000 wanted on ¥40 at max 50% → 2000 pay ¥20",
      wanted: 3000,
      goods: 4000,
      used: 2000,
      off: 2000,
    },
    { label: "150 wanted → 150 pay ¥1.50", wanted: 150, goods: 4000, used: 150, off: 150 },
    { label: "0 wanted → nothing", wanted: 0, goods: 4000, used: 0, off: 0 },
  ])("$label", ({ wanted, goods, used, off }) => {
    expect(computePointsSpend(rule, wanted, fen(goods))).toEqual({ pointsUsed: used, amountFen: off });
  });
  test("10 points per ¥1: 25 points pay ¥2 (whole fen only) using 20", () => {
    const r = { ...rule, pointsPerYuan: 10 };
    expect(computePointsSpend(r, 25, fen(10_000))).toEqual({ pointsUsed: 25, amountFen: 250 });
  });
  test("earn 1 point per ¥1 paid, floored: ¥199.90 → 199", () => {
    expect(computePointsEarned(rule, fen(19_990))).toBe(199);
    expect(computePointsEarned({ ...rule, enabled: false }, fen(19_990))).toBe(0);
  });
});

describe("the points ledger", () => {
  test.each([
    { kind: "spend", userId: 1, orderId: 7, points: 2000 },
    { kind: "unspend", userId: 1, orderId: 7, points: 2000 },
    { kind: "earn", userId: 1, orderId: 7, points: 199 },
    { kind: "release", userId: 1, orderId: 7, points: 199 },
    { kind: "return", userId: 1, orderId: 7, afterSaleId: 3, points: 5 },
    { kind: "claw", userId: 1, orderId: 7, afterSaleId: 3, fromPending: 10, fromSpendable: 4, owed: 20 },
  ] as const)("$kind balances and is keyed once per event", (e) => {
    const t = buildPointsTransaction(e)!;
    expect(t.entries.reduce((s, x) => s + x.points, 0)).toBe(0);
    expect(t.idempotencyKey).toMatch(/^[a-z]+:\d+$/);
  });
  test("spend moves the shopper's spendable points to the merchant", () => {
    expect(buildPointsTransaction({ kind: "spend", userId: 1, orderId: 7, points: 2000 })).toMatchObject({
      idempotencyKey: "spend:7",
      points: -2000,
      entries: [
        { account: "user:1", points: -2000 },
        { account: "merchant:issued", points: 2000 },
      ],
    });
  });
  test("nothing to move → no transaction", () => {
    expect(buildPointsTransaction({ kind: "earn", userId: 1, orderId: 7, points: 0 })).toBeNull();
  });
});

describe("refunds: spent points come back, earned points go back, never below zero", () => {
  const base: PointsRefundFacts = {
    spent: 0,
    returned: 0,
    earned: 199,
    clawedOwed: 0,
    goodsPaidFen: 19_900,
    goodsRefundedFen: 0,
    orderRefunded: false,
    orderPending: 199,
    balance: 0,
  };
  test.each([
    {
      label: "half refunded while pending: keeps floor(199 × ½) = 99, claws 100 from pending",
      f: { goodsRefundedFen: 9_950 },
      out: { returnPoints: 0, claw: { owed: 100, fromPending: 100, fromSpendable: 0, forgiven: 0 } },
    },
    {
      label: "the rest refunded after 100 clawed: claws the other 99",
      f: { goodsRefundedFen: 19_900, orderRefunded: true, clawedOwed: 100, orderPending: 99 },
      out: { returnPoints: 0, claw: { owed: 99, fromPending: 99, fromSpendable: 0, forgiven: 0 } },
    },
    {
      label: "released and partly spent: takes the 30 left, forgives 70",
      f: { goodsRefundedFen: 9_950, orderPending: 0, balance: 30 },
      out: { returnPoints: 0, claw: { owed: 100, fromPending: 0, fromSpendable: 30, forgiven: 70 } },
    },
    {
      label: "a second refund does not ask again for what was forgiven",
      f: { goodsRefundedFen: 9_950, clawedOwed: 100, orderPending: 0, balance: 500 },
      out: { returnPoints: 0, claw: { owed: 0, fromPending: 0, fromSpendable: 0, forgiven: 0 } },
    },
    {
      label: "spent 2000 on ¥199 paid, a third refunded: 667 back (shopper gets the rounding)",
      f: { spent: 2000, earned: 0, orderPending: 0, goodsRefundedFen: 6_633 },
      out: { returnPoints: 667, claw: { owed: 0, fromPending: 0, fromSpendable: 0, forgiven: 0 } },
    },
    {
      label: "returned points pay the claw back first: spent 100, earned 50, all refunded, balance 0",
      f: { spent: 100, earned: 50, orderPending: 0, goodsRefundedFen: 19_900, orderRefunded: true },
      out: { returnPoints: 100, claw: { owed: 50, fromPending: 0, fromSpendable: 50, forgiven: 0 } },
    },
    {
      label: "an order points paid in full (¥0 goods) returns everything when fully refunded",
      f: { spent: 500, earned: 0, orderPending: 0, goodsPaidFen: 0, orderRefunded: true },
      out: { returnPoints: 500, claw: { owed: 0, fromPending: 0, fromSpendable: 0, forgiven: 0 } },
    },
  ])("$label", ({ f, out }) => {
    expect(decidePointsOnRefund({ ...base, ...f })).toEqual(out);
  });

  test("property: any split of a full refund returns exactly what was spent and claws exactly what was earned", () => {
    for (let seed = 1; seed < 200; seed++) {
      const paid = 1000 + ((seed * 7919) % 50_000);
      const spent = (seed * 31) % 3000;
      const earned = (seed * 17) % 500;
      let returned = 0;
      let clawedOwed = 0;
      let refunded = 0;
      const parts = [paid % 7, paid % 13, paid % 29].map((x) => x + 1);
      const total = parts.reduce((s, x) => s + x, 0);
      for (const [i, p] of parts.entries()) {
        refunded = i === parts.length - 1 ? paid : refunded + Math.floor((paid * p) / total);
        const d = decidePointsOnRefund({
          ...base,
          spent,
          returned,
          earned,
          clawedOwed,
          goodsPaidFen: paid,
          goodsRefundedFen: refunded,
          orderRefunded: refunded === paid,
          orderPending: earned - clawedOwed,
        });
        expect(d.claw.forgiven).toBe(0);
        returned += d.returnPoints;
        clawedOwed += d.claw.owed;
      }
      expect([returned, clawedOwed]).toEqual([spent, earned]);
    }
  });
});
