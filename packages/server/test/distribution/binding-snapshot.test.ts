// Binding refusals leave every binding as it was (self, a cycle deeper than the commission levels, a frozen
// distributor's link or sign-up code, staff reassigning into a cycle), and an order keeps the chain and rules
// it was placed with, whatever staff change before it is paid.
import { beforeAll, describe, expect, it } from "vitest";
import { createProduct, pay, placeOrder } from "../commerce/fixtures.ts";
import { startTestApp, type TestContext } from "../support/test-app.ts";
import { buyer, distributor, enableDistribution, wallet } from "./support.ts";

let ctx: TestContext;
let owner: string;

beforeAll(async () => {
  ctx = await startTestApp();
  owner = await ctx.client.loginOwner();
  await enableDistribution(ctx, owner);
});

const visit = (token: string, ref: string) =>
  ctx.client.post("/api/v1/referrals/visit", { ref, source: "link" }, token);
const referrerOf = async (token: string) =>
  (await ctx.client.get("/api/v1/distribution/referrer", token)).body.referrer?.userId ?? null;
const bindingCount = async () =>
  (await ctx.client.get("/api/admin/v1/distribution/bindings?limit=100", owner)).body.items.length as number;

describe("binding refusals change nothing", () => {
  it("self, a five-deep cycle, a frozen distributor's link and sign-up code", async () => {
    const chain = [await distributor(ctx)];
    for (let i = 1; i < 5; i++) chain.push(await distributor(ctx, chain[i - 1]!.code));
    const [top, , , , bottom] = chain;
    const before = await bindingCount();

    const self = await visit(top!.token, top!.code);
    expect([self.status, self.body.error.code]).toEqual([409, "BINDING_SELF"]);
    // Four links up from the bottom is beyond any commission level; the walk must still see the cycle.
    const cycle = await visit(top!.token, bottom!.code);
    expect([cycle.status, cycle.body.error.code]).toEqual([409, "BINDING_CYCLE"]);
    expect(await referrerOf(top!.token)).toBeNull();

    const frozen = await distributor(ctx);
    await ctx.client.post(
      `/api/admin/v1/distribution/distributors/${frozen.userId}/status`,
      { action: "freeze", reason: "调查中" },
      owner,
    );
    const visitor = await ctx.client.registerShopper();
    expect((await visit(visitor.token, frozen.code)).body.error.code).toBe("DISTRIBUTOR_FROZEN");
    const signedUp = await ctx.client.registerShopper({ ref: frozen.code });
    expect([await referrerOf(visitor.token), await referrerOf(signedUp.token)]).toEqual([null, null]);
    expect(await bindingCount()).toBe(before);
  });

  it("the binding history names the shopper, both uplines and the staff member who moved them", async () => {
    const a = await distributor(ctx);
    const b = await distributor(ctx);
    const shopper = await ctx.client.registerShopper({ ref: a.code, nickname: "小美" });
    const moved = await ctx.client.post(
      `/api/admin/v1/distribution/users/${shopper.userId}/upline`,
      { uplineUserId: b.userId, reason: "客服调整" },
      owner,
    );
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    const [latest] = (await ctx.client.get("/api/admin/v1/distribution/bindings?limit=1", owner)).body.items;
    expect(latest).toMatchObject({
      userId: shopper.userId,
      userNickname: "小美",
      uplineUserId: b.userId,
      uplineNickname: expect.any(String),
      previousUplineUserId: a.userId,
      previousUplineNickname: expect.any(String),
      staffName: expect.any(String),
    });
  });

  it("staff cannot reassign a shopper to themself, into a cycle, or to a frozen distributor", async () => {
    const a = await distributor(ctx);
    const b = await distributor(ctx, a.code);
    const c = await distributor(ctx, b.code);
    const frozen = await distributor(ctx);
    await ctx.client.post(
      `/api/admin/v1/distribution/distributors/${frozen.userId}/status`,
      { action: "freeze", reason: "调查中" },
      owner,
    );
    const reassign = (userId: number, uplineUserId: number) =>
      ctx.client.post(
        `/api/admin/v1/distribution/users/${userId}/upline`,
        { uplineUserId, reason: "客服调整" },
        owner,
      );
    const refusals = [
      [await reassign(b.userId, b.userId), 409, "BINDING_SELF"],
      [await reassign(a.userId, c.userId), 409, "BINDING_CYCLE"],
      [await reassign(c.userId, frozen.userId), 404, "NOT_DISTRIBUTOR"],
    ] as const;
    for (const [res, status, code] of refusals)
      expect([res.status, res.body.error.code]).toEqual([status, code]);
    expect([await referrerOf(a.token), await referrerOf(b.token), await referrerOf(c.token)]).toEqual([
      null,
      a.userId,
      b.userId,
    ]);
  });
});

describe("the order snapshot", () => {
  it("a rebinding, a new product rule and new global rates after ordering leave that order as placed", async () => {
    const product = await createProduct(ctx, owner, {
      title: "快照商品",
      skus: [{ priceFen: 10_000, stock: 20 }],
    });
    const a = await distributor(ctx);
    const b = await distributor(ctx);
    const shopper = await buyer(ctx, a.code);
    const order = await placeOrder(ctx, shopper, [{ skuId: product.skus[0]!.id, quantity: 1 }]);

    const moved = await ctx.client.post(
      `/api/admin/v1/distribution/users/${shopper.userId}/upline`,
      { uplineUserId: b.userId, reason: "客服调整" },
      owner,
    );
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    const detail = (await ctx.client.get(`/api/admin/v1/products/${product.id}`, owner)).body;
    const edited = await ctx.client.put(
      `/api/admin/v1/products/${product.id}`,
      {
        title: detail.title,
        status: "on_sale",
        commissionRule: { kind: "fixed", fenPerUnit: [2500, 0, 0] },
        skus: [{ id: detail.skus[0].id, priceFen: 10_000, stock: detail.skus[0].stock, specValues: [] }],
      },
      owner,
    );
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    await enableDistribution(ctx, owner, { plan: { enabled: true, levels: 2, ratesBps: [2000, 500, 0] } });

    await pay(ctx, order);
    expect((await wallet(ctx, a.token)).frozenFen).toBe(1000);
    expect((await wallet(ctx, b.token)).frozenFen).toBe(0);

    // A new order is placed under the new binding and the new product rule.
    const next = await placeOrder(ctx, shopper, [{ skuId: product.skus[0]!.id, quantity: 1 }]);
    await pay(ctx, next);
    expect((await wallet(ctx, b.token)).frozenFen).toBe(2500);
    expect((await wallet(ctx, a.token)).frozenFen).toBe(1000);
    await enableDistribution(ctx, owner);
  });
});
