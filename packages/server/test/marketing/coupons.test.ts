// Coupons: staff define and issue them, shoppers claim them and use one at checkout; the limits, an expired or
// foreign coupon and a second use are refused with their codes, and an unpaid order gives its coupon back.
import { beforeAll, describe, expect, it } from "vitest";
import { inTransaction } from "../../src/db/transaction.ts";
import { grantCouponReward } from "../../src/modules/marketing/service.ts";
import { createFreight, createProduct, pay, shopperWithAddress } from "../commerce/fixtures.ts";
import { startTestApp, type TestContext } from "../support/test-app.ts";

const DAY = 86_400_000;
let ctx: TestContext;
let owner: string;
let sku: number;

async function template(body: Record<string, unknown>) {
  const res = await ctx.client.post(
    "/api/admin/v1/coupon-templates",
    {
      name: "满100减20",
      kind: "coupon_amount_off",
      args: { minSpendFen: 10000, offFen: 2000 },
      validDays: 7,
      totalQuantity: 3,
      ...body,
    },
    owner,
  );
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: number };
}
const quote = (token: string, quantity: number, couponId?: number) =>
  ctx.client.post(
    "/api/v1/checkout/quote",
    { items: [{ skuId: sku, quantity }], ...(couponId ? { couponId } : {}) },
    token,
  );

beforeAll(async () => {
  ctx = await startTestApp();
  owner = await ctx.client.loginOwner();
  await createFreight(ctx, owner, { freeOverFen: 1 });
  sku = (await createProduct(ctx, owner, { skus: [{ priceFen: 6000, stock: 50 }] })).skus[0]!.id;
});

describe("a shopper claims a coupon and uses it at checkout", () => {
  it("claim once per person, see it in my coupons, pay ¥100 for ¥120, get it back when the order closes unpaid", async () => {
    const t = await template({});
    const shopper = await shopperWithAddress(ctx);
    const claimed = await ctx.client.post(`/api/v1/coupons/${t.id}/claim`, {}, shopper.token);
    expect(claimed.status).toBe(201);
    const again = await ctx.client.post(`/api/v1/coupons/${t.id}/claim`, {}, shopper.token);
    expect([again.status, again.body.error.code]).toEqual([409, "COUPON_LIMIT_REACHED"]);
    const centre = await ctx.client.get("/api/v1/coupons/centre", shopper.token);
    expect(centre.body.find((c: { id: number }) => c.id === t.id)).toMatchObject({
      left: 2,
      mine: 1,
      summary: "满100减20",
    });
    const mine = await ctx.client.get("/api/v1/coupons/mine", shopper.token);
    expect(mine.body).toEqual([
      expect.objectContaining({ id: claimed.body.couponId, summary: "满100减20", status: "available" }),
    ]);
    const couponId = claimed.body.couponId as number;

    // The picker: under ¥100 the coupon does not apply; at ¥120 it takes ¥20.
    expect((await quote(shopper.token, 1)).body.coupons).toEqual([
      expect.objectContaining({ id: couponId, applicable: false, reason: "min_spend", shortFen: 4000 }),
    ]);
    const refused = await quote(shopper.token, 1, couponId);
    expect([refused.status, refused.body.error.code]).toEqual([422, "COUPON_NOT_APPLICABLE"]);
    const priced = await quote(shopper.token, 2, couponId);
    expect(priced.body).toMatchObject({ payableFen: 10000, discountFen: 2000, couponId });
    expect(priced.body.coupons[0]).toMatchObject({ applicable: true, amountFen: 2000, reason: null });

    const res = await ctx.client.post(
      "/api/v1/orders",
      { items: [{ skuId: sku, quantity: 2 }], addressId: shopper.addressId, couponId },
      shopper.token,
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ payableFen: 10000, discountFen: 2000 });
    expect(res.body.discounts[0]).toMatchObject({
      kind: "coupon_amount_off",
      label: "满100减20",
      amountFen: 2000,
    });
    expect(res.body.items[0]).toMatchObject({ paidFen: 10000, discountFen: 2000 });

    const twice = await ctx.client.post(
      "/api/v1/orders",
      { items: [{ skuId: sku, quantity: 2 }], addressId: shopper.addressId, couponId },
      shopper.token,
    );
    expect([twice.status, twice.body.error.code]).toEqual([409, "COUPON_USED"]);
    expect((await ctx.client.get("/api/v1/coupons/mine?status=used", shopper.token)).body[0]).toMatchObject({
      id: couponId,
      usedOrderId: res.body.id,
    });

    await ctx.client.post(`/api/v1/orders/${res.body.id}/cancel`, {}, shopper.token);
    expect((await ctx.client.get("/api/v1/coupons/mine", shopper.token)).body[0]).toMatchObject({
      id: couponId,
      status: "available",
    });
  });

  it("a foreign coupon reads as not found; an expired one is refused; nothing is placed", async () => {
    const t = await template({ name: "减5", args: { offFen: 500 } });
    const owner1 = await shopperWithAddress(ctx);
    const other = await shopperWithAddress(ctx);
    const couponId = (await ctx.client.post(`/api/v1/coupons/${t.id}/claim`, {}, owner1.token)).body.couponId;
    const foreign = await ctx.client.post(
      "/api/v1/orders",
      { items: [{ skuId: sku, quantity: 1 }], addressId: other.addressId, couponId },
      other.token,
    );
    expect([foreign.status, foreign.body.error.code]).toEqual([404, "NOT_FOUND"]);
    ctx.clock.advance(8 * DAY);
    const expired = await ctx.client.post(
      "/api/v1/orders",
      { items: [{ skuId: sku, quantity: 1 }], addressId: owner1.addressId, couponId },
      owner1.token,
    );
    expect([expired.status, expired.body.error.code]).toEqual([409, "COUPON_EXPIRED"]);
    expect((await ctx.client.get("/api/v1/orders", owner1.token)).body.items).toEqual([]);
    expect((await ctx.client.get("/api/v1/coupons/mine?status=expired", owner1.token)).body).toHaveLength(1);
  });

  it("staff issue to shoppers until the quantity runs out; a reward is given once per cause", async () => {
    const t = await template({ name: "员工券", claimable: false, totalQuantity: 2, args: { offFen: 300 } });
    const [a, b, c] = [
      await shopperWithAddress(ctx),
      await shopperWithAddress(ctx),
      await shopperWithAddress(ctx),
    ];
    const closed = await ctx.client.post(`/api/v1/coupons/${t.id}/claim`, {}, a.token);
    expect([closed.status, closed.body.error.code]).toEqual([403, "COUPON_NOT_CLAIMABLE"]);
    const issued = await ctx.client.post(
      `/api/admin/v1/coupon-templates/${t.id}/issue`,
      { userIds: [a.userId, b.userId, c.userId] },
      owner,
    );
    expect(issued.body).toEqual({ issued: 2, refused: [{ userId: c.userId, code: "COUPON_SOLD_OUT" }] });

    const gift = await template({
      name: "邀请礼",
      claimable: false,
      totalQuantity: 5,
      args: { offFen: 1000 },
    });
    const give = () =>
      inTransaction(ctx.deps.db, (tx) =>
        grantCouponReward(tx, ctx.clock.now(), {
          templateId: gift.id,
          userId: c.userId,
          sourceRef: "invite:42",
        }),
      );
    expect(await give()).toEqual(expect.any(Number));
    expect(await give()).toBeNull();
    const list = await ctx.client.get("/api/admin/v1/coupon-templates", owner);
    expect(list.body.find((x: { id: number }) => x.id === gift.id)).toMatchObject({ issuedCount: 1 });
  });

  it("a paid order's coupon comes back when the whole order is refunded, not after a partial refund", async () => {
    const t = await template({ name: "满100减20 退", totalQuantity: 1 });
    const shopper = await shopperWithAddress(ctx);
    const couponId = (await ctx.client.post(`/api/v1/coupons/${t.id}/claim`, {}, shopper.token)).body
      .couponId;
    const order = await ctx.client.post(
      "/api/v1/orders",
      { items: [{ skuId: sku, quantity: 2 }], addressId: shopper.addressId, couponId },
      shopper.token,
    );
    expect(order.status, JSON.stringify(order.body)).toBe(201);
    expect((await pay(ctx, order.body)).outcome).toBe("paid");
    const refund = async (quantity: number) => {
      const asked = await ctx.client.post(
        `/api/v1/orders/${order.body.id}/after-sales`,
        {
          kind: "refund_only",
          items: [{ orderItemId: order.body.items[0].id, quantity }],
          reason: "不想要了",
        },
        shopper.token,
      );
      expect(asked.status, JSON.stringify(asked.body)).toBe(201);
      const approved = await ctx.client.post(`/api/admin/v1/after-sales/${asked.body.id}/approve`, {}, owner);
      expect(approved.body.afterSale.status).toBe("refunded");
      return approved.body.afterSale.refundFen as number;
    };
    const status = async () =>
      (await ctx.client.get("/api/v1/coupons/mine?status=used", shopper.token)).body.map(
        (c: { id: number }) => c.id,
      );
    // One of two units back: ¥50 of the ¥100 paid; the coupon's ¥20 stays spread over the unit kept.
    expect(await refund(1)).toBe(5000);
    expect(await status()).toEqual([couponId]);
    expect(await refund(1)).toBe(5000);
    expect(await status()).toEqual([]);
    expect((await ctx.client.get("/api/v1/coupons/mine", shopper.token)).body).toEqual([
      expect.objectContaining({ id: couponId, status: "available", usedOrderId: null }),
    ]);
    const again = await quote(shopper.token, 2, couponId);
    expect(again.body).toMatchObject({ payableFen: 10000, couponId });
  });

  it("bad templates are refused", async () => {
    const res = await ctx.client.post(
      "/api/admin/v1/coupon-templates",
      { name: "x", kind: "coupon_amount_off", args: { offFen: 0 }, validDays: 1, totalQuantity: 1 },
      owner,
    );
    expect([res.status, res.body.error.code]).toEqual([422, "VALIDATION_FAILED"]);
    const noValidity = await ctx.client.post(
      "/api/admin/v1/coupon-templates",
      { name: "x", kind: "coupon_amount_off", args: { offFen: 100 }, totalQuantity: 1 },
      owner,
    );
    expect(noValidity.status).toBe(422);
  });
});
