import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { buildCommissionReleasedPosting } from "../ledger/postings.ts";
import { type DueCommission, planRelease } from "./plan-release.ts";

const NOW = 1_796_299_200_000; // 2026-12-03 12:00 UTC
const DAY = 86_400_000;
const row = (over: Partial<DueCommission> & { id: number }): DueCommission => ({
  orderId: 100,
  earnerUserId: 7,
  amountFen: 1000,
  clawedBackFen: 0,
  status: "frozen",
  dueAtMs: NOW - DAY,
  hasOpenAfterSale: false,
  ...over,
});

describe("planRelease", () => {
  test.each([
    {
      label: "one ¥10 commission due yesterday settles: frozen +1000, available −1000",
      rows: [row({ id: 1 })],
      settle: [1],
      lines: [
        { account: "commission_available:u:7", amountFen: -1000 },
        { account: "commission_frozen", amountFen: 1000 },
      ],
    },
    {
      label: "two of one earner (one partly clawed back) make one line per account",
      rows: [row({ id: 1 }), row({ id: 2, amountFen: 500, clawedBackFen: 200 })],
      settle: [1, 2],
      lines: [
        { account: "commission_available:u:7", amountFen: -1300 },
        { account: "commission_frozen", amountFen: 1300 },
      ],
    },
    {
      label: "a fully clawed-back commission settles but moves no money",
      rows: [row({ id: 3, clawedBackFen: 1000 })],
      settle: [3],
      lines: [],
    },
    {
      label: "due exactly now settles; due in a minute waits NOT_DUE",
      rows: [row({ id: 4, dueAtMs: NOW }), row({ id: 5, dueAtMs: NOW + 60_000, earnerUserId: 8 })],
      settle: [4],
      lines: [
        { account: "commission_available:u:7", amountFen: -1000 },
        { account: "commission_frozen", amountFen: 1000 },
      ],
    },
    {
      label: "an open return keeps it frozen (AFTER_SALE_OPEN); no release date yet waits too",
      rows: [row({ id: 6, hasOpenAfterSale: true }), row({ id: 7, dueAtMs: null })],
      settle: [],
      lines: [],
    },
    {
      label: "a held or already settled row is skipped, never posted twice",
      rows: [row({ id: 8, status: "held" }), row({ id: 9, status: "settled" })],
      settle: [],
      lines: [],
    },
  ])("$label", ({ rows, settle, lines }) => {
    const plan = planRelease(rows, NOW);
    expect(plan.settle).toEqual(settle);
    expect(plan.lines).toEqual(lines);
  });

  test("says why each row not settled waits or is skipped", () => {
    const plan = planRelease(
      [
        row({ id: 5, dueAtMs: NOW + 1 }),
        row({ id: 6, hasOpenAfterSale: true }),
        row({ id: 7, dueAtMs: null }),
        row({ id: 8, status: "cancelled" }),
      ],
      NOW,
    );
    expect(plan.wait).toEqual([
      { id: 5, reason: "NOT_DUE" },
      { id: 6, reason: "AFTER_SALE_OPEN" },
      { id: 7, reason: "RELEASE_DATE_UNKNOWN" },
    ]);
    expect(plan.skip).toEqual([{ id: 8, reason: "NOT_FROZEN" }]);
  });

  test("property: the lines sum to zero, and each earner's available grows by what is left of their settled rows", () => {
    const arbRow = fc.record({
      earnerUserId: fc.integer({ min: 1, max: 5 }),
      amountFen: fc.integer({ min: 1, max: 100_000 }),
      clawedShare: fc.double({ min: 0, max: 1, noNaN: true }),
      status: fc.constantFrom("frozen", "frozen", "held", "settled", "cancelled" as const),
      dueInMs: fc.option(fc.integer({ min: -10 * DAY, max: 10 * DAY })),
      hasOpenAfterSale: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(arbRow, { maxLength: 40 }), (raw) => {
        const rows: DueCommission[] = raw.map((r, i) => ({
          id: i + 1,
          orderId: 100 + i,
          earnerUserId: r.earnerUserId,
          amountFen: r.amountFen,
          clawedBackFen: Math.floor(r.amountFen * r.clawedShare),
          status: r.status as DueCommission["status"],
          dueAtMs: r.dueInMs === null ? null : NOW + r.dueInMs,
          hasOpenAfterSale: r.hasOpenAfterSale,
        }));
        const plan = planRelease(rows, NOW);
        expect(plan.lines.reduce((s, l) => s + l.amountFen, 0)).toBe(0);
        expect(plan.lines.every((l) => l.amountFen !== 0)).toBe(true);
        expect(plan.settle.length + plan.wait.length + plan.skip.length).toBe(rows.length);
        // the batch's lines are every settled row's own "commission released" posting, merged per account
        const merged = new Map<string, number>();
        for (const r of rows.filter((r) => plan.settle.includes(r.id)))
          for (const line of buildCommissionReleasedPosting({ ...r, commissionId: r.id, at: NOW })?.entries ??
            [])
            merged.set(line.account, (merged.get(line.account) ?? 0) + line.amountFen);
        expect(plan.lines).toEqual(
          [...merged]
            .sort(([a], [b]) => (a < b ? -1 : 1))
            .map(([account, amountFen]) => ({ account, amountFen })),
        );
        for (let earner = 1; earner <= 5; earner++) {
          const settled = rows.filter((r) => r.earnerUserId === earner && plan.settle.includes(r.id));
          const left = settled.reduce((s, r) => s + r.amountFen - r.clawedBackFen, 0);
          const line = plan.lines.find((l) => l.account === `commission_available:u:${earner}`);
          expect(line ? -line.amountFen : 0).toBe(left);
        }
      }),
    );
  });
});
