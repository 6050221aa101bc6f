// Clawback after refund: the shares owed, the sweep's plan (switch, run state, short balances), and the
// properties: never more than paid, never more than the balance holds, a second sweep on the same facts
// takes nothing.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  type DividendClawbackMember,
  planDividendClawback,
  proportionalClawbackDue,
  recomputedClawbackDue,
} from "./clawback.ts";

const run = { id: 9, kind: "static", periodKey: "2026-11-30", status: "approved" };
const at = "2026-12-05T00:00:00Z";
const member = (m: Partial<DividendClawbackMember> & { userId: number }): DividendClawbackMember => ({
  paidFen: 75_000,
  owedNowFen: 0,
  dueFen: 0,
  takenFen: 0,
  availableFen: 0,
  ...m,
});

describe("what a member owes after a refund", () => {
  test.each([
    {
      label: "pool: ¥750 of ¥300 turnover, ¥100 refunded → ¥250",
      args: [75_000, 30_000, 10_000],
      due: 25_000,
    },
    { label: "pool: nothing refunded → 0", args: [75_000, 30_000, 0], due: 0 },
    { label: "pool: more refunded than counted → all of it", args: [75_000, 30_000, 90_000], due: 75_000 },
    { label: "pool: floors the fen (¥1 × 1/3 → 33 fen)", args: [100, 3, 1], due: 33 },
  ])("$label", ({ args, due }) => {
    expect(proportionalClawbackDue(args[0]!, args[1]!, args[2]!)).toBe(due);
  });
  test("team or bonus recomputed: paid ¥12, now ¥10 → ¥2; now more than paid → 0, never a top-up", () => {
    expect(recomputedClawbackDue(1200, 1000)).toBe(200);
    expect(recomputedClawbackDue(1200, 1500)).toBe(0);
  });
});

describe("the clawback sweep's plan", () => {
  test("switched off, or a run not paid, or a contest: refused, nothing moves", () => {
    const members = [member({ userId: 3, owedNowFen: 100, availableFen: 100 })];
    expect(planDividendClawback({ enabled: false, run, members, at })).toEqual({
      kind: "refuse",
      reason: "CLAWBACK_OFF",
    });
    for (const r of [
      { ...run, status: "preview" },
      { ...run, kind: "contest" },
    ])
      expect(planDividendClawback({ enabled: true, run: r, members, at })).toMatchObject({
        reason: "RUN_STATE_INVALID",
      });
  });

  test("u:3 owes ¥250 with ¥100 available, u:4 ¥250 with ¥900: take ¥100 + ¥250, ¥150 outstanding", () => {
    const plan = planDividendClawback({
      enabled: true,
      run,
      members: [
        member({ userId: 3, owedNowFen: 25_000, availableFen: 10_000 }),
        member({ userId: 4, owedNowFen: 25_000, availableFen: 90_000 }),
      ],
      at,
    });
    expect(plan).toMatchObject({ kind: "claw", takenNowFen: 35_000, dueFen: 50_000, outstandingFen: 15_000 });
    if (plan.kind !== "claw") throw new Error("planned");
    expect(plan.rows).toEqual([
      { userId: 3, dueFen: 25_000, takenFen: 10_000 },
      { userId: 4, dueFen: 25_000, takenFen: 25_000 },
    ]);
    expect(plan.posting).toMatchObject({
      key: "dividend-claw:static:2026-11-30:35000",
      entries: [
        { account: "commission_available:u:3", amountFen: 10_000 },
        { account: "commission_available:u:4", amountFen: 25_000 },
        { account: "dividend_expense", amountFen: -35_000 },
      ],
    });
    // the next sweep, u:3 having earned ¥500 since: the ¥150 left is taken under a new key
    const next = planDividendClawback({
      enabled: true,
      run,
      members: [
        member({ userId: 3, owedNowFen: 25_000, dueFen: 25_000, takenFen: 10_000, availableFen: 50_000 }),
        member({ userId: 4, owedNowFen: 25_000, dueFen: 25_000, takenFen: 25_000, availableFen: 65_000 }),
      ],
      at,
    });
    expect(next).toMatchObject({ takenNowFen: 15_000, outstandingFen: 0 });
    expect(next.kind === "claw" && next.posting?.key).toBe("dividend-claw:static:2026-11-30:50000");
  });

  test("a member in debt (negative available) gives nothing; the due is recorded", () => {
    const plan = planDividendClawback({
      enabled: true,
      run,
      members: [member({ userId: 3, owedNowFen: 500, availableFen: -2_000 })],
      at,
    });
    expect(plan).toMatchObject({ takenNowFen: 0, outstandingFen: 500, posting: null });
    expect(plan.kind === "claw" && plan.rows).toEqual([{ userId: 3, dueFen: 500, takenFen: 0 }]);
  });

  test("properties: taken ≤ due ≤ paid, each take ≤ the balance, the same facts again take nothing", () => {
    const arb = fc.array(
      fc.record({
        paidFen: fc.integer({ min: 0, max: 1_000_000 }),
        owedNowFen: fc.integer({ min: 0, max: 2_000_000 }),
        availableFen: fc.integer({ min: -100_000, max: 1_000_000 }),
      }),
      { maxLength: 20 },
    );
    fc.assert(
      fc.property(arb, (raw) => {
        const members = raw.map((r, i) => member({ userId: i + 1, ...r }));
        const plan = planDividendClawback({ enabled: true, run, members, at });
        if (plan.kind !== "claw") return false;
        for (const row of plan.rows) {
          const m = members[row.userId - 1]!;
          expect(row.takenFen).toBeLessThanOrEqual(row.dueFen);
          expect(row.dueFen).toBeLessThanOrEqual(m.paidFen);
          expect(row.takenFen - m.takenFen).toBeLessThanOrEqual(Math.max(0, m.availableFen));
        }
        const sum = plan.posting?.entries.reduce((s, e) => s + e.amountFen, 0) ?? 0;
        expect(sum).toBe(0);
        // the sweep again on what it left: balances lowered by what it took, nothing more to take
        const after = members.map((m) => {
          const row = plan.rows.find((r) => r.userId === m.userId);
          const took = row ? row.takenFen - m.takenFen : 0;
          return row
            ? { ...m, dueFen: row.dueFen, takenFen: row.takenFen, availableFen: m.availableFen - took }
            : m;
        });
        const again = planDividendClawback({ enabled: true, run, members: after, at });
        return again.kind === "claw" && again.takenNowFen === 0 && again.rows.length === 0;
      }),
    );
  });
});
