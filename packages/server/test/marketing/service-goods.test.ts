// Courses and trial classes: ordered without an address, delivered by a redemption code at payment, received
// when staff redeem it, with the same commission and refund rules as goods; and a ¥0 class granted once.
import { describe, expect, test } from "vitest";
import { inTransaction } from "../../src/db/transaction.ts";
import { completeDueOrders } from "../../src/modules/orders/service.ts";
import { grantServiceOrder } from "../../src/modules/service-goods/service.ts";
import { createProduct, pay, shopperWithAddress } from "../commerce/fixtures.ts";
import { DAY, distributor, enableDistribution, wallet } from "../distribution/support.ts";
import { startTestApp } from "../support/test-app.ts";

const ctx = await startTestApp();
const { client, clock, deps } = ctx;
const owner = await client.loginOwner();
await enableDistribution(ctx, owner);
const course = await createProduct(ctx, owner, {
  title: "少儿编程课程包",
  kind: "service",
  serviceValidDays: 30,
  skus: [{ priceFen: 99_900, stock: 50 }],
});
const trialClass = await createProduct(ctx, owner, {
  title: "编程体验课",
  kind: "service",
  skus: [{ priceFen: 19_900, stock: 50 }],
});
const shirt = await createProduct(ctx, owner, { title: "衬衫", skus: [{ priceFen: 5000, stock: 5 }] });
const courseSku = course.skus[0]!.id;

describe("a ¥999 course bought through a distributor's link", () => {
  test("no address, a code at payment, received on redemption, commission and completion as goods", async () => {
    const sharer = await distributor(ctx);
    const parent = await client.registerShopper({ ref: sharer.code });

    const quote = await client.post(
      "/api/v1/checkout/quote",
      { items: [{ skuId: courseSku, quantity: 1 }] },
      parent.token,
    );
    expect(quote.body).toMatchObject({
      delivery: "redemption",
      freightFen: 0,
      payableFen: 99_900,
      address: null,
    });
    const placed = await client.post(
      "/api/v1/orders",
      { items: [{ skuId: courseSku, quantity: 1 }] },
      parent.token,
    );
    expect(placed.status, JSON.stringify(placed.body)).toBe(201);
    expect(placed.body).toMatchObject({ delivery: "redemption", address: null, redemption: null });

    await pay(ctx, placed.body);
    const paid = await client.get(`/api/v1/orders/${placed.body.id}`, parent.token);
    expect(paid.body.status).toBe("shipped");
    expect(paid.body.redemption).toMatchObject({ status: "issued", redeemedAt: null });
    expect(paid.body.redemption.code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    // unredeemed, it counts as delivered 30 days after payment
    expect(new Date(paid.body.autoReceiveDueAt).getTime() - new Date(paid.body.paidAt).getTime()).toBe(
      30 * DAY,
    );
    expect((await wallet(ctx, sharer.token)).frozenFen).toBe(9_990);

    // the shopper cannot confirm receipt of a course, nor staff ship it: staff redeem it
    const self = await client.post(`/api/v1/orders/${placed.body.id}/confirm-receipt`, {}, parent.token);
    expect(self.body.error.code).toBe("ORDER_STATE_INVALID");
    const ship = await client.post(
      `/api/admin/v1/orders/${placed.body.id}/ship`,
      { parcels: [{ carrier: "顺丰", trackingNo: "SF1234567890" }] },
      owner,
    );
    expect(ship.body.error.code).toBe("ORDER_STATE_INVALID");

    clock.advance(DAY);
    const redeemed = await client.post(
      "/api/admin/v1/redemptions",
      { code: paid.body.redemption.code.toLowerCase() },
      owner,
    );
    expect(redeemed.status, JSON.stringify(redeemed.body)).toBe(200);
    expect(redeemed.body).toMatchObject({ status: "received", redemption: { status: "redeemed" } });
    const again = await client.post("/api/admin/v1/redemptions", { code: paid.body.redemption.code }, owner);
    expect([again.status, again.body.error.code]).toEqual([409, "REDEMPTION_CODE_USED"]);
    const unknown = await client.post("/api/admin/v1/redemptions", { code: "2222-3333-4444" }, owner);
    expect([unknown.status, unknown.body.error.code]).toEqual([404, "REDEMPTION_CODE_UNKNOWN"]);

    const list = await client.get("/api/admin/v1/redemptions?status=redeemed", owner);
    expect(list.body.items[0]).toMatchObject({ orderNo: placed.body.orderNo, status: "redeemed" });

    // the after-sale window passes: completed, and the commission settles as for goods
    clock.advance(8 * DAY);
    await completeDueOrders(deps, clock.now());
    const { releaseDueCommissions } = await import("../../src/modules/commissions/lifecycle.ts");
    await releaseDueCommissions(deps, clock.now());
    expect((await client.get(`/api/v1/orders/${placed.body.id}`, parent.token)).body.status).toBe(
      "completed",
    );
    expect(await wallet(ctx, sharer.token)).toMatchObject({ frozenFen: 0, availableFen: 9_990 });
  });

  test("an unredeemed course is refunded as goods are, and its code then redeems nothing", async () => {
    const parent = await client.registerShopper();
    const placed = await client.post(
      "/api/v1/orders",
      { items: [{ skuId: courseSku, quantity: 1 }] },
      parent.token,
    );
    await pay(ctx, placed.body);
    const order = (await client.get(`/api/v1/orders/${placed.body.id}`, parent.token)).body;
    const asked = await client.post(
      `/api/v1/orders/${order.id}/after-sales`,
      { kind: "refund_only", items: [{ orderItemId: order.items[0].id, quantity: 1 }], reason: "时间不合适" },
      parent.token,
    );
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    await client.post(`/api/admin/v1/after-sales/${asked.body.id}/approve`, {}, owner);
    expect((await client.get(`/api/v1/orders/${order.id}`, parent.token)).body).toMatchObject({
      status: "refunded",
      refundedFen: 99_900,
    });
    const late = await client.post("/api/admin/v1/redemptions", { code: order.redemption.code }, owner);
    expect(late.body.error.code).toBe("ORDER_STATE_INVALID");
  });

  test("a course with a shirt is refused; a shirt still needs an address", async () => {
    const shopper = await shopperWithAddress(ctx);
    const mixed = await client.post(
      "/api/v1/orders",
      {
        items: [
          { skuId: courseSku, quantity: 1 },
          { skuId: shirt.skus[0]!.id, quantity: 1 },
        ],
        addressId: shopper.addressId,
      },
      shopper.token,
    );
    expect([mixed.status, mixed.body.error.code]).toEqual([422, "ORDER_MIXES_SERVICE_GOODS"]);
    const bare = await client.post(
      "/api/v1/orders",
      { items: [{ skuId: shirt.skus[0]!.id, quantity: 1 }] },
      shopper.token,
    );
    expect([bare.status, bare.body.error.code]).toEqual([422, "ADDRESS_REQUIRED"]);
  });
});

describe("the free ¥199 class after two referrals", () => {
  test("granted as a ¥0 order with a code, once per key", async () => {
    const earner = await client.registerShopper();
    const grant = {
      key: `referral-class:u:${earner.userId}`,
      userId: earner.userId,
      skuId: trialClass.skus[0]!.id,
    };
    const first = await inTransaction(deps.db, (tx) =>
      grantServiceOrder(tx, { ...grant, reason: "推荐 2 位家长", at: clock.now() }),
    );
    const second = await inTransaction(deps.db, (tx) =>
      grantServiceOrder(tx, { ...grant, reason: "推荐 2 位家长", at: clock.now() }),
    );
    expect([first.granted, second.granted, second.orderId]).toEqual([true, false, first.orderId]);
    const order = (await client.get(`/api/v1/orders/${first.orderId}`, earner.token)).body;
    expect(order).toMatchObject({
      status: "shipped",
      goodsFen: 19_900,
      discountFen: 19_900,
      payableFen: 0,
      address: null,
      redemption: { status: "issued" },
    });
    const mine = await client.get("/api/v1/orders", earner.token);
    expect(mine.body.items).toHaveLength(1);
  });
});
