// Report figures equal a direct SQL computation over the orders, after-sales and commissions they summarise
// (partial refunds included), though the reports read only the daily roll-ups; bad ranges are refused and
// the lists stream as Excel-friendly CSV.
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../../src/db/client.ts";
import { createFreight, createProduct, pay, placeOrder } from "../commerce/fixtures.ts";
import { buyer, DAY, distributor, enableDistribution } from "../distribution/support.ts";
import { startTestApp, type TestContext } from "../support/test-app.ts";
import { partialRefund, settleTracking } from "./support.ts";

let ctx: TestContext;
let owner: string;
let a: Awaited<ReturnType<typeof distributor>>;
let b: Awaited<ReturnType<typeof distributor>>;
const range = "from=2026-11-20&to=2026-11-30";

beforeAll(async () => {
  ctx = await startTestApp();
  owner = await ctx.client.loginOwner();
  await enableDistribution(ctx, owner);
  await createFreight(ctx, owner);
  const apple = await createProduct(ctx, owner, {
    title: "苹果",
    skus: [{ priceFen: 10_000, stock: 100, specValues: [] }],
  });
  const pear = await createProduct(ctx, owner, {
    title: "梨",
    skus: [{ priceFen: 5_000, stock: 100, specValues: [] }],
  });
  a = await distributor(ctx);
  b = await distributor(ctx, a.code);
  await ctx.client.post("/api/v1/referrals/visit", { ref: a.code, source: "link" });
  await ctx.client.post("/api/v1/referrals/visit", { ref: b.code, source: "link" });
  const viaA = await buyer(ctx, a.code);
  const viaB = await buyer(ctx, b.code);

  // day 1: A's buyer pays two apples and a pear; B's buyer pays a pear
  const o1 = await placeOrder(ctx, viaA, [
    { skuId: apple.skus[0]!.id, quantity: 2 },
    { skuId: pear.skus[0]!.id, quantity: 1 },
  ]);
  await pay(ctx, o1);
  const o2 = await placeOrder(ctx, viaB, [{ skuId: pear.skus[0]!.id, quantity: 1 }]);
  await pay(ctx, o2);
  // day 3: A's buyer pays an apple, then gets ¥40 of it back; an order left unpaid
  ctx.clock.advance(2 * DAY);
  const o3 = await placeOrder(ctx, viaA, [{ skuId: apple.skus[0]!.id, quantity: 1 }]);
  await pay(ctx, o3);
  await placeOrder(ctx, viaB, [{ skuId: apple.skus[0]!.id, quantity: 1 }]);
  ctx.clock.advance(DAY);
  await partialRefund(ctx, owner, viaA, o3, 4000);
  // and ¥10 back on the first order's apple line, on day 5
  ctx.clock.advance(DAY);
  await partialRefund(ctx, owner, viaA, o1, 1000);
  await settleTracking(ctx);
});

const rows = (query: ReturnType<typeof sql>) => queryRows<Record<string, unknown>>(ctx.deps.db, query);
const day = (column: string) =>
  sql.raw(`to_char((${column} at time zone 'Asia/Shanghai')::date, 'YYYY-MM-DD')`);

describe("report figures equal the SQL over the business tables", () => {
  it("sales by day: orders placed and paid, paid fen, refunds (partial ones too)", async () => {
    const report = await ctx.client.get(`/api/admin/v1/reports/sales?${range}`, owner);
    expect(report.status, JSON.stringify(report.body)).toBe(200);
    const placed = await rows(
      sql`select ${day("placed_at")} as d, count(*)::int as n from orders group by 1`,
    );
    const paid = await rows(
      sql`select ${day("paid_at")} as d, count(*)::int as n, sum(payable_fen)::int as fen from orders where paid_at is not null group by 1`,
    );
    const refunded = await rows(
      sql`select ${day("refunded_at")} as d, count(*)::int as n, sum(refund_fen)::int as fen from after_sales where status = 'refunded' group by 1`,
    );
    const days = new Set([...placed, ...paid, ...refunded].map((r) => String(r.d)));
    const expected = [...days].sort().map((d) => {
      const p = paid.find((r) => r.d === d);
      const r = refunded.find((x) => x.d === d);
      return {
        period: d,
        placedOrders: Number(placed.find((x) => x.d === d)?.n ?? 0),
        paidOrders: Number(p?.n ?? 0),
        paidFen: Number(p?.fen ?? 0),
        refunds: Number(r?.n ?? 0),
        refundFen: Number(r?.fen ?? 0),
      };
    });
    expect(
      report.body.rows.map(({ aovFen: _a, returnRateBps: _r, ...row }: Record<string, number>) => row),
    ).toEqual(expected);
    expect(report.body.totals.refundFen).toBe(5000);
    const [total] = await rows(
      sql`select sum(payable_fen)::int as fen from orders where paid_at is not null`,
    );
    expect(report.body.totals.paidFen).toBe(total!.fen);
    expect(report.body.totals.returnRateBps).toBe(Math.floor((5000 * 10_000) / Number(total!.fen)));
  });

  it("distributor ranking: promoted sales by the level-1 upline frozen on the order, and net commission", async () => {
    const report = await ctx.client.get(`/api/admin/v1/reports/distributors?${range}`, owner);
    const sales = await rows(
      sql`select (d.chain->0->>'userId')::int as id, sum(o.payable_fen)::int as fen, count(*)::int as n
          from orders o join order_distribution d on d.order_id = o.id where o.paid_at is not null group by 1 order by 2 desc`,
    );
    const commission = await rows(
      sql`select earner_user_id::int as id, sum(amount_fen - clawed_back_fen)::int as fen from commissions where status <> 'cancelled' group by 1`,
    );
    expect(
      report.body.rows.map((r: Record<string, number>) => [
        r.userId,
        r.paidFen,
        r.paidOrders,
        r.commissionFen,
      ]),
    ).toEqual(sales.map((s) => [s.id, s.fen, s.n, Number(commission.find((c) => c.id === s.id)?.fen ?? 0)]));
    expect(report.body.rows[0].userId).toBe(a.userId);
  });

  it("product ranking: paid fen per product from the paid lines", async () => {
    const report = await ctx.client.get(`/api/admin/v1/reports/products?${range}`, owner);
    const lines = await rows(
      sql`select i.product_id::int as id, sum(i.paid_fen)::int as fen, sum(i.quantity)::int as q
          from order_items i join orders o on o.id = i.order_id where o.paid_at is not null group by 1 order by 2 desc`,
    );
    expect(report.body.rows.map((r: Record<string, number>) => [r.productId, r.paidFen, r.quantity])).toEqual(
      lines.map((l) => [l.id, l.fen, l.q]),
    );
  });

  it("overview: commission against sales, provinces, new people and the active distributor ratio", async () => {
    const report = await ctx.client.get(`/api/admin/v1/reports/overview?${range}`, owner);
    expect(report.status, JSON.stringify(report.body)).toBe(200);
    const [c] = await rows(
      sql`select sum(amount_fen - clawed_back_fen)::int as fen from commissions where status <> 'cancelled'`,
    );
    const [s] = await rows(sql`select sum(payable_fen)::int as fen from orders where paid_at is not null`);
    expect(report.body).toMatchObject({
      salesFen: s!.fen,
      commissionFen: c!.fen,
      commissionRateBps: Math.floor((Number(c!.fen) * 10_000) / Number(s!.fen)),
      newDistributors: 2,
      promotingDistributors: 2,
      activeDistributors: 2,
      activeDistributorRatioBps: 10_000,
      provinces: [{ provinceCode: "440000", province: "广东省", paidOrders: 3, paidFen: s!.fen }],
    });
  });

  it("funnel of one distributor: link opens → visitors → orders placed → paid", async () => {
    const report = await ctx.client.get(
      `/api/admin/v1/reports/funnel?${range}&distributorUserId=${b.userId}`,
      owner,
    );
    expect(report.body.funnel).toMatchObject({ linkOpens: 1, placedOrders: 2, paidOrders: 1 });
    const mine = await ctx.client.get(`/api/v1/distribution/stats?${range}`, b.token);
    expect(mine.body.funnel).toEqual(report.body.funnel);
    const [own] = await rows(
      sql`select sum(o.payable_fen)::int as fen from orders o join order_distribution d on d.order_id = o.id
          where o.paid_at is not null and (d.chain->0->>'userId')::int = ${b.userId}`,
    );
    const trendFen = mine.body.trend.reduce((sum: number, r: { paidFen: number }) => sum + r.paidFen, 0);
    expect(trendFen).toBe(own!.fen);
  });

  it("the dashboard answers today's figures and a 30-day trend with a point per day", async () => {
    const dash = await ctx.client.get("/api/admin/v1/reports/dashboard", owner);
    expect(dash.status, JSON.stringify(dash.body)).toBe(200);
    expect(dash.body.trend).toHaveLength(30);
    expect(dash.body.topDistributors[0].userId).toBe(a.userId);
  });
});

describe("bad input and exports", () => {
  it("refuses a 100-year range and a range that ends before it starts", async () => {
    const long = await ctx.client.get("/api/admin/v1/reports/sales?from=1926-01-01&to=2026-01-01", owner);
    expect([long.status, long.body.error.code]).toEqual([422, "REPORT_RANGE_TOO_LONG"]);
    const backwards = await ctx.client.get(
      "/api/admin/v1/reports/sales?from=2026-02-01&to=2026-01-01",
      owner,
    );
    expect([backwards.status, backwards.body.error.code]).toEqual([422, "VALIDATION_FAILED"]);
    const junk = await ctx.client.get("/api/admin/v1/reports/sales?from=2026-13-45", owner);
    expect(junk.status).toBe(422);
  });

  it("streams every list as CSV a spreadsheet opens: BOM, CRLF, one line per row, phones masked", async () => {
    const commissions = await ctx.client.get("/api/admin/v1/exports/commissions.csv", owner);
    expect(commissions.headers["content-type"]).toContain("text/csv");
    const lines = String(commissions.body).split("\r\n").filter(Boolean);
    expect(lines[0]!.startsWith("\uFEFF编号")).toBe(true);
    const [n] = await rows(sql`select count(*)::int as n from commissions`);
    expect(lines).toHaveLength(Number(n!.n) + 1);
    const customers = String((await ctx.client.get("/api/admin/v1/exports/customers.csv", owner)).body);
    expect(customers).toMatch(/\d{3}\*{4}\d{4}/);
    expect(customers).not.toMatch(/,1\d{10},/);
    for (const name of ["withdrawals", "distributors"]) {
      const res = await ctx.client.get(`/api/admin/v1/exports/${name}.csv`, owner);
      expect(res.status).toBe(200);
    }
    const sales = await ctx.client.get(`/api/admin/v1/reports/sales.csv?${range}`, owner);
    expect(String(sales.body)).toContain("total");
  });

  it("the customer list shows each shopper's paid orders, spend net of refunds and referrer", async () => {
    const list = await ctx.client.get("/api/admin/v1/customers?limit=100", owner);
    expect(list.status, JSON.stringify(list.body)).toBe(200);
    const spend = await rows(
      sql`select buyer_user_id::int as id, count(*)::int as n, sum(payable_fen - refunded_fen)::int as fen
          from orders where paid_at is not null group by 1`,
    );
    for (const s of spend) {
      const row = list.body.items.find((c: { id: number }) => c.id === s.id);
      expect([row.orders, row.spentFen]).toEqual([s.n, s.fen]);
      expect(row.referrer).not.toBeNull();
    }
  });
});
