// What must hold for any pool, caps and tree: nothing paid beyond the pool, no cap passed, fen conserved,
// and a differential tree never pays one sale twice at the same rate.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { computeStaticPool } from "./pools.ts";
import { splitPool } from "./split-pool.ts";
import {
  computeTeamDividends,
  differentialIncrements,
  type TeamMember,
  teamTierRate,
} from "./team-dividend.ts";

const member = fc.record({
  weight: fc.integer({ min: 0, max: 10_000 }),
  roomFen: fc.option(fc.integer({ min: 0, max: 2_000_000 }), { nil: null }),
});

describe("splitPool", () => {
  test.each(["redistribute", "merchant_keeps"] as const)(
    "%s: paid ≤ pool, caps hold, fen conserved",
    (overflow) => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 1e12 }), fc.array(member, { maxLength: 60 }), (pool, list) => {
          const members = list.map((m, i) => ({ ...m, userId: i + 1 }));
          const split = splitPool(pool, members, overflow);
          expect(split.paidFen).toBeLessThanOrEqual(pool);
          expect(split.paidFen + split.heldBackFen + split.remainderFen).toBe(pool);
          expect(split.remainderFen).toBeGreaterThanOrEqual(0);
          // flooring loses under one fen per member
          expect(split.remainderFen).toBeLessThanOrEqual(members.length);
          split.amounts.forEach((a, i) => {
            expect(a.amountFen).toBeGreaterThanOrEqual(0);
            const room = members[i]!.roomFen;
            if (room !== null) expect(a.amountFen).toBeLessThanOrEqual(room);
          });
        }),
      );
    },
  );

  test("redistribute holds back only what no uncapped member is left to take", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e9 }),
        fc.array(member, { minLength: 1, maxLength: 40 }),
        (pool, list) => {
          const members = list.map((m, i) => ({ ...m, userId: i + 1, weight: m.weight + 1 }));
          const split = splitPool(pool, members, "redistribute");
          const anyoneLeft = split.amounts.some(
            (a, i) => members[i]!.roomFen === null || a.amountFen < members[i]!.roomFen!,
          );
          if (anyoneLeft) expect(split.heldBackFen).toBe(0);
        },
      ),
    );
  });
});

test("static pool: the sum paid never exceeds the pool, whatever grades and caps", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 1e11 }),
      fc.constantFrom("per_grade" as const, "weighted" as const),
      fc.array(
        fc.record({
          rateBps: fc.integer({ min: 0, max: 3000 }),
          members: fc.array(member, { maxLength: 20 }),
        }),
        {
          maxLength: 4,
        },
      ),
      (turnoverFen, allocation, grades) => {
        let id = 0;
        const s = computeStaticPool({
          turnoverFen,
          allocation,
          weightedPoolBps: 1000,
          grades: grades.map((g, i) => ({
            groupId: i,
            rateBps: g.rateBps,
            members: g.members.map((m) => ({ userId: ++id, roomFen: m.roomFen })),
          })),
          capOverflow: "redistribute",
        });
        expect(s.paidFen).toBeLessThanOrEqual(s.poolFen);
        expect(s.paidFen + s.heldBackFen + s.remainderFen).toBe(s.poolFen);
      },
    ),
  );
});

/** A random forest: each member's upline is an earlier member or nobody. */
const forest = fc
  .array(
    fc.record({ parent: fc.nat(), root: fc.boolean(), salesFen: fc.integer({ min: 0, max: 5_000_000 }) }),
    { minLength: 1, maxLength: 80 },
  )
  .map((rows) =>
    rows.map(
      (r, i): TeamMember => ({
        userId: i + 1,
        uplineUserId: i === 0 || r.root ? null : (r.parent % i) + 1,
        salesFen: r.salesFen,
      }),
    ),
  );
const tiers = [
  { thresholdFen: 1_000_000, rateBps: 200 },
  { thresholdFen: 5_000_000, rateBps: 300 },
  { thresholdFen: 20_000_000, rateBps: 500 },
];

describe("differential team dividend (级差)", () => {
  test("per sale the increments are never negative and add up to the top rate in the chain", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(0, 200, 300, 500), { maxLength: 3 }), (chain) => {
        const inc = differentialIncrements(chain);
        expect(inc.every((x) => x >= 0)).toBe(true);
        expect(inc.reduce((a, b) => a + b, 0)).toBe(Math.max(0, ...chain));
      }),
    );
  });

  test("the whole tree pays each sale at most once at the top rate of its chain, so never twice at one rate", () => {
    fc.assert(
      fc.property(forest, fc.integer({ min: 1, max: 3 }), (tree, depth) => {
        const s = computeTeamDividends({ enabled: true, mode: "differential", depth, tiers }, tree);
        const flat = computeTeamDividends({ enabled: true, mode: "flat", depth, tiers }, tree);
        const totalSales = tree.reduce((t, m) => t + m.salesFen, 0);
        // the top tier's rate on every sale bounds the differential payout; flat pays at least as much
        expect(s.paidFen).toBeLessThanOrEqual(Math.floor((totalSales * 500) / 10_000));
        expect(s.paidFen).toBeLessThanOrEqual(flat.paidFen);
        // a sale's chain of qualifying leaders pays exactly its highest rate in total: check via re-summing
        const byId = new Map(tree.map((m) => [m.userId, m]));
        const team = new Map<number, number>();
        for (const m of tree) {
          let up = m.uplineUserId;
          for (let d = 0; d < depth && up !== null; d++) {
            team.set(up, (team.get(up) ?? 0) + m.salesFen);
            up = byId.get(up)?.uplineUserId ?? null;
          }
        }
        const rate = new Map([...team].map(([id, sales]) => [id, teamTierRate(tiers, sales)]));
        let exactBound = 0n;
        for (const m of tree) {
          const chain: number[] = [];
          let up = m.uplineUserId;
          for (let d = 0; d < depth && up !== null; d++) {
            chain.push(rate.get(up) ?? 0);
            up = byId.get(up)?.uplineUserId ?? null;
          }
          exactBound += BigInt(m.salesFen) * BigInt(Math.max(0, ...chain));
        }
        expect(s.paidFen).toBeLessThanOrEqual(Number(exactBound / 10_000n));
        expect(s.paidFen + s.remainderFen).toBeLessThanOrEqual(Number(exactBound / 10_000n));
      }),
    );
  });
});
