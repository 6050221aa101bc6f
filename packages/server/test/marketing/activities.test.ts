// Activities at checkout: the seed's ¥100 at 8折 for 24 h and 满200减50 priced by the engine, flash stock and
// per-person limits, overlaps refused; orders carry the activity kind and commission follows its switch.
import { beforeAll, describe, expect, it } from "vitest";
import { createFreight, createProduct, pay, placeOrder, shopperWithAddress } from "../commerce/fixtures.ts";
import { buyer, distributor, enableDistribution, wallet } from "../distribution/support.ts";
import { startTestApp, type TestContext } from "../support/test-app.ts";

const HOUR = 3_600_000;
let ctx: TestContext;
let owner: string;
let sku100: number;
let sku120: number;

async function createActivity(body: Record<string, unknown>) {
  const now = ctx.clock.now().getTime();
  const res = await ctx.client.post(
    "/api/admin/v1/activities",
    { startsAt: new Date(now), endsAt: new Date(now + 24 * HOUR), ...body },
    owner,
  );
  return res;
}

beforeAll(async () => {
  ctx = await startTestApp();
  owner = await ctx.client.loginOwner();
  await createFreight(ctx, owner, { freeOverFen: 1 });
  sku100 = (await createProduct(ctx, owner, { skus: [{ priceFen: 10000, stock: 50 }] })).skus[0]!.id;
  sku120 = (await createProduct(ctx, owner, { skus: [{ priceFen: 12000, stock: 50 }] })).skus[0]!.id;
});

describe("the seed's timed discount and threshold discount", () => {
  it("¥100 at 8折 for 24 h: quoted ¥80, the order records timed_discount, normal price after the window", async () => {
    const created = await createActivity({
      kind: "timed_discount",
      name: "限时8折",
      args: { items: [{ skuId: String(sku100), payBps: 8000 }] },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const shopper = await shopperWithAddress(ctx);
    const quote = await ctx.client.post(
      "/api/v1/checkout/quote",
      { items: [{ skuId: sku100, quantity: 1 }] },
      shopper.token,
    );
    expect(quote.body.lines[0]).toMatchObject({ unitPriceFen: 8000, originalUnitFen: 10000, paidFen: 8000 });
    expect(quote.body.lines[0].activity).toMatchObject({ kind: "timed_discount", label: "限时8折" });

    const order = await placeOrder(ctx, shopper, [{ skuId: sku100, quantity: 1 }]);
    expect(order).toMatchObject({ activityKind: "timed_discount", payableFen: 8000 });
    expect(order.items[0]).toMatchObject({
      activityKind: "timed_discount",
      originalUnitFen: 10000,
      paidFen: 8000,
    });
    const shop = await ctx.client.get("/api/v1/activities");
    expect(shop.body.find((a: { id: number }) => a.id === created.body.id).skus).toEqual([
      { skuId: sku100, productId: expect.any(Number), priceFen: 8000, stockLeft: null },
    ]);

    ctx.clock.advance(24 * HOUR);
    const later = await ctx.client.post(
      "/api/v1/checkout/quote",
      { items: [{ skuId: sku100, quantity: 1 }] },
      shopper.token,
    );
    expect(later.body.lines[0]).toMatchObject({ unitPriceFen: 10000, activity: null });
  });

  it("满200减50: ¥120 × 2 pays ¥190, the discount named and spread over the lines to the fen", async () => {
    const created = await createActivity({
      kind: "threshold_amount_off",
      name: "满200减50",
      args: { tiers: [{ atLeast: 20000, offFen: 5000 }] },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const shopper = await shopperWithAddress(ctx);
    const order = await placeOrder(ctx, shopper, [
      { skuId: sku120, quantity: 2 },
      { skuId: sku100, quantity: 1 },
    ]);
    expect(order.goodsFen).toBe(34000);
    expect(order.discountFen).toBe(5000);
    expect(order.discounts).toEqual([
      {
        kind: "threshold_amount_off",
        label: "满200减50",
        detail: "满200减50",
        amountFen: 5000,
        target: "goods",
      },
    ]);
    expect(
      order.items.map((i: { paidFen: number }) => i.paidFen).reduce((a: number, b: number) => a + b),
    ).toBe(29000);
    expect(order.activityKind).toBeNull();
    const shop = await ctx.client.get("/api/v1/activities");
    expect(shop.body.find((a: { id: number }) => a.id === created.body.id)).toMatchObject({
      details: ["满200减50"],
      scope: { type: "all", categoryIds: [], productIds: [] },
    });
    await pay(ctx, order);
    const list = await ctx.client.get("/api/admin/v1/activities?kind=threshold_amount_off", owner);
    expect(list.body[0].results).toMatchObject({ orders: 1, discountFen: 5000 });
    await ctx.client.post(`/api/admin/v1/activities/${created.body.id}/stop`, {}, owner);
  });
});

describe("flash sales", () => {
  it("activity stock apart from normal stock, a per-person limit, and the normal price when it runs out", async () => {
    const created = await createActivity({
      kind: "flash_sale",
      name: "秒杀",
      args: { items: [{ skuId: String(sku120), priceFen: 6000, stock: 2 }], perPersonLimit: 1 },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const first = await shopperWithAddress(ctx);
    const order = await placeOrder(ctx, first, [{ skuId: sku120, quantity: 1 }]);
    expect(order).toMatchObject({ activityKind: "flash_sale", payableFen: 6000 });

    const again = await ctx.client.post(
      "/api/v1/orders",
      { items: [{ skuId: sku120, quantity: 1 }], addressId: first.addressId },
      first.token,
    );
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({
      code: "ACTIVITY_LIMIT_EXCEEDED",
      details: { limit: 1, alreadyBought: 1 },
    });

    const second = await shopperWithAddress(ctx);
    expect((await placeOrder(ctx, second, [{ skuId: sku120, quantity: 1 }])).payableFen).toBe(6000);
    const third = await shopperWithAddress(ctx);
    const sold = await ctx.client.post(
      "/api/v1/checkout/quote",
      { items: [{ skuId: sku120, quantity: 1 }] },
      third.token,
    );
    expect(sold.body.lines[0]).toMatchObject({ unitPriceFen: 12000, activity: null });

    // The first order closes unpaid: its activity unit comes back.
    const cancelled = await ctx.client.post(`/api/v1/orders/${order.id}/cancel`, {}, first.token);
    expect(cancelled.status).toBe(200);
    const back = await ctx.client.post(
      "/api/v1/checkout/quote",
      { items: [{ skuId: sku120, quantity: 1 }] },
      third.token,
    );
    expect(back.body.lines[0]).toMatchObject({ unitPriceFen: 6000 });
    const admin = await ctx.client.get("/api/admin/v1/activities?kind=flash_sale", owner);
    expect(admin.body[0].skus).toEqual([
      expect.objectContaining({ skuId: sku120, stock: 1, sold: 1, listPriceFen: 12000 }),
    ]);
  });

  it("a second price activity on the same SKU at the same time is refused, nothing saved", async () => {
    const clash = await createActivity({
      kind: "timed_discount",
      name: "冲突",
      args: { items: [{ skuId: String(sku120), payBps: 9000 }] },
    });
    expect(clash.status).toBe(409);
    expect(clash.body.error.code).toBe("ACTIVITY_OVERLAP");
    const list = await ctx.client.get("/api/admin/v1/activities?kind=timed_discount", owner);
    expect(list.body.map((a: { name: string }) => a.name)).not.toContain("冲突");
  });

  it("bad activities are refused with their codes", async () => {
    const unknown = await createActivity({ kind: "bargain_hunt", name: "x", args: {} });
    expect([unknown.status, unknown.body.error.code]).toEqual([422, "PROMOTION_KIND_UNKNOWN"]);
    const badArgs = await createActivity({ kind: "flash_sale", name: "x", args: { items: [] } });
    expect([badArgs.status, badArgs.body.error.code]).toEqual([422, "VALIDATION_FAILED"]);
  });
});

describe("commission follows the per-activity switch", () => {
  it("off by default: no commission on a timed-discount item; on: paid on the activity price", async () => {
    await enableDistribution(ctx, owner);
    const sku = (await createProduct(ctx, owner, { skus: [{ priceFen: 10000, stock: 50 }] })).skus[0]!.id;
    const plain = (await createProduct(ctx, owner, { skus: [{ priceFen: 5000, stock: 50 }] })).skus[0]!.id;
    expect(
      (
        await createActivity({
          kind: "timed_discount",
          name: "8折",
          args: { items: [{ skuId: String(sku), payBps: 8000 }] },
        })
      ).status,
    ).toBe(201);
    const a = await distributor(ctx);
    const b = await buyer(ctx, a.code);
    // A mixed cart: the plain item pays commission, the activity item does not.
    await pay(
      ctx,
      await placeOrder(ctx, b, [
        { skuId: sku, quantity: 1 },
        { skuId: plain, quantity: 1 },
      ]),
    );
    expect((await wallet(ctx, a.token)).frozenFen).toBe(500);

    await enableDistribution(ctx, owner, {
      plan: {
        enabled: true,
        levels: 2,
        ratesBps: [1000, 500, 0],
        activityCommission: { timed_discount: true },
      },
    });
    await pay(ctx, await placeOrder(ctx, b, [{ skuId: sku, quantity: 1 }]));
    expect((await wallet(ctx, a.token)).frozenFen).toBe(500 + 800);
  });
});
