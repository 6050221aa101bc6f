// The worked examples of issue 12 and the seeds, one labelled row each.
import { describe, expect, test } from "vitest";
import { computeCapRoom, validateDividendCaps } from "./caps.ts";
import { rankContest, validateContest } from "./contest.ts";
import { planDividendGradeUpgrades } from "./grade-upgrade.ts";
import { computePayoutRate } from "./payout-rate.ts";
import { computeDynamicPool, computeStaticPool, validatePoolSettings } from "./pools.ts";
import { prizeGrantOf } from "./prizes.ts";
import { splitPool } from "./split-pool.ts";
import {
  computeTeamDividends,
  type TeamDividendRules,
  type TeamMember,
  validateTeamDividendRules,
} from "./team-dividend.ts";
import { computeVolumeBonus } from "./volume-bonus.ts";

const members = (from: number, n: number, roomFen: number | null = null) =>
  Array.from({ length: n }, (_, i) => ({ userId: from + i, roomFen }));

describe("global pool, static (静态分红)", () => {
  test("turnover ¥1,000,000 at gold 5% → ¥50,000 shared by 200 gold members, ¥250 each", () => {
    const s = computeStaticPool({
      turnoverFen: 100_000_000,
      allocation: "per_grade",
      weightedPoolBps: 0,
      grades: [{ groupId: 1, rateBps: 500, members: members(1, 200) }],
      capOverflow: "redistribute",
    });
    expect(s.poolFen).toBe(5_000_000);
    expect(new Set(s.lines.map((l) => l.amountFen))).toEqual(new Set([25_000]));
    expect([s.paidFen, s.heldBackFen, s.remainderFen]).toEqual([5_000_000, 0, 0]);
  });

  test("gold 5%, silver 4%, bronze 3% per grade: each grade splits its own share, flooring leaves 3 fen", () => {
    const s = computeStaticPool({
      turnoverFen: 100_000_000,
      allocation: "per_grade",
      weightedPoolBps: 0,
      grades: [
        { groupId: 1, rateBps: 500, members: members(1, 10) },
        { groupId: 2, rateBps: 400, members: members(100, 40) },
        { groupId: 3, rateBps: 300, members: members(200, 7) },
      ],
      capOverflow: "redistribute",
    });
    expect(s.groups.map((g) => [g.poolFen, g.paidFen])).toEqual([
      [5_000_000, 5_000_000],
      [4_000_000, 4_000_000],
      [3_000_000, 2_999_997],
    ]);
    expect(s.lines.find((l) => l.userId === 1)?.amountFen).toBe(500_000); // ¥5,000 each of 10 gold
    expect(s.lines.find((l) => l.userId === 100)?.amountFen).toBe(100_000); // ¥1,000 each of 40 silver
    expect(s.lines.find((l) => l.userId === 200)?.amountFen).toBe(428_571); // ¥4,285.71 each of 7 bronze
    expect(s.remainderFen).toBe(3); // the fen flooring left, with the merchant
  });

  test("weighted: rᵢ × pool / Σ rⱼnⱼ — pool ¥10,000, 1 gold (5) and 2 silver (4) → ¥3,846.15 and ¥3,076.92", () => {
    const s = computeStaticPool({
      turnoverFen: 100_000_000,
      allocation: "weighted",
      weightedPoolBps: 100,
      grades: [
        { groupId: 1, rateBps: 500, members: members(1, 1) },
        { groupId: 2, rateBps: 400, members: members(2, 2) },
      ],
      capOverflow: "redistribute",
    });
    expect(s.lines.map((l) => l.amountFen)).toEqual([384_615, 307_692, 307_692]);
    expect(s.remainderFen).toBe(1);
  });

  test.each([
    {
      label: "day cap ¥100 redistributes to the others",
      overflow: "redistribute" as const,
      capped: 10_000,
      others: 25_075,
      held: 0,
    },
    {
      label: "day cap ¥100, merchant keeps the excess",
      overflow: "merchant_keeps" as const,
      capped: 10_000,
      others: 25_000,
      held: 15_000,
    },
  ])("$label", ({ overflow, capped, others, held }) => {
    const split = splitPool(
      5_000_000,
      members(1, 200).map((m) => ({ ...m, weight: 1, roomFen: m.userId === 1 ? 10_000 : null })),
      overflow,
    );
    expect(split.amounts[0]?.amountFen).toBe(capped);
    expect(split.amounts[1]?.amountFen).toBe(others);
    expect(split.heldBackFen).toBe(held);
  });

  test("a member's room is the least any cap leaves: day ¥300 (¥120 got), month ¥1,000 (¥950 got) → ¥50", () => {
    expect(
      computeCapRoom(
        { dayFen: 30_000, monthFen: 100_000 },
        { dayFen: 12_000, monthFen: 95_000, quarterFen: 0, yearFen: 0 },
      ),
    ).toBe(5_000);
    expect(computeCapRoom({}, { dayFen: 1, monthFen: 1, quarterFen: 1, yearFen: 1 })).toBeNull();
    expect(validateDividendCaps({ monthFen: -1 })).toEqual({
      kind: "refuse",
      reason: "CAP_NEGATIVE",
      field: "monthFen",
    });
  });

  test("shares summing over 100% of turnover are refused", () => {
    const base = {
      mode: "static" as const,
      allocation: "per_grade" as const,
      weightedPoolBps: 0,
      levels: [],
      capOverflow: "redistribute" as const,
    };
    expect(
      validatePoolSettings({
        ...base,
        grades: [
          { gradeId: 1, rateBps: 6000 },
          { gradeId: 2, rateBps: 5000 },
        ],
      }),
    ).toEqual({
      kind: "refuse",
      reason: "SHARES_OVER_TURNOVER",
      totalBps: 11_000,
    });
    expect(validatePoolSettings({ ...base, grades: [{ gradeId: 1, rateBps: 500 }] })).toEqual({ kind: "ok" });
  });
});

describe("global pool, dynamic (动态分红)", () => {
  test("5% of ¥1,000,000 among 200 level-1 producers → ¥250 each", () => {
    const s = computeDynamicPool({
      turnoverFen: 100_000_000,
      levels: [{ groupId: 1, rateBps: 500, members: members(1, 200) }],
      capOverflow: "redistribute",
    });
    expect(s.lines).toHaveLength(200);
    expect(s.lines.every((l) => l.amountFen === 25_000)).toBe(true);
  });

  test("a level with no producers that day pays nothing: its share stays with the merchant", () => {
    const s = computeDynamicPool({
      turnoverFen: 100_000_000,
      levels: [{ groupId: 2, rateBps: 200, members: [] }],
      capOverflow: "redistribute",
    });
    expect([s.paidFen, s.heldBackFen, s.remainderFen]).toEqual([0, 2_000_000, 0]);
  });
});

describe("team dividend: 小李's month", () => {
  // 小李 (1) recruited A, B, C (2–4), who each sell ¥2,000 themselves and each lead 10 buyers of ¥3,000.
  // Tiers: team sales ≥ ¥20,000 → 2%, ≥ ¥50,000 → 3%, ≥ ¥100,000 → 5%. 小李's team: 3 × ¥2,000 + 30 × ¥3,000
  // = ¥96,000 → 3%; each sub-leader's team ¥30,000 → 2%. (小李 also earns their own level-1 commission,
  // e.g. 10% of A, B and C's ¥6,000 = ¥600, through the commission engine; the dividend comes on top.)
  const tree: TeamMember[] = [{ userId: 1, uplineUserId: null, salesFen: 0 }];
  for (const lead of [2, 3, 4]) {
    tree.push({ userId: lead, uplineUserId: 1, salesFen: 200_000 });
    for (let i = 0; i < 10; i++) tree.push({ userId: lead * 100 + i, uplineUserId: lead, salesFen: 300_000 });
  }
  const rules: TeamDividendRules = {
    enabled: true,
    mode: "differential",
    depth: 3,
    tiers: [
      { thresholdFen: 2_000_000, rateBps: 200 },
      { thresholdFen: 5_000_000, rateBps: 300 },
      { thresholdFen: 10_000_000, rateBps: 500 },
    ],
  };
  const amounts = (mode: "flat" | "differential") =>
    Object.fromEntries(
      computeTeamDividends({ ...rules, mode }, tree).lines.map((l) => [l.userId, l.amountFen]),
    );

  test("differential (级差): 小李 ¥1,080 (3% of ¥6,000 + 1% of ¥90,000), A/B/C ¥600 each", () => {
    expect(amounts("differential")).toEqual({ 1: 108_000, 2: 60_000, 3: 60_000, 4: 60_000 });
  });
  test("flat: 小李 3% of ¥96,000 = ¥2,880, A/B/C ¥600 each", () => {
    expect(amounts("flat")).toEqual({ 1: 288_000, 2: 60_000, 3: 60_000, 4: 60_000 });
  });
  test("switched off by default: nothing is paid", () => {
    expect(computeTeamDividends({ ...rules, enabled: false }, tree).lines).toEqual([]);
  });
  test("depth above 3 is refused (团队计酬)", () => {
    expect(validateTeamDividendRules({ ...rules, depth: 4 })).toEqual({
      kind: "refuse",
      reason: "TEAM_DEPTH_OUT_OF_RANGE",
    });
  });
});

describe("tiered and volume bonuses", () => {
  const none = { units: 0, amountFen: 0, referredBuyers: 0 };
  test.each([
    {
      label: "20 bottles in a month → ¥300",
      rule: { kind: "units_tier" as const, tiers: [{ minUnits: 20, bonusFen: 30_000 }] },
      facts: { ...none, units: 20 },
      expected: 30_000,
    },
    {
      label: "19 bottles → nothing",
      rule: { kind: "units_tier" as const, tiers: [{ minUnits: 20, bonusFen: 30_000 }] },
      facts: { ...none, units: 19 },
      expected: 0,
    },
    {
      label: "¥2,000 of courses → ¥100 back",
      rule: { kind: "every_amount" as const, stepFen: 200_000, bonusFen: 10_000 },
      facts: { ...none, amountFen: 200_000 },
      expected: 10_000,
    },
    {
      label: "¥4,500 of courses → ¥200 back",
      rule: { kind: "every_amount" as const, stepFen: 200_000, bonusFen: 10_000 },
      facts: { ...none, amountFen: 450_000 },
      expected: 20_000,
    },
    {
      label: "10% → 12% → 15%: ¥8,000 sold tops up 2% = ¥160",
      rule: {
        kind: "rate_top_up" as const,
        baseRateBps: 1000,
        tiers: [
          { minFen: 500_000, rateBps: 1200 },
          { minFen: 2_000_000, rateBps: 1500 },
        ],
      },
      facts: { ...none, amountFen: 800_000 },
      expected: 16_000,
    },
    {
      label: "10% → 12% → 15%: ¥20,000 sold tops up 5% = ¥1,000",
      rule: {
        kind: "rate_top_up" as const,
        baseRateBps: 1000,
        tiers: [
          { minFen: 500_000, rateBps: 1200 },
          { minFen: 2_000_000, rateBps: 1500 },
        ],
      },
      facts: { ...none, amountFen: 2_000_000 },
      expected: 100_000,
    },
  ])("$label", ({ rule, facts, expected }) => {
    const bonus = computeVolumeBonus(rule, facts);
    expect(bonus.kind === "cash" ? bonus.amountFen : 0).toBe(expected);
  });

  test("two referred buyers → a free ¥199 class, recorded as a prize in kind", () => {
    const rule = { kind: "in_kind" as const, minReferredBuyers: 2, skuId: 42, prizeLabel: "¥199 体验课" };
    expect(computeVolumeBonus(rule, { ...none, referredBuyers: 2 })).toMatchObject({
      kind: "in_kind",
      prizeLabel: "¥199 体验课",
    });
    expect(prizeGrantOf({ ...rule, item: rule.prizeLabel })).toEqual({ kind: "order", skuId: 42 });
    expect(computeVolumeBonus(rule, { ...none, referredBuyers: 1 })).toEqual({ kind: "none" });
  });
});

describe("contests (冲刺活动)", () => {
  const prizes = [
    { rank: 1, cashFen: 10_000, item: null },
    { rank: 2, cashFen: 8_000, item: null },
    { rank: 3, cashFen: 5_000, item: null },
  ];
  test("weekly top 3 by sales → ¥100 / ¥80 / ¥50; a tie goes to who got there first", () => {
    const ranked = rankContest(
      [
        { userId: 5, value: 90_000, reachedAtMs: 300 },
        { userId: 6, value: 120_000, reachedAtMs: 500 },
        { userId: 7, value: 90_000, reachedAtMs: 200 },
        { userId: 8, value: 10_000, reachedAtMs: 100 },
        { userId: 9, value: 0, reachedAtMs: 0 },
      ],
      prizes,
    );
    expect(ranked.map((r) => [r.rank, r.userId, r.prize?.cashFen ?? null])).toEqual([
      [1, 6, 10_000],
      [2, 7, 8_000],
      [3, 5, 5_000],
      [4, 8, null],
    ]);
  });
  test("an overlapping contest on the same metric is refused; another metric may overlap", () => {
    const week = { metric: "sales" as const, startsAtMs: 0, endsAtMs: 7, prizes };
    const others = [{ id: 3, metric: "sales" as const, startsAtMs: 5, endsAtMs: 12 }];
    expect(validateContest(week, others)).toEqual({
      kind: "refuse",
      reason: "CONTEST_OVERLAP",
      contestId: 3,
    });
    expect(validateContest({ ...week, metric: "invites" }, others)).toEqual({ kind: "ok" });
  });
});

test("effective payout rate beside the 30% line", () => {
  expect(
    computePayoutRate({
      turnoverFen: 10_000_000,
      commissionFen: 1_800_000,
      dividendFen: 500_000,
      bonusFen: 200_000,
    }),
  ).toEqual({
    rateBps: 2500,
    overLine: false,
  });
  expect(
    computePayoutRate({
      turnoverFen: 10_000_000,
      commissionFen: 2_800_000,
      dividendFen: 500_000,
      bonusFen: 0,
    }).overLine,
  ).toBe(true);
});

describe("dividend grades upgrade on their conditions (自动升级)", () => {
  const zero = {
    invitesWhoBought: 0,
    ownSpendFen: 0,
    ownOrderCount: 0,
    downlineSpendFen: 0,
    downlineOrderCount: 0,
    settledCommissionFen: 0,
    boughtProductIds: [] as string[],
  };
  const grades = [
    { id: 11, rank: 1, name: "银牌", tasks: { directDistributors: 3 } },
    { id: 12, rank: 2, name: "金牌", tasks: { directDistributors: 3, teamSpendFen: 1_000_000 } },
    { id: 13, rank: 3, name: "钻石", tasks: {} },
    { id: 14, rank: 0, name: "铜牌", tasks: { settledCommissionFen: 10_000, boughtProductIds: ["7"] } },
  ];
  test.each([
    {
      label: "3 direct distributors and ¥12,000 of team orders → gold",
      current: null,
      stats: { ...zero, directDistributors: 3, teamSpendFen: 1_200_000 },
      to: 12,
    },
    {
      label: "3 direct distributors, ¥9,999 of team orders → silver",
      current: null,
      stats: { ...zero, directDistributors: 3, teamSpendFen: 999_900 },
      to: 11,
    },
    {
      label: "2 direct distributors (many invitees who only bought do not count) → nobody",
      current: null,
      stats: { ...zero, directDistributors: 2, invitesWhoBought: 40, teamSpendFen: 5_000_000 },
      to: null,
    },
    {
      label: "¥100 settled commission and bought product 7 → bronze",
      current: null,
      stats: { ...zero, settledCommissionFen: 10_000, boughtProductIds: ["7"] },
      to: 14,
    },
    {
      label: "a staff-given diamond (no conditions) meeting gold's stays diamond",
      current: 13,
      stats: { ...zero, directDistributors: 9, teamSpendFen: 9_000_000 },
      to: null,
    },
    {
      label: "gold whose figures fell to silver's is never moved down",
      current: 12,
      stats: { ...zero, directDistributors: 3 },
      to: null,
    },
  ])("$label", ({ current, stats, to }) => {
    const moves = planDividendGradeUpgrades(grades, [{ userId: 5, currentGradeId: current, stats }]);
    expect(moves.map((m) => m.toGradeId)).toEqual(to === null ? [] : [to]);
  });
});
