// Every kind of tracking event carries the distributor in force: a link's code when it names an active
// distributor, else the shopper's upline; orders the upline frozen onto them. An unknown or frozen code
// opens the page, binds nobody and is still recorded. The daily roll-ups give the raw events' figures.
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../../src/db/client.ts";
import { createFreight, createProduct, pay, placeOrder } from "../commerce/fixtures.ts";
import { buyer, distributor, enableDistribution } from "../distribution/support.ts";
import { startTestApp, type TestContext } from "../support/test-app.ts";
import { events, partialRefund, settleTracking } from "./support.ts";

let ctx: TestContext;
let owner: string;
let product: Awaited<ReturnType<typeof createProduct>>;

beforeAll(async () => {
  ctx = await startTestApp();
  owner = await ctx.client.loginOwner();
  await enableDistribution(ctx, owner);
  await createFreight(ctx, owner);
  product = await createProduct(ctx, owner, { skus: [{ priceFen: 10_000, stock: 50, specValues: [] }] });
});

describe("attribution of every event kind", () => {
  it("link opened, viewed, shared, added to cart, ordered, paid and refunded all name the distributor", async () => {
    const a = await distributor(ctx);
    const opened = await ctx.client.post("/api/v1/referrals/visit", {
      ref: a.code,
      source: "product",
      productId: product.id,
    });
    expect(opened.status).toBe(200);
    const viewed = await ctx.client.post("/api/v1/events", {
      ref: a.code,
      visitorKey: "device-0001",
      events: [{ kind: "page_view", productId: product.id, source: "product" }],
    });
    expect(viewed.body).toEqual({ accepted: 1 });
    await ctx.client.post(
      "/api/v1/events",
      { ref: a.code, events: [{ kind: "share", productId: product.id, source: "wechat" }] },
      a.token,
    );

    const c = await buyer(ctx, a.code);
    await ctx.client.post("/api/v1/events", { events: [{ kind: "page_view", source: "home" }] }, c.token);
    const carted = await ctx.client.post(
      "/api/v1/cart/items",
      { skuId: product.skus[0]!.id, quantity: 2 },
      c.token,
    );
    expect(carted.status).toBe(200);
    const order = await placeOrder(ctx, c, [{ skuId: product.skus[0]!.id, quantity: 1 }]);
    await pay(ctx, order);
    await partialRefund(ctx, owner, c, order, 4000);
    await settleTracking(ctx);

    const mine = (await events(ctx)).filter((e) => e.distributorUserId === a.userId);
    expect(mine.map((e) => [e.kind, e.visitorUserId, e.productId, e.amountFen, e.provinceCode])).toEqual([
      ["link_open", null, product.id, null, null],
      ["page_view", null, product.id, null, null],
      ["share", a.userId, product.id, null, null],
      ["page_view", c.userId, null, null, null],
      ["add_to_cart", c.userId, product.id, null, null],
      ["order_placed", c.userId, null, order.payableFen, "440000"],
      ["order_paid", c.userId, null, order.payableFen, "440000"],
      ["refund", c.userId, null, 4000, "440000"],
    ]);
    expect(mine.filter((e) => e.orderId !== null).every((e) => e.orderId === order.id)).toBe(true);
  });

  it("an unknown code and a frozen code open the page, bind nobody, and are recorded", async () => {
    const f = await distributor(ctx);
    const frozen = await ctx.client.post(
      `/api/admin/v1/distribution/distributors/${f.userId}/status`,
      { action: "freeze", reason: "刷单" },
      owner,
    );
    expect(frozen.status).toBe(200);
    const visitor = await ctx.client.registerShopper();

    const unknown = await ctx.client.post(
      "/api/v1/referrals/visit",
      { ref: "NOBODY99", source: "link" },
      visitor.token,
    );
    expect([unknown.status, unknown.body.error.code]).toEqual([404, "REFERRAL_CODE_UNKNOWN"]);
    const refused = await ctx.client.post(
      "/api/v1/referrals/visit",
      { ref: f.code, source: "link" },
      visitor.token,
    );
    expect(refused.body.error.code).toBe("DISTRIBUTOR_FROZEN");
    const referrer = await ctx.client.get("/api/v1/distribution/referrer", visitor.token);
    expect(referrer.body.referrer).toBeNull();

    await settleTracking(ctx);
    const opens = (await events(ctx)).filter(
      (e) => e.kind === "link_open" && e.visitorUserId === visitor.userId,
    );
    expect(opens.map((e) => [e.refCode, e.distributorUserId, e.outcome])).toEqual([
      ["NOBODY99", null, "code_unknown"],
      [f.code, null, "code_frozen"],
    ]);
  });

  it("refuses a batch that is too large or names a kind only the server records", async () => {
    const tooMany = await ctx.client.post("/api/v1/events", {
      events: Array.from({ length: 51 }, () => ({ kind: "page_view" })),
    });
    expect([tooMany.status, tooMany.body.error.code]).toEqual([422, "VALIDATION_FAILED"]);
    const forged = await ctx.client.post("/api/v1/events", { events: [{ kind: "order_paid" }] });
    expect(forged.status).toBe(422);
  });
});

describe("the daily roll-ups", () => {
  it("give the same figures as the raw events, per day, kind, distributor, province, product and shop-wide", async () => {
    await settleTracking(ctx);
    const byRaw = await queryRows<Record<string, unknown>>(
      ctx.deps.db,
      sql`select (at at time zone 'Asia/Shanghai')::date::text as day, kind, coalesce(distributor_user_id, 0)::int as d,
            count(*)::int as events, count(distinct order_id)::int as orders, coalesce(sum(amount_fen), 0)::int as fen
          from tracking_events group by 1, 2, 3 order by 1, 2, 3`,
    );
    const byRollup = await queryRows<Record<string, unknown>>(
      ctx.deps.db,
      sql`select day::text as day, kind, distributor_user_id::int as d, sum(events)::int as events,
            sum(orders)::int as orders, sum(amount_fen)::int as fen
          from tracking_daily group by 1, 2, 3 order by 1, 2, 3`,
    );
    expect(byRollup).toEqual(byRaw);
    expect(byRaw.length).toBeGreaterThan(5);

    const productRaw = await queryRows<Record<string, unknown>>(
      ctx.deps.db,
      sql`select e.kind, coalesce(i."productId", e.product_id)::int as p, coalesce(sum(i.fen), 0)::int as fen
          from tracking_events e left join lateral jsonb_to_recordset(e.items) as i("productId" bigint, fen bigint) on true
          where coalesce(i."productId", e.product_id) is not null group by 1, 2 order by 1, 2`,
    );
    const productRollup = await queryRows<Record<string, unknown>>(
      ctx.deps.db,
      sql`select kind, product_id::int as p, sum(amount_fen)::int as fen from tracking_daily_products group by 1, 2 order by 1, 2`,
    );
    expect(productRollup).toEqual(productRaw);

    // the shop-wide totals (what the dashboard reads) are the same events without the distributor
    const totalsRaw = await queryRows<Record<string, unknown>>(
      ctx.deps.db,
      sql`select (at at time zone 'Asia/Shanghai')::date::text as day, kind, coalesce(province_code, '') as p,
            count(*)::int as events, count(distinct order_id)::int as orders, coalesce(sum(amount_fen), 0)::int as fen
          from tracking_events group by 1, 2, 3 order by 1, 2, 3`,
    );
    const totals = await queryRows<Record<string, unknown>>(
      ctx.deps.db,
      sql`select day::text as day, kind, province_code as p, events, orders, amount_fen::int as fen
          from tracking_daily_totals order by 1, 2, 3`,
    );
    expect(totals).toEqual(totalsRaw);
  });

  it("a redelivered outbox message is written once, and rolling a day again changes nothing", async () => {
    const before = await events(ctx);
    await ctx.deps.db.execute(
      sql`update outbox set delivered_at = null, next_attempt_at = now() - interval '1 day'`,
    );
    await settleTracking(ctx);
    expect(await events(ctx)).toEqual(before);
  });
});
