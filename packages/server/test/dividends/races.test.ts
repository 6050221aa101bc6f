// Dividend runs under concurrency, which only a real PostgreSQL can show: five previews of one period at once
// make one run, and five approvals of it at once pay it once (one ledger transaction; the others are told
// RUN_ALREADY_APPROVED).
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../../src/db/client.ts";
import { completeDueOrders } from "../../src/modules/orders/service.ts";
import { createFreight, createProduct, pay, placeOrder } from "../commerce/fixtures.ts";
import { buyer, DAY, distributor, enableDistribution, shipAndReceive } from "../distribution/support.ts";
import { startTestApp, type TestContext } from "../support/test-app.ts";
import { onPostgres } from "../support/test-database.ts";

let ctx: TestContext;
let owner: string;
const admin = (path: string) => `/api/admin/v1/dividends${path}`;

describe.runIf(onPostgres)("dividend races on PostgreSQL", () => {
  beforeAll(async () => {
    ctx = await startTestApp();
    owner = await ctx.client.loginOwner();
    await enableDistribution(ctx, owner);
    await createFreight(ctx, owner);
    const product = await createProduct(ctx, owner, {
      skus: [{ priceFen: 10_000, stock: 10, specValues: [] }],
    });
    const a = await distributor(ctx);
    const shopper = await buyer(ctx, a.code);
    const order = await placeOrder(ctx, shopper, [{ skuId: product.skus[0]!.id, quantity: 1 }]);
    expect((await pay(ctx, order)).outcome).toBe("paid");
    await shipAndReceive(ctx, owner, order, shopper.token);
    ctx.clock.advance(7 * DAY + 3_600_000);
    expect(await completeDueOrders(ctx.deps, ctx.clock.now())).toBe(1);
    ctx.clock.advance(DAY);
    const gold = await ctx.client.post(admin("/grades"), { rank: 1, name: "金牌", rateBps: 500 }, owner);
    await ctx.client.put(admin(`/members/${a.userId}`), { gradeId: gold.body.id }, owner);
    const pool = {
      mode: "static",
      allocation: "per_grade",
      weightedPoolBps: 0,
      levels: [],
      capOverflow: "redistribute",
    };
    const caps = { dayFen: null, monthFen: null, quarterFen: null, yearFen: null };
    const team = { enabled: false, mode: "differential", depth: 3, tiers: [] };
    expect((await ctx.client.put(admin("/settings"), { pool, caps, team }, owner)).status).toBe(200);
  });

  it("five previews and then five approvals of one day at once: one run, paid once", async () => {
    const previews = await Promise.all(
      Array.from({ length: 5 }, () =>
        ctx.client.post(admin("/runs"), { kind: "static", periodKey: "2026-11-30" }, owner),
      ),
    );
    expect(previews.filter((r) => r.status === 201)).toHaveLength(1);
    expect(new Set(previews.map((r) => r.body.id)).size).toBe(1);
    const id = previews[0]!.body.id as number;
    expect(previews[0]!.body.paidFen).toBe(500);

    const approvals = await Promise.all(
      Array.from({ length: 5 }, () => ctx.client.post(admin(`/runs/${id}/approve`), {}, owner)),
    );
    expect(approvals.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409]);
    expect(
      approvals.filter((r) => r.status === 409).every((r) => r.body.error.code === "RUN_ALREADY_APPROVED"),
    ).toBe(true);
    const posted = await queryRows<{ n: number }>(
      ctx.deps.db,
      sql`select count(*)::int as n from ledger_transactions where idempotency_key like 'dividend:%'`,
    );
    expect(posted[0]!.n).toBe(1);
  });
});
