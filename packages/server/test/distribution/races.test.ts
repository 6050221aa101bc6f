// Races that only a real PostgreSQL can show: concurrent withdrawals against one balance, two approvals
// of one withdrawal, A→B ∥ B→A binding, two staff saving different settings sections at once, several
// release sweepers over one backlog and withdrawals of what they released, refunds racing the sweep, and "my team" counters under concurrent binds and payments.
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../../src/db/client.ts";
import { findTeamStatsDrift } from "../../src/modules/binding/team-stats-repo.ts";
import { releaseDueCommissions } from "../../src/modules/commissions/lifecycle.ts";
import { auditLedger, ledgerAuditClean } from "../../src/modules/ledger/audit.ts";
import { createFreight, createProduct, pay, placeOrder, shopperWithAddress } from "../commerce/fixtures.ts";
import { startTestApp, type TestContext } from "../support/test-app.ts";
import { onPostgres } from "../support/test-database.ts";
import { credit, DAY, distributor, enableDistribution, shipAndReceive, wallet } from "./support.ts";

let ctx: TestContext;
let owner: string;

/** A distributor asks for ¥30 into their shop balance. */
const withdraw30 = (token: string) =>
  ctx.client.post(
    "/api/v1/distribution/withdrawals",
    { method: "wallet", amountFen: 3000, realName: "张三", account: "wx-zhangsan", consent: true },
    token,
  );

describe.runIf(onPostgres)("races on PostgreSQL", () => {
  beforeAll(async () => {
    ctx = await startTestApp();
    owner = await ctx.client.loginOwner();
    await enableDistribution(ctx, owner);
  });

  it("100 concurrent withdrawals of ¥30 against ¥100: exactly 3 succeed", async () => {
    const d = await distributor(ctx);
    await credit(ctx, d.userId, 10000);
    const results = await Promise.all(Array.from({ length: 100 }, () => withdraw30(d.token)));
    expect(results.filter((r) => r.status === 201)).toHaveLength(3);
    expect(
      results.filter((r) => r.status !== 201).every((r) => r.body.error.code === "INSUFFICIENT_BALANCE"),
    ).toBe(true);
    expect(await wallet(ctx, d.token)).toMatchObject({ availableFen: 1000, withdrawingFen: 9000 });
  });

  it("approving one withdrawal twice at once pays it once", async () => {
    const d = await distributor(ctx);
    await credit(ctx, d.userId, 5000);
    const wd = await ctx.client.post(
      "/api/v1/distribution/withdrawals",
      { method: "wallet", amountFen: 5000, realName: "李四", account: "wx-lisi", consent: true },
      d.token,
    );
    const finance = await ctx.client.createStaff(owner, "finance");
    const url = `/api/admin/v1/distribution/withdrawals/${wd.body.id}/approve`;
    const [x, y] = await Promise.all([ctx.client.post(url, {}, finance), ctx.client.post(url, {}, finance)]);
    expect([x.status, y.status].sort()).toEqual([200, 409]);
    expect(await wallet(ctx, d.token)).toMatchObject({ availableFen: 0, withdrawingFen: 0 });
  });

  it("A→B and B→A at the same moment: one binding succeeds", async () => {
    for (let round = 0; round < 5; round++) {
      const a = await distributor(ctx);
      const b = await distributor(ctx);
      const [ab, ba] = await Promise.all([
        ctx.client.post("/api/v1/referrals/visit", { ref: b.code, source: "link" }, a.token),
        ctx.client.post("/api/v1/referrals/visit", { ref: a.code, source: "link" }, b.token),
      ]);
      const bound = [ab, ba].filter((r) => r.status === 200 && r.body.bound);
      expect(bound).toHaveLength(1);
      expect([ab, ba].find((r) => r !== bound[0])!.body.error.code).toBe("BINDING_CYCLE");
    }
  });

  it("two staff saving different settings sections at once both keep their change", async () => {
    for (let round = 0; round < 5; round++) {
      const rates = [1000 + round * 10, 500, 0];
      const [plan, withdrawal] = await Promise.all([
        ctx.client.put(
          "/api/admin/v1/distribution/settings",
          { plan: { enabled: true, levels: 2, ratesBps: rates } },
          owner,
        ),
        ctx.client.put(
          "/api/admin/v1/distribution/settings",
          { withdrawal: { minimumFen: 1000 + round } },
          owner,
        ),
      ]);
      expect([plan.status, withdrawal.status]).toEqual([200, 200]);
      const stored = (await ctx.client.get("/api/admin/v1/distribution/settings", owner)).body;
      expect([stored.plan.ratesBps, stored.withdrawal.minimumFen]).toEqual([rates, 1000 + round]);
    }
    await enableDistribution(ctx, owner);
  });

  it("three sweepers at once over small batches settle each due commission exactly once", async () => {
    await createFreight(ctx, owner);
    const product = await createProduct(ctx, owner, {
      skus: [{ priceFen: 10000, stock: 100, specValues: [] }],
    });
    const a = await distributor(ctx);
    for (let i = 0; i < 7; i++) {
      const shopper = await shopperWithAddress(ctx);
      const bound = await ctx.client.post(
        "/api/v1/referrals/visit",
        { ref: a.code, source: "link" },
        shopper.token,
      );
      expect(bound.body.bound, JSON.stringify(bound.body)).toBe(true);
      const order = await placeOrder(ctx, shopper, [{ skuId: product.skus[0]!.id, quantity: 1 }]);
      await pay(ctx, order);
      await shipAndReceive(ctx, owner, order, shopper.token);
    }
    ctx.clock.advance(7 * DAY);
    const moved = await Promise.all(
      [1, 2, 3].map(() => releaseDueCommissions(ctx.deps, ctx.deps.now(), { batchSize: 2 })),
    );
    expect(moved.reduce((s, n) => s + n, 0)).toBe(7);
    expect(await wallet(ctx, a.token)).toMatchObject({ frozenFen: 0, availableFen: 7000 });
    expect(await releaseDueCommissions(ctx.deps, ctx.deps.now(), { batchSize: 2 })).toBe(0);

    // what the sweepers released is still pending (not on A's account): ten withdrawals of ¥30 at once
    // fold it once and two of them get it
    const results = await Promise.all(Array.from({ length: 10 }, () => withdraw30(a.token)));
    expect(results.filter((r) => r.status === 201)).toHaveLength(2);
    expect(await wallet(ctx, a.token)).toMatchObject({ availableFen: 1000, withdrawingFen: 6000 });
    const folds = await queryRows<{ n: number }>(
      ctx.deps.db,
      sql`select count(*)::int as n from ledger_transactions where idempotency_key like ${`fold:u:${a.userId}:%`}`,
    );
    expect(folds[0]!.n).toBe(1);
    expect(ledgerAuditClean(await auditLedger(ctx.deps.db))).toBe(true);
  });

  it("refunds approved while the sweep runs: each refunded line is cancelled, never released", async () => {
    const product = await createProduct(ctx, owner, {
      skus: [{ priceFen: 10000, stock: 100, specValues: [] }],
    });
    const a = await distributor(ctx);
    const orders: { id: number; items: { id: number }[]; shopper: { token: string } }[] = [];
    for (let i = 0; i < 6; i++) {
      const shopper = await shopperWithAddress(ctx);
      await ctx.client.post("/api/v1/referrals/visit", { ref: a.code, source: "link" }, shopper.token);
      const order = await placeOrder(ctx, shopper, [{ skuId: product.skus[0]!.id, quantity: 1 }]);
      await pay(ctx, order);
      await shipAndReceive(ctx, owner, order, shopper.token);
      orders.push({ ...order, shopper });
    }
    // two shoppers ask for a refund on the window's last day; staff approve (and refund) just as the
    // commissions fall due, while the sweep runs: each line is cancelled, never released and left frozen
    ctx.clock.advance(6 * DAY);
    const ask = async (o: (typeof orders)[number]) => {
      const asked = await ctx.client.post(
        `/api/v1/orders/${o.id}/after-sales`,
        { kind: "refund_only", items: [{ orderItemId: o.items[0]!.id, quantity: 1 }], reason: "不想要了" },
        o.shopper.token,
      );
      expect(asked.status, JSON.stringify(asked.body)).toBe(201);
      return asked.body.id as number;
    };
    const asked = [await ask(orders[2]!), await ask(orders[5]!)];
    ctx.clock.advance(DAY);
    const approve = async (id: number) => {
      const approved = await ctx.client.post(`/api/admin/v1/after-sales/${id}/approve`, {}, owner);
      expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    };
    await Promise.all([
      releaseDueCommissions(ctx.deps, ctx.deps.now(), { batchSize: 1 }),
      ...asked.map(approve),
    ]);
    await releaseDueCommissions(ctx.deps, ctx.deps.now());
    expect(await wallet(ctx, a.token)).toMatchObject({ frozenFen: 0, availableFen: 4000 });
  });

  it("20 binds under one upline at once, while two of the team pay: the team counters equal a recount", async () => {
    const product = await createProduct(ctx, owner, {
      skus: [{ priceFen: 10000, stock: 100, specValues: [] }],
    });
    const a = await distributor(ctx);
    const b = await distributor(ctx, a.code);
    const payer = await shopperWithAddress(ctx);
    await ctx.client.post("/api/v1/referrals/visit", { ref: b.code, source: "link" }, payer.token);
    const orders = [
      await placeOrder(ctx, payer, [{ skuId: product.skus[0]!.id, quantity: 1 }]),
      await placeOrder(ctx, payer, [{ skuId: product.skus[0]!.id, quantity: 1 }]),
    ];
    const shoppers = await Promise.all(Array.from({ length: 20 }, () => ctx.client.registerShopper()));
    const [binds] = await Promise.all([
      Promise.all(
        shoppers.map((s) =>
          ctx.client.post("/api/v1/referrals/visit", { ref: a.code, source: "link" }, s.token),
        ),
      ),
      ...orders.map((o) => pay(ctx, o)),
    ]);
    expect(binds.every((r) => r.status === 200 && r.body.bound)).toBe(true);
    const team = (await ctx.client.get("/api/v1/distribution/team", a.token)).body.levels;
    expect(team).toEqual([
      { level: 1, members: 21, salesFen: 0 },
      { level: 2, members: 1, salesFen: orders[0]!.payableFen + orders[1]!.payableFen },
    ]);
    expect(await findTeamStatsDrift(ctx.deps.db)).toEqual([]);
  });

  it("joining five times at once makes one distributor, and every request answers", async () => {
    for (let round = 0; round < 3; round++) {
      const shopper = await ctx.client.registerShopper();
      const joins = await Promise.all(
        Array.from({ length: 5 }, () => ctx.client.post("/api/v1/distribution/join", {}, shopper.token)),
      );
      const codes = new Set(joins.filter((r) => r.status === 200).map((r) => r.body.inviteCode));
      expect(codes.size).toBe(1);
      for (const r of joins.filter((x) => x.status !== 200))
        expect(r.body.error.code).toBe("ALREADY_DISTRIBUTOR");
    }
  });

  it("two grades moved to one rank at once: one keeps it, the other is told GRADE_RANK_TAKEN", async () => {
    const make = (rank: number, name: string) =>
      ctx.client.post("/api/admin/v1/distribution/grades", { rank, name, tasks: {}, ratesBps: null }, owner);
    const [x, y] = [(await make(501, "甲")).body.id, (await make(502, "乙")).body.id];
    const move = (id: number, name: string) =>
      ctx.client.put(
        `/api/admin/v1/distribution/grades/${id}`,
        { rank: 500, name, tasks: {}, ratesBps: null },
        owner,
      );
    const results = await Promise.all([move(x, "甲"), move(y, "乙")]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.status === 409)!.body.error.code).toBe("GRADE_RANK_TAKEN");
    for (const id of [x, y]) await ctx.client.delete(`/api/admin/v1/distribution/grades/${id}`, owner);
  });
});
