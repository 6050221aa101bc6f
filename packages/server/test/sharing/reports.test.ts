// Report figures equal a direct SQL computation over the orders, after-sales and commissions they summarise
// (partial refunds included), though the reports read only the daily roll-ups; bad ranges are refused and
// the lists stream as Excel-friendly CSV.
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../../src/db/client.ts";
import { completeDueOrders } from "../../src/modules/orders/service.ts";
import { createFreight, createProduct, pay, placeOrder } from "../commerce/fixtures.ts";
import { buyer, DAY, distributor, enableDistribution, shipAndReceive } from "../distribution/support.ts";
import { startTestApp, type TestContext } from "../support/test-app.ts";
import { partialRefund, settleTracking } from "./support.ts";

let ctx: TestContext;
let owner: string;
let a: Awaited<ReturnType<typeof distributor>>;
let b: Awaited<ReturnType<typeof distributor>>;
let viaA: Awaited<ReturnType<typeof buyer>>;
let viaB: Awaited<ReturnType<typeof buyer>>;
let o2: Awaited<ReturnType<typeof placeOrder>>;
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
  viaA = await buyer(ctx, a.code);
  viaB = await buyer(ctx, b.code);

  // day 1: A's buyer pays two apples and a pear; B's buyer pays a pear
  const o1 = await placeOrder(ctx, viaA, [
    { skuId: apple.skus[0]!.id, quantity: 2 },
    { skuId: pear.skus[0]!.id, quantity: 1 },
  ]);
  await pay(ctx, o1);
  o2 = await placeOrder(ctx, viaB, [{ skuId: pear.skus[0]!.id, quantity: 1 }]);
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

describe("customer tags", () => {
  it("the merchant names tags, tags a customer, filters the list and the export by a tag; support may tag, finance may not see", async () => {
    const vip = await ctx.client.post("/api/admin/v1/customer-tags", { name: "VIP", color: "gold" }, owner);
    expect(vip.status, JSON.stringify(vip.body)).toBe(201);
    const again = await ctx.client.post("/api/admin/v1/customer-tags", { name: "VIP" }, owner);
    expect([again.status, again.body.error.code]).toEqual([409, "CUSTOMER_TAG_TAKEN"]);
    const repeat = (await ctx.client.post("/api/admin/v1/customer-tags", { name: "复购" }, owner)).body;

    const support = await ctx.client.createStaff(owner, "support");
    const tagged = await ctx.client.put(
      `/api/admin/v1/customers/${viaA.userId}/tags`,
      { tagIds: [vip.body.id, repeat.id] },
      support,
    );
    expect(tagged.status, JSON.stringify(tagged.body)).toBe(200);
    expect(tagged.body.tags.map((t: { name: string }) => t.name)).toEqual(["VIP", "复购"]);
    // an unknown tag is refused and the customer keeps the tags they had
    const unknown = await ctx.client.put(
      `/api/admin/v1/customers/${viaA.userId}/tags`,
      { tagIds: [vip.body.id, 999_999] },
      owner,
    );
    expect([unknown.status, unknown.body.error.code]).toEqual([422, "CUSTOMER_TAG_UNKNOWN"]);
    const tooMany = await ctx.client.put(
      `/api/admin/v1/customers/${viaA.userId}/tags`,
      { tagIds: Array.from({ length: 21 }, (_, i) => i + 1) },
      owner,
    );
    expect([tooMany.status, tooMany.body.error.code]).toEqual([422, "CUSTOMER_TAGS_TOO_MANY"]);
    await ctx.client.put(`/api/admin/v1/customers/${viaB.userId}/tags`, { tagIds: [repeat.id] }, owner);

    const vips = await ctx.client.get(`/api/admin/v1/customers?tagId=${vip.body.id}`, owner);
    expect(
      vips.body.items.map((c: { id: number; tags: { name: string }[] }) => [c.id, c.tags.map((t) => t.name)]),
    ).toEqual([[viaA.userId, ["VIP", "复购"]]]);
    const repeaters = await ctx.client.get(`/api/admin/v1/customers?tagId=${repeat.id}`, owner);
    expect(repeaters.body.items.map((c: { id: number }) => c.id)).toEqual([viaA.userId, viaB.userId]);
    const tags = await ctx.client.get("/api/admin/v1/customer-tags", owner);
    expect(tags.body.items.map((t: { name: string; customers: number }) => [t.name, t.customers])).toEqual([
      ["VIP", 1],
      ["复购", 2],
    ]);
    const csv = String(
      (await ctx.client.get(`/api/admin/v1/exports/customers.csv?tagId=${vip.body.id}`, owner)).body,
    );
    const lines = csv.split("\r\n").filter(Boolean);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain("标签");
    expect(lines[1]).toMatch(/,VIP 复购$/);

    const finance = await ctx.client.createStaff(owner, "finance");
    expect((await ctx.client.get("/api/admin/v1/customers", finance)).status).toBe(403);
    expect(
      (await ctx.client.put(`/api/admin/v1/customers/${viaB.userId}/tags`, { tagIds: [] }, finance)).status,
    ).toBe(403);
    // deleting a tag takes it off every customer
    expect((await ctx.client.delete(`/api/admin/v1/customer-tags/${repeat.id}`, owner)).status).toBe(204);
    const after = await ctx.client.get(`/api/admin/v1/customers?tagId=${vip.body.id}`, owner);
    expect(after.body.items[0].tags.map((t: { name: string }) => t.name)).toEqual(["VIP"]);
  });
});

describe("reconciliation", () => {
  it("lists every payment of the range beside the ledger transaction that booked it", async () => {
    const res = await ctx.client.get(`/api/admin/v1/exports/reconciliation.csv?${range}`, owner);
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toContain("text/csv");
    const lines = String(res.body).split("\r\n").filter(Boolean);
    expect(lines[0]).toBe("\uFEFF日期,渠道,类型,商户单号,渠道流水号,订单号,金额,入账金额,差额,核对,完成时间");
    const payments = await rows(
      sql`select out_trade_no as no, amount_fen::int as fen from payments where status = 'paid' order by id`,
    );
    const refunds = await rows(
      sql`select out_refund_no as no, amount_fen::int as fen from refunds where status = 'succeeded' order by id`,
    );
    // the test app pays through the sandbox without a provider: three payments, and refunds that moved no money
    expect([payments.length, refunds.length]).toEqual([3, 0]);
    const cells = lines.slice(1).map((l) => l.split(","));
    expect(cells.map((c) => [c[2], c[3], c[6], c[7], c[8], c[9]])).toEqual([
      ...payments.map((p) => [
        "收款",
        p.no,
        (Number(p.fen) / 100).toFixed(2),
        (Number(p.fen) / 100).toFixed(2),
        "0.00",
        "一致",
      ]),
      ...refunds.map((r) => [
        "退款",
        r.no,
        (Number(r.fen) / 100).toFixed(2),
        (Number(r.fen) / 100).toFixed(2),
        "0.00",
        "一致",
      ]),
    ]);
    // a page of one line at a time gives the same file (the keyset walks every row once)
    const { reconciliationCsv } = await import("../../src/modules/reports/reconciliation.ts");
    const chunks: string[] = [];
    for await (const chunk of reconciliationCsv(
      ctx.deps.db,
      { from: "2026-11-20", to: "2026-11-30", days: 11 },
      1,
    ))
      chunks.push(String(chunk));
    expect(chunks.join("")).toBe(String(res.body));
  });

  it("sums each day and provider as received, refunded and booked in the ledger; finance may read it, support may not", async () => {
    const finance = await ctx.client.createStaff(owner, "finance");
    const res = await ctx.client.get(`/api/admin/v1/exports/reconciliation-daily.csv?${range}`, finance);
    expect(res.status).toBe(200);
    const lines = String(res.body).split("\r\n").filter(Boolean).slice(1);
    const expected = await rows(
      sql`select d, provider, sum(p)::int as p, sum(pf)::int as pf, sum(r)::int as r, sum(rf)::int as rf from (
            select ${day("paid_at")} as d, provider, 1 as p, amount_fen as pf, 0 as r, 0 as rf from payments where status = 'paid'
            union all
            select ${day("done_at")}, provider, 0, 0, 1, amount_fen from refunds where status = 'succeeded') s
          group by 1, 2 order by 1, 2`,
    );
    const fmt = (fen: number) => (fen / 100).toFixed(2);
    expect(lines.map((l) => l.split(",").filter((_, i) => i !== 1))).toEqual(
      expected.map((e) => [
        e.d,
        String(e.p),
        fmt(Number(e.pf)),
        fmt(Number(e.pf)),
        String(e.r),
        fmt(Number(e.rf)),
        fmt(Number(e.rf)),
        fmt(Number(e.pf) - Number(e.rf)),
        fmt(Number(e.pf) - Number(e.rf)),
        "0.00",
        "一致",
      ]),
    );
    const support = await ctx.client.createStaff(owner, "support");
    expect((await ctx.client.get(`/api/admin/v1/exports/reconciliation.csv?${range}`, support)).status).toBe(
      403,
    );
    const long = await ctx.client.get(
      "/api/admin/v1/exports/reconciliation.csv?from=1926-01-01&to=2026-01-01",
      owner,
    );
    expect([long.status, long.body.error.code]).toEqual([422, "REPORT_RANGE_TOO_LONG"]);
  });
});

describe("dividends against sales", () => {
  it("the overview and dashboard count the dividends an approved run paid, as the ledger booked them", async () => {
    // B's buyer receives the pear; its after-sale window closes in December, and December's bonus is run
    await shipAndReceive(ctx, owner, o2, viaB.token);
    ctx.clock.advance(7 * DAY + 3_600_000);
    await completeDueOrders(ctx.deps, ctx.clock.now());
    ctx.clock.set(new Date("2027-01-02T02:00:00.000Z"));
    owner = await ctx.client.loginOwner();
    const saved = await ctx.client.put(
      "/api/admin/v1/dividends/settings",
      {
        pool: {
          mode: "static",
          allocation: "per_grade",
          weightedPoolBps: 0,
          levels: [],
          capOverflow: "redistribute",
        },
        caps: { dayFen: null, monthFen: null, quarterFen: null, yearFen: null },
        team: {
          enabled: true,
          mode: "differential",
          depth: 3,
          tiers: [{ thresholdFen: 10_000, rateBps: 300 }],
        },
        bonuses: [{ kind: "every_amount", stepFen: 1_000, bonusFen: 100 }],
      },
      owner,
    );
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const run = await ctx.client.post(
      "/api/admin/v1/dividends/runs",
      { kind: "bonus", periodKey: "2026-12" },
      owner,
    );
    expect(run.status, JSON.stringify(run.body)).toBe(201);
    expect(run.body.paidFen).toBeGreaterThan(0);
    expect(
      (await ctx.client.post(`/api/admin/v1/dividends/runs/${run.body.id}/approve`, {}, owner)).status,
    ).toBe(200);

    const [booked] = await rows(
      sql`select coalesce(sum(e.amount_fen), 0)::int as fen from ledger_entries e
          join ledger_accounts a on a.id = e.account_id where a.code = 'dividend_expense'`,
    );
    const overview = await ctx.client.get(
      "/api/admin/v1/reports/overview?from=2027-01-01&to=2027-01-31",
      owner,
    );
    expect(overview.body).toMatchObject({
      dividendFen: booked!.fen,
      dividends: [{ kind: "bonus", runs: 1, paidFen: booked!.fen }],
    });
    const before = await ctx.client.get(`/api/admin/v1/reports/overview?${range}`, owner);
    expect([before.body.dividendFen, before.body.dividendRateBps]).toEqual([0, 0]);
    const dash = await ctx.client.get("/api/admin/v1/reports/dashboard", owner);
    expect(dash.body.today.dividendFen).toBe(booked!.fen);
    expect(dash.body.trend.at(-1).dividendFen).toBe(booked!.fen);
  });
});
