// Dividends after the run, on both engines: the daily sweep moves dividend members up to the grades whose
// conditions they meet (direct distributors, team orders within 3 levels), set-based, never down; and
// clawback after refund — off, a refund of counted turnover is only shown on the run; switched on (a money
// setting: only a role holding dividends.approve), the sweep takes the refunded share back from each earner's
// available balance (with what the release sweep paid them and no withdrawal has folded in yet), never
// below zero: a balance short of it leaves the rest outstanding until it has it.
// No flow refunds a completed order today (the after-sale window closed before the run), so the late refund
// is written as the order's refunded amount, as a refund landing after completion would leave it.
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { queryRows } from "../../src/db/client.ts";
import { clawBackDividends } from "../../src/jobs/claw-back-dividends.ts";
import { upgradeDividendGrades } from "../../src/jobs/upgrade-dividend-grades.ts";
import { auditLedger, ledgerAuditClean } from "../../src/modules/ledger/audit.ts";
import { completeDueOrders } from "../../src/modules/orders/service.ts";
import { createFreight, createProduct, pay, placeOrder } from "../commerce/fixtures.ts";
import {
  buyer,
  creditReleasedPending,
  DAY,
  distributor,
  enableDistribution,
  shipAndReceive,
  wallet,
} from "../distribution/support.ts";
import { startTestApp, type TestContext } from "../support/test-app.ts";

let ctx: TestContext;
let owner: string;
let a: Awaited<ReturnType<typeof distributor>>;
let b: Awaited<ReturnType<typeof distributor>>;
const orders: { id: number }[] = [];
const admin = (path: string) => `/api/admin/v1/dividends${path}`;
const settings = {
  pool: {
    mode: "static",
    allocation: "per_grade",
    weightedPoolBps: 0,
    levels: [],
    capOverflow: "redistribute",
  },
  caps: { dayFen: null, monthFen: null, quarterFen: null, yearFen: null },
  team: { enabled: false, mode: "differential", depth: 3, tiers: [] },
};
const expense = async () =>
  Number(
    (
      await queryRows<{ fen: string | number }>(
        ctx.deps.db,
        sql`select coalesce(sum(e.amount_fen), 0)::bigint as fen from ledger_entries e
            join ledger_accounts a on a.id = e.account_id where a.code = 'dividend_expense'`,
      )
    )[0]!.fen,
  );
const memberGrades = async () =>
  Object.fromEntries(
    (
      await queryRows<{ userId: string | number; name: string }>(
        ctx.deps.db,
        sql`select m.user_id as "userId", g.name from dividend_members m join dividend_grades g on g.id = m.grade_id`,
      )
    ).map((r) => [Number(r.userId), r.name]),
  );

beforeAll(async () => {
  ctx = await startTestApp();
  owner = await ctx.client.loginOwner();
  await enableDistribution(ctx, owner, {
    withdrawal: { methods: ["bank"], minimumFen: 100, feeBps: 0, dailyMaxCount: null, dailyMaxFen: null },
  });
  await createFreight(ctx, owner);
  const product = await createProduct(ctx, owner, {
    skus: [{ priceFen: 10_000, stock: 100, specValues: [] }],
  });
  // A recruits distributor B; a buyer spends ¥200 through A, another ¥100 through B (A's team, level 2)
  a = await distributor(ctx);
  b = await distributor(ctx, a.code);
  for (const [via, quantity] of [
    [a.code, 2],
    [b.code, 1],
  ] as const) {
    const shopper = await buyer(ctx, via);
    const order = await placeOrder(ctx, shopper, [{ skuId: product.skus[0]!.id, quantity }]);
    expect((await pay(ctx, order)).outcome).toBe("paid");
    await shipAndReceive(ctx, owner, order, shopper.token);
    orders.push(order);
  }
  ctx.clock.advance(7 * DAY + 3_600_000);
  expect(await completeDueOrders(ctx.deps, ctx.clock.now())).toBe(2);
  ctx.clock.advance(DAY);
});

describe("dividend grades move up by the daily sweep", () => {
  test("1 direct distributor → 银牌; with ¥300 of team orders within 3 levels → 金牌; staff's 钻石 stays; never twice", async () => {
    const grade = async (body: Record<string, unknown>) => {
      const res = await ctx.client.post(admin("/grades"), body, owner);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.id as number;
    };
    await grade({ rank: 1, name: "银牌", rateBps: 300, tasks: { directDistributors: 1 } });
    await grade({
      rank: 2,
      name: "金牌",
      rateBps: 500,
      tasks: { directDistributors: 1, teamSpendFen: 30_000 },
    });
    const diamond = await grade({ rank: 3, name: "钻石", rateBps: 0, tasks: {} });
    // two direct distributors needed: A has one (B); the buyer A brought is an invitee, not a distributor
    await grade({ rank: 4, name: "王冠", rateBps: 0, tasks: { directDistributors: 2 } });

    expect(await upgradeDividendGrades.run(ctx.deps, ctx.clock.now())).toBe(1);
    expect(await memberGrades()).toEqual({ [a.userId]: "金牌" });
    expect(await upgradeDividendGrades.run(ctx.deps, ctx.clock.now())).toBe(0);

    // staff make B diamond; the sweep never moves anyone down
    expect((await ctx.client.put(admin(`/members/${b.userId}`), { gradeId: diamond }, owner)).status).toBe(
      200,
    );
    expect(await upgradeDividendGrades.run(ctx.deps, ctx.clock.now())).toBe(0);
    expect(await memberGrades()).toEqual({ [a.userId]: "金牌", [b.userId]: "钻石" });

    // A's distribution centre shows the grade and the progress towards 王冠
    const mine = await ctx.client.get("/api/v1/distribution/dividends", a.token);
    expect(mine.body.grade).toMatchObject({ name: "金牌" });
    expect(mine.body.next).toMatchObject({
      name: "王冠",
      progress: [{ task: "directDistributors", current: 1, target: 2, met: false }],
    });
  });
});

describe("clawback after refund", () => {
  let runId: number;

  test("off: ¥100 of the day's ¥300 refunded after the run is shown on it; the sweep takes nothing", async () => {
    // both members get gold 5%: ¥15 split, ¥7.50 each
    const gold = (await ctx.client.get(admin("/grades"), owner)).body.items.find(
      (g: { name: string }) => g.name === "金牌",
    );
    expect((await ctx.client.put(admin(`/members/${b.userId}`), { gradeId: gold.id }, owner)).status).toBe(
      200,
    );
    expect((await ctx.client.put(admin("/settings"), settings, owner)).status).toBe(200);
    const day = new Date(ctx.clock.now().getTime() + 8 * 3_600_000 - DAY).toISOString().slice(0, 10);
    const run = await ctx.client.post(admin("/runs"), { kind: "static", periodKey: day }, owner);
    expect(run.body).toMatchObject({ turnoverFen: 30_000, paidFen: 1500, members: 2 });
    runId = run.body.id;
    expect((await ctx.client.post(admin(`/runs/${runId}/approve`), {}, owner)).status).toBe(200);

    // ¥100 of A's buyer's ¥200 order comes back after the run
    await ctx.deps.db.execute(
      sql`update orders set refunded_fen = refunded_fen + 10000 where id = ${orders[0]!.id}`,
    );
    const before = await expense();
    expect(await clawBackDividends.run(ctx.deps, ctx.clock.now())).toBe(0);
    expect(await expense()).toBe(before);
    const detail = await ctx.client.get(admin(`/runs/${runId}`), owner);
    expect(detail.body.refundedSinceFen).toBe(10_000);
    expect(detail.body.clawback).toEqual({ enabled: false, dueFen: 0, takenFen: 0, outstandingFen: 0 });
  });

  test("on: each owes a third (¥2.50); B's balance is out for withdrawal, so A's and B's ¥1 release since are taken, the rest when it comes back", async () => {
    // finance cannot switch it (no distribution.configure); an operator has no dividends.approve: owner only
    const operator = await ctx.client.createStaff(owner, "operator");
    const refused = await ctx.client.put(
      admin("/settings"),
      { ...settings, clawbackAfterRefund: true },
      operator,
    );
    expect([refused.status, refused.body.error.code]).toEqual([403, "FORBIDDEN"]);
    const on = await ctx.client.put(admin("/settings"), { ...settings, clawbackAfterRefund: true }, owner);
    expect([on.status, on.body.clawbackAfterRefund]).toEqual([200, true]);

    // B asks to withdraw everything available: the hold leaves nothing to take
    const bAvailable = (await wallet(ctx, b.token)).availableFen;
    const withdrawal = await ctx.client.post(
      "/api/v1/distribution/withdrawals",
      {
        method: "bank",
        amountFen: bAvailable,
        realName: "欧阳娜娜",
        account: "6222021234567890123",
        consent: true,
      },
      b.token,
    );
    expect(withdrawal.status, JSON.stringify(withdrawal.body)).toBe(201);
    // then the release sweep pays B ¥1, which waits outside B's account until something folds it in
    await creditReleasedPending(ctx, b.userId, 100);
    expect((await wallet(ctx, b.token)).availableFen).toBe(100);
    const aBefore = (await wallet(ctx, a.token)).availableFen;
    const before = await expense();

    // the sweep folds B's ¥1 in first and takes it: ¥2.50 from A, ¥1 from B, ¥1.50 outstanding
    expect(await clawBackDividends.run(ctx.deps, ctx.clock.now())).toBe(1);
    expect(await expense()).toBe(before - 350);
    expect((await wallet(ctx, a.token)).availableFen).toBe(aBefore - 250);
    expect((await wallet(ctx, b.token)).availableFen).toBe(0);
    let detail = await ctx.client.get(admin(`/runs/${runId}`), owner);
    expect(detail.body.clawback).toEqual({ enabled: true, dueFen: 500, takenFen: 350, outstandingFen: 150 });

    // the same sweep again takes nothing more
    expect(await clawBackDividends.run(ctx.deps, ctx.clock.now())).toBe(0);
    expect(await expense()).toBe(before - 350);

    // finance rejects B's withdrawal: the balance is back, and the next sweep takes what was outstanding
    const rejected = await ctx.client.post(
      `/api/admin/v1/distribution/withdrawals/${withdrawal.body.id}/reject`,
      { reason: "信息有误" },
      owner,
    );
    expect(rejected.status, JSON.stringify(rejected.body)).toBe(200);
    expect(await clawBackDividends.run(ctx.deps, ctx.clock.now())).toBe(1);
    expect((await wallet(ctx, b.token)).availableFen).toBe(bAvailable - 150);
    detail = await ctx.client.get(admin(`/runs/${runId}`), owner);
    expect(detail.body.clawback).toEqual({ enabled: true, dueFen: 500, takenFen: 500, outstandingFen: 0 });
    expect(await clawBackDividends.run(ctx.deps, ctx.clock.now())).toBe(0);
    expect(await expense()).toBe(before - 500);

    // the ledger stays balanced, the audit clean, and no available balance went below zero for it
    expect(ledgerAuditClean(await auditLedger(ctx.deps.db))).toBe(true);
    const [check] = await queryRows<{ sum: string | number; negative: number }>(
      ctx.deps.db,
      sql`select (select coalesce(sum(amount_fen), 0) from ledger_entries)::bigint as sum,
                 (select count(*)::int from ledger_accounts where code like 'commission_available:%' and balance_fen > 0) as negative`,
    );
    expect([Number(check!.sum), check!.negative]).toEqual([0, 0]);
  });
});
