// Dividends end to end on both engines: orders complete (their after-sale window closes), finance previews a
// static pool day, a team dividend month and a frozen contest, approves each (one balanced ledger
// transaction paying every line), and a second approval or run of the same period changes nothing.
// The bad inputs answer 4xx with a stable code and change nothing.
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { queryRows } from "../../src/db/client.ts";
import { previewDividends } from "../../src/jobs/preview-dividends.ts";
import { completeDueOrders } from "../../src/modules/orders/service.ts";
import { createFreight, createProduct, pay, placeOrder } from "../commerce/fixtures.ts";
import {
  buyer,
  DAY,
  distributor,
  enableDistribution,
  shipAndReceive,
  wallet,
} from "../distribution/support.ts";
import { type Reply, startTestApp, type TestContext } from "../support/test-app.ts";

let ctx: TestContext;
let owner: string;
let a: Awaited<ReturnType<typeof distributor>>;
let b: Awaited<ReturnType<typeof distributor>>;
let weekBoard: Reply;
const pool = {
  mode: "static",
  allocation: "per_grade",
  weightedPoolBps: 0,
  levels: [],
  capOverflow: "redistribute",
};
const caps = { dayFen: null, monthFen: null, quarterFen: null, yearFen: null };
const team = {
  enabled: false,
  mode: "differential",
  depth: 3,
  tiers: [
    { thresholdFen: 10_000, rateBps: 300 },
    { thresholdFen: 25_000, rateBps: 500 },
  ],
};

const admin = (path: string) => `/api/admin/v1/dividends${path}`;
const ledgerState = async () =>
  (
    await queryRows<{ entries: number; expense: string | number }>(
      ctx.deps.db,
      sql`select (select count(*)::int from ledger_entries) as entries,
                 (select coalesce(sum(e.amount_fen), 0)::bigint from ledger_entries e
                  join ledger_accounts a on a.id = e.account_id where a.code = 'dividend_expense') as expense`,
    )
  ).map((r) => ({ entries: r.entries, expenseFen: Number(r.expense) }))[0]!;

beforeAll(async () => {
  ctx = await startTestApp();
  owner = await ctx.client.loginOwner();
  await enableDistribution(ctx, owner);
  await createFreight(ctx, owner);
  const product = await createProduct(ctx, owner, {
    skus: [{ priceFen: 10_000, stock: 100, specValues: [] }],
  });
  const skuId = product.skus[0]!.id;
  // A recruits B; b1 buys ¥200 through A, b2 ¥100 through B — on Monday 2026-11-23 (Shanghai)
  a = await distributor(ctx);
  b = await distributor(ctx, a.code);
  for (const [via, quantity] of [
    [a.code, 2],
    [b.code, 1],
  ] as const) {
    const shopper = await buyer(ctx, via);
    const order = await placeOrder(ctx, shopper, [{ skuId, quantity }]);
    expect((await pay(ctx, order)).outcome).toBe("paid");
    await shipAndReceive(ctx, owner, order, shopper.token);
  }
  weekBoard = await ctx.client.get(
    "/api/v1/distribution/leaderboards?metric=commission&period=week",
    b.token,
  );
  // the after-sale window (7 days) closes: both orders complete on 2026-11-30 (Shanghai)
  ctx.clock.advance(7 * DAY + 3_600_000);
  expect(await completeDueOrders(ctx.deps, ctx.clock.now())).toBe(2);
  ctx.clock.advance(DAY);
});

describe("static pool day: preview → approve → paid once", () => {
  test("gold 5% of ¥300 turnover is ¥15, split by A and B; approval pays it in one balanced transaction", async () => {
    const gold = await ctx.client.post(admin("/grades"), { rank: 1, name: "金牌", rateBps: 500 }, owner);
    expect(gold.status, JSON.stringify(gold.body)).toBe(201);
    for (const user of [a, b])
      expect(
        (await ctx.client.put(admin(`/members/${user.userId}`), { gradeId: gold.body.id }, owner)).status,
      ).toBe(200);
    expect((await ctx.client.put(admin("/settings"), { pool, caps, team }, owner)).status).toBe(200);

    const preview = await ctx.client.post(admin("/runs"), { kind: "static", periodKey: "2026-11-30" }, owner);
    expect(preview.status, JSON.stringify(preview.body)).toBe(201);
    expect(preview.body).toMatchObject({
      status: "preview",
      turnoverFen: 30_000,
      eligibleOrders: 2,
      poolFen: 1500,
      paidFen: 1500,
      members: 2,
    });
    const lines = await ctx.client.get(admin(`/runs/${preview.body.id}/lines`), owner);
    expect(
      lines.body.items.map((l: { userId: number; amountFen: number }) => [l.userId, l.amountFen]).sort(),
    ).toEqual(
      [
        [a.userId, 750],
        [b.userId, 750],
      ].sort(),
    );
    const detail = await ctx.client.get(admin(`/runs/${preview.body.id}`), owner);
    expect(detail.body.payoutRate).toMatchObject({ turnoverFen: 30_000, lineBps: 3000 });
    // commissions ¥20 + ¥10 + ¥5 (A's level 2 on b2) and the ¥15 previewed: 50 / 300 = 16.66%
    expect(detail.body.payoutRate.rateBps).toBe(1666);

    const before = await ledgerState();
    const availableBefore = (await wallet(ctx, a.token)).availableFen;
    const approved = await ctx.client.post(admin(`/runs/${preview.body.id}/approve`), {}, owner);
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body.status).toBe("approved");
    const after = await ledgerState();
    expect(after.expenseFen - before.expenseFen).toBe(1500);
    expect(after.entries - before.entries).toBe(3); // expense + two earners: one transaction
    expect((await wallet(ctx, a.token)).availableFen - availableBefore).toBe(750);

    // a second approval is refused and a second run of the period is the same run: nothing changes
    const again = await ctx.client.post(admin(`/runs/${preview.body.id}/approve`), {}, owner);
    expect([again.status, again.body.error.code]).toEqual([409, "RUN_ALREADY_APPROVED"]);
    const rerun = await ctx.client.post(admin("/runs"), { kind: "static", periodKey: "2026-11-30" }, owner);
    expect([rerun.status, rerun.body.id, rerun.body.status]).toEqual([200, preview.body.id, "approved"]);
    expect(await ledgerState()).toEqual(after);

    const mine = await ctx.client.get("/api/v1/distribution/dividends", a.token);
    expect(mine.body.grade).toMatchObject({ name: "金牌", rateBps: 500 });
    expect(mine.body.periods).toEqual([
      expect.objectContaining({ kind: "static", periodKey: "2026-11-30", amountFen: 750 }),
    ]);
  });

  test("a discarded preview can be run again and gives the same statement", async () => {
    const first = await ctx.client.post(admin("/runs"), { kind: "static", periodKey: "2026-11-29" }, owner);
    expect(first.status).toBe(201);
    expect((await ctx.client.post(admin(`/runs/${first.body.id}/discard`), {}, owner)).body.status).toBe(
      "discarded",
    );
    const second = await ctx.client.post(admin("/runs"), { kind: "static", periodKey: "2026-11-29" }, owner);
    expect(second.status).toBe(201);
    const strip = (r: Record<string, unknown>) => ({ ...r, id: 0, createdAt: 0, decidedAt: 0, status: 0 });
    expect(strip(second.body)).toEqual(strip(first.body));
    const gone = await ctx.client.post(admin(`/runs/${first.body.id}/approve`), {}, owner);
    expect([gone.status, gone.body.error.code]).toEqual([409, "RUN_STATE_INVALID"]);
  });
});

describe("team dividend month (级差), switched on with the 团队计酬 notice", () => {
  test("A's team ¥300 → 5%, B's ¥100 → 3%: B ¥3, A ¥10 + ¥2 (5% − 3% on B's sale)", async () => {
    const off = await ctx.client.post(admin("/runs"), { kind: "team", periodKey: "2026-11" }, owner);
    expect([off.status, off.body.error.code]).toEqual([409, "DIVIDENDS_OFF"]);
    const on = await ctx.client.put(
      admin("/settings"),
      { pool, caps, team: { ...team, enabled: true } },
      owner,
    );
    expect(on.body.teamNotice).toContain("团队计酬");
    const early = await ctx.client.post(admin("/runs"), { kind: "team", periodKey: "2026-12" }, owner);
    expect([early.status, early.body.error.code]).toEqual([409, "PERIOD_NOT_ENDED"]);

    const run = await ctx.client.post(admin("/runs"), { kind: "team", periodKey: "2026-11" }, owner);
    expect(run.status, JSON.stringify(run.body)).toBe(201);
    const lines = await ctx.client.get(admin(`/runs/${run.body.id}/lines`), owner);
    expect(
      lines.body.items.map((l: { userId: number; amountFen: number; rateBps: number }) => [
        l.userId,
        l.amountFen,
        l.rateBps,
      ]),
    ).toEqual([
      [a.userId, 1200, 500],
      [b.userId, 300, 300],
    ]);
    const before = await ledgerState();
    expect((await ctx.client.post(admin(`/runs/${run.body.id}/approve`), {}, owner)).status).toBe(200);
    expect((await ledgerState()).expenseFen - before.expenseFen).toBe(1500);
  });
});

describe("tiered and volume bonuses (满额返现, a free class in kind)", () => {
  test("every ¥100 promoted → ¥5: A ¥10, B ¥5; one referred buyer → a ¥0 order of the class, granted once", async () => {
    const trialClass = await createProduct(ctx, owner, {
      title: "体验课",
      kind: "service",
      skus: [{ priceFen: 19_900, stock: 10 }],
    });
    const bonuses = [
      { kind: "every_amount", stepFen: 10_000, bonusFen: 500 },
      { kind: "in_kind", minReferredBuyers: 1, skuId: trialClass.skus[0]!.id, prizeLabel: "¥199 体验课" },
    ];
    const saved = await ctx.client.put(
      admin("/settings"),
      { pool, caps, team: { ...team, enabled: true }, bonuses },
      owner,
    );
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const run = await ctx.client.post(admin("/runs"), { kind: "bonus", periodKey: "2026-11" }, owner);
    expect(run.status, JSON.stringify(run.body)).toBe(201);
    expect(run.body).toMatchObject({ paidFen: 1500, members: 4 });
    const lines = await ctx.client.get(admin(`/runs/${run.body.id}/lines?limit=10`), owner);
    const show = (l: { userId: number; groupId: number; amountFen: number; item: string | null }) => [
      l.userId,
      l.groupId,
      l.amountFen,
      l.item,
    ];
    expect(lines.body.items.map(show)).toEqual([
      [a.userId, 1, 1000, null],
      [b.userId, 1, 500, null],
      [a.userId, 2, 0, "¥199 体验课"],
      [b.userId, 2, 0, "¥199 体验课"],
    ]);
    const before = await ledgerState();
    expect((await ctx.client.post(admin(`/runs/${run.body.id}/approve`), {}, owner)).status).toBe(200);
    expect((await ledgerState()).expenseFen - before.expenseFen).toBe(1500);
    const orders = await ctx.client.get("/api/v1/orders", a.token);
    expect(orders.body.items.filter((o: { payableFen: number }) => o.payableFen === 0)).toHaveLength(1);
  });
});

describe("contests and leaderboards", () => {
  const week = { startsAt: "2026-11-23T00:00:00+08:00", endsAt: "2026-11-30T00:00:00+08:00" };
  const prizes = [
    { rank: 1, cashFen: 10_000, item: null },
    { rank: 2, cashFen: 8_000, item: null },
    { rank: 3, cashFen: 5_000, item: null },
  ];

  test("weekly top 3 by sales: frozen after the week, ¥100 / ¥80 paid on approval; an overlapping contest is refused", async () => {
    const contest = await ctx.client.post(
      admin("/contests"),
      { name: "周冠军", metric: "sales", ...week, prizes },
      owner,
    );
    expect(contest.status, JSON.stringify(contest.body)).toBe(201);
    const clash = await ctx.client.post(
      admin("/contests"),
      {
        name: "重叠",
        metric: "sales",
        startsAt: "2026-11-29T00:00:00+08:00",
        endsAt: "2026-12-06T00:00:00+08:00",
        prizes,
      },
      owner,
    );
    expect([clash.status, clash.body.error.code]).toEqual([409, "CONTEST_OVERLAP"]);
    expect((await ctx.client.get(admin("/contests"), owner)).body.items).toHaveLength(1);

    const run = await ctx.client.post(admin(`/contests/${contest.body.id}/freeze`), {}, owner);
    expect(run.status, JSON.stringify(run.body)).toBe(200);
    const lines = await ctx.client.get(admin(`/runs/${run.body.id}/lines`), owner);
    expect(
      lines.body.items.map((l: { userId: number; groupId: number; amountFen: number }) => [
        l.groupId,
        l.userId,
        l.amountFen,
      ]),
    ).toEqual([
      [1, a.userId, 10_000],
      [2, b.userId, 8_000],
    ]);
    const before = await wallet(ctx, b.token);
    expect((await ctx.client.post(admin(`/runs/${run.body.id}/approve`), {}, owner)).status).toBe(200);
    expect((await wallet(ctx, b.token)).availableFen - before.availableFen).toBe(8_000);
    const shop = await ctx.client.get(`/api/v1/distribution/contests/${contest.body.id}`, b.token);
    expect(shop.body.standings.map((s: { rank: number; userId: number }) => [s.rank, s.userId])).toEqual([
      [1, a.userId],
      [2, b.userId],
    ]);
  });

  test("the shop's leaderboard of the week, read while it ran, shows my rank", async () => {
    const board = weekBoard;
    expect(board.status, JSON.stringify(board.body)).toBe(200);
    expect(board.body.items.map((s: { userId: number; value: number }) => [s.userId, s.value])).toEqual([
      [a.userId, 2500],
      [b.userId, 1000],
    ]);
    expect(board.body.mine).toMatchObject({ rank: 2, userId: b.userId });
  });
});

describe("bad input: 4xx with a stable code, nothing changes", () => {
  test.each([
    {
      label: "shares over 100% of turnover",
      body: {
        pool: {
          ...pool,
          mode: "dynamic",
          levels: [
            { level: 1, shareBps: 6000 },
            { level: 2, shareBps: 5000 },
          ],
        },
        caps,
        team,
      },
      code: "SHARES_OVER_TURNOVER",
    },
    { label: "a negative cap", body: { pool, caps: { ...caps, monthFen: -1 }, team }, code: "CAP_NEGATIVE" },
    {
      label: "team depth 4",
      body: { pool, caps, team: { ...team, depth: 4 } },
      code: "TEAM_DEPTH_OUT_OF_RANGE",
    },
  ])("$label → $code", async ({ body, code }) => {
    const before = await ctx.client.get(admin("/settings"), owner);
    const res = await ctx.client.put(admin("/settings"), body, owner);
    expect([res.status, res.body.error.code]).toEqual([422, code]);
    expect((await ctx.client.get(admin("/settings"), owner)).body).toEqual(before.body);
  });

  test("a grade whose share would take per-grade shares over 100% is refused", async () => {
    const res = await ctx.client.post(admin("/grades"), { rank: 2, name: "银牌", rateBps: 9_600 }, owner);
    expect([res.status, res.body.error.code]).toEqual([422, "SHARES_OVER_TURNOVER"]);
    expect((await ctx.client.get(admin("/grades"), owner)).body.items).toHaveLength(1);
  });

  test("a period that has not ended, or is no period, is refused and no run is written", async () => {
    const runs = (await ctx.client.get(admin("/runs"), owner)).body.items.length;
    const today = await ctx.client.post(admin("/runs"), { kind: "static", periodKey: "2026-12-01" }, owner);
    expect([today.status, today.body.error.code]).toEqual([409, "PERIOD_NOT_ENDED"]);
    const nonsense = await ctx.client.post(
      admin("/runs"),
      { kind: "static", periodKey: "2026-02-30" },
      owner,
    );
    expect([nonsense.status, nonsense.body.error.code]).toEqual([422, "PERIOD_INVALID"]);
    expect((await ctx.client.get(admin("/runs"), owner)).body.items).toHaveLength(runs);
  });
});

test("the period-end job previews the day that ended (never pays it); a second run adds nothing", async () => {
  ctx.clock.advance(DAY);
  expect(await previewDividends.run(ctx.deps, ctx.clock.now())).toBe(1);
  expect(await previewDividends.run(ctx.deps, ctx.clock.now())).toBe(0);
  const [latest] = (await ctx.client.get(admin("/runs?limit=1"), owner)).body.items;
  expect(latest).toMatchObject({ kind: "static", periodKey: "2026-12-01", status: "preview" });
});
