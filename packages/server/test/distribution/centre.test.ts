// The distribution centre's read pages as a distributor sees them: the orders they earned on (buyer
// masked, commission net) and their team, with every instant as ISO 8601 like the rest of the API.
import { beforeAll, describe, expect, it } from "vitest";
import { createFreight, createProduct, pay, placeOrder } from "../commerce/fixtures.ts";
import { startTestApp, type TestContext } from "../support/test-app.ts";
import { buyer, distributor, enableDistribution } from "./support.ts";

let ctx: TestContext;
let owner: string;
let skuId: number;
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

beforeAll(async () => {
  ctx = await startTestApp();
  owner = await ctx.client.loginOwner();
  await enableDistribution(ctx, owner);
  await createFreight(ctx, owner);
  const product = await createProduct(ctx, owner, { skus: [{ priceFen: 10000, stock: 10, specValues: [] }] });
  skuId = product.skus[0]!.id;
});

describe("推广订单 and 我的团队", () => {
  it("lists the order a friend paid with the buyer masked and the commission earned", async () => {
    const a = await distributor(ctx);
    const friend = await buyer(ctx, a.code);
    const order = await placeOrder(ctx, friend, [{ skuId, quantity: 1 }]);
    await pay(ctx, order);

    const orders = await ctx.client.get("/api/v1/distribution/orders", a.token);
    expect(orders.status, JSON.stringify(orders.body)).toBe(200);
    expect(orders.body.nextCursor).toBeNull();
    expect(orders.body.items).toEqual([
      {
        orderId: order.id,
        orderNo: expect.any(String),
        status: "paid",
        buyerNickname: expect.stringMatching(/^.\*+$/),
        paidFen: order.payableFen,
        commissionFen: 1000,
        placedAt: expect.stringMatching(ISO),
      },
    ]);

    const team = await ctx.client.get("/api/v1/distribution/team?level=1", a.token);
    expect(team.body).toEqual({
      levels: [{ level: 1, members: 1, salesFen: order.payableFen }],
      members: [
        {
          userId: friend.userId,
          nickname: expect.any(String),
          boundAt: expect.stringMatching(ISO),
          level: 1,
        },
      ],
    });
    const detail = await ctx.client.get(`/api/admin/v1/distribution/distributors/${a.userId}`, owner);
    expect(detail.body.distributor.joinedAt).toMatch(ISO);
    expect(detail.body.ledger[0]).toMatchObject({
      orderId: order.id,
      level: 1,
      createdAt: expect.stringMatching(ISO),
    });
    const list = await ctx.client.get("/api/admin/v1/distribution/distributors?limit=100", owner);
    const row = list.body.items.find((d: { userId: number }) => d.userId === a.userId);
    expect(row).toMatchObject({ directCount: 1, joinedAt: expect.stringMatching(ISO) });
    const bindings = await ctx.client.get("/api/admin/v1/distribution/bindings?limit=100", owner);
    const bound = bindings.body.items.find((b: { userId: number }) => b.userId === friend.userId);
    expect(bound).toMatchObject({ uplineUserId: a.userId, source: "signup", at: expect.stringMatching(ISO) });
  });
});
