// The fraud check's per-earner counters (orders with a commission, refunded orders) are maintained on
// payment and refund instead of recounted; after any mix of payments, repeats, partial and full refunds
// they equal a recount of the commissions, and concurrent payments for one earner count exactly.
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../../src/db/client.ts";
import { createProduct, pay, placeOrder } from "../commerce/fixtures.ts";
import { startTestApp, type TestContext } from "../support/test-app.ts";
import { onPostgres } from "../support/test-database.ts";
import { buyer, distributor, enableDistribution } from "./support.ts";

let ctx: TestContext;
let owner: string;
let skus: number[];

beforeAll(async () => {
  ctx = await startTestApp();
  owner = await ctx.client.loginOwner();
  await enableDistribution(ctx, owner);
  const product = await createProduct(ctx, owner, {
    specAxes: [{ name: "颜色", values: ["红", "蓝"] }],
    skus: [
      { priceFen: 10_000, stock: 1000, specValues: ["红"] },
      { priceFen: 6_000, stock: 1000, specValues: ["蓝"] },
    ],
  });
  skus = product.skus.map((s: { id: number }) => s.id);
});

type Counts = { orders: number; refunded: number };

/** What the counters hold for each of `users`, and what a recount of their commissions gives. */
async function countersAndRecount(users: number[]) {
  const list = sql.raw(users.join(","));
  const kept = await queryRows<{ userId: number } & Counts>(
    ctx.deps.db,
    sql`select user_id as "userId", sum(orders)::int as orders, sum(refunded_orders)::int as refunded
        from earner_order_counts where user_id in (${list}) group by user_id order by user_id`,
  );
  const recount = await queryRows<{ userId: number } & Counts>(
    ctx.deps.db,
    sql`select earner_user_id as "userId", count(distinct order_id)::int as orders,
               (count(distinct order_id) filter (where clawed_back_fen > 0))::int as refunded
        from commissions where earner_user_id in (${list}) group by earner_user_id order by earner_user_id`,
  );
  const shape = (rows: ({ userId: number } & Counts)[]) =>
    rows.map((r) => ({ userId: Number(r.userId), orders: r.orders, refunded: r.refunded }));
  return { kept: shape(kept), recount: shape(recount) };
}

async function refund(
  order: { id: number },
  token: string,
  items: { orderItemId: number; quantity: number }[],
) {
  const asked = await ctx.client.post(
    `/api/v1/orders/${order.id}/after-sales`,
    { kind: "refund_only", items, reason: "不想要了" },
    token,
  );
  expect(asked.status, JSON.stringify(asked.body)).toBe(201);
  const approved = await ctx.client.post(
    `/api/admin/v1/after-sales/${asked.body.id}/approve`,
    { note: "同意" },
    owner,
  );
  expect(approved.status, JSON.stringify(approved.body)).toBe(200);
}

describe("earner order counters", () => {
  it("equal a recount after payments, a repeated notification, partial, second and full refunds", async () => {
    const a = await distributor(ctx);
    const b = await distributor(ctx, a.code);
    const c = await buyer(ctx, b.code);
    const both = [
      { skuId: skus[0]!, quantity: 2 },
      { skuId: skus[1]!, quantity: 1 },
    ];
    const kept = await placeOrder(ctx, c, both);
    const partly = await placeOrder(ctx, c, both);
    const whole = await placeOrder(ctx, c, [{ skuId: skus[0]!, quantity: 1 }]);
    await placeOrder(ctx, c, both); // never paid: no commission, counts nowhere
    for (const order of [kept, partly, whole]) await pay(ctx, order);
    await pay(ctx, kept); // the provider reports it again

    expect((await countersAndRecount([a.userId, b.userId])).kept).toEqual([
      { userId: a.userId, orders: 3, refunded: 0 },
      { userId: b.userId, orders: 3, refunded: 0 },
    ]);

    // one unit of the first line, then the second line: the order counts as refunded once
    await refund(partly, c.token, [{ orderItemId: partly.items[0].id, quantity: 1 }]);
    await refund(partly, c.token, [{ orderItemId: partly.items[1].id, quantity: 1 }]);
    await refund(whole, c.token, [{ orderItemId: whole.items[0].id, quantity: 1 }]);

    const after = await countersAndRecount([a.userId, b.userId]);
    expect(after.kept).toEqual([
      { userId: a.userId, orders: 3, refunded: 2 },
      { userId: b.userId, orders: 3, refunded: 2 },
    ]);
    expect(after.kept).toEqual(after.recount);

    // what the counters are for: 2 of 3 orders refunded is over a 50% threshold, so the next one waits
    await enableDistribution(ctx, owner, { fraud: { refundMinOrders: 3, refundMaxRatioBps: 5000 } });
    const next = await placeOrder(ctx, c, [{ skuId: skus[0]!, quantity: 1 }]);
    await pay(ctx, next);
    expect(await holdReasonsOn(next.id, b.userId)).toEqual(["REFUND_PATTERN"]);
    await enableDistribution(ctx, owner);
  });

  it("bindings in the last hour past the threshold hold the earner's commission", async () => {
    await enableDistribution(ctx, owner, { fraud: { maxBindsPerHour: 2 } });
    const d = await distributor(ctx);
    const buyers = [];
    for (let i = 0; i < 3; i++) buyers.push(await buyer(ctx, d.code));
    const order = await placeOrder(ctx, buyers[0]!, [{ skuId: skus[1]!, quantity: 1 }]);
    await pay(ctx, order);
    expect(await holdReasonsOn(order.id, d.userId)).toEqual(["BIND_VELOCITY"]);
    await enableDistribution(ctx, owner);
  });
});

async function holdReasonsOn(orderId: number, earner: number) {
  const res = await ctx.client.get(`/api/admin/v1/distribution/commissions?userId=${earner}`, owner);
  const line = (res.body.items as { orderId: number; holdReasons: string[] }[]).find(
    (i) => i.orderId === orderId,
  );
  return line?.holdReasons;
}

describe.runIf(onPostgres)("earner order counters on PostgreSQL", () => {
  it("count exactly when 24 of one earner's buyers pay at the same moment", async () => {
    const top = await distributor(ctx);
    const buyers = await Promise.all(Array.from({ length: 24 }, () => buyer(ctx, top.code)));
    const orders = await Promise.all(
      buyers.map((b) => placeOrder(ctx, b, [{ skuId: skus[1]!, quantity: 1 }])),
    );
    await Promise.all(orders.map((order) => pay(ctx, order)));
    const { kept, recount } = await countersAndRecount([top.userId]);
    expect(kept).toEqual([{ userId: top.userId, orders: 24, refunded: 0 }]);
    expect(kept).toEqual(recount);
  });
});
