// Referral offers and gifts at checkout: a shopper who came through a distributor's link gets the merchant's
// 首单 offer on their first order only (two orders at once: one gets it); 有礼邀请 gives inviter and invitee a
// coupon once the invitee's first order completes; gifts ride along at ¥0 from their own stock.
import { beforeAll, describe, expect, it } from "vitest";
import { completeDueOrders } from "../../src/modules/orders/service.ts";
import { createFreight, createProduct, pay, shopperWithAddress } from "../commerce/fixtures.ts";
import { buyer, distributor, enableDistribution, shipAndReceive, wallet } from "../distribution/support.ts";
import { startTestApp, type TestContext } from "../support/test-app.ts";

const HOUR = 3_600_000;
let ctx: TestContext;
let owner: string;
let sku100: number;

async function createActivity(body: Record<string, unknown>) {
  const now = ctx.clock.now().getTime();
  const res = await ctx.client.post(
    "/api/admin/v1/activities",
    { startsAt: new Date(now), endsAt: new Date(now + 24 * HOUR), ...body },
    owner,
  );
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: number };
}
const order = (shopper: { token: string; addressId: number }, items: { skuId: number; quantity: number }[]) =>
  ctx.client.post("/api/v1/orders", { items, addressId: shopper.addressId }, shopper.token);

beforeAll(async () => {
  ctx = await startTestApp();
  owner = await ctx.client.loginOwner();
  await enableDistribution(ctx, owner);
  await createFreight(ctx, owner, { freeOverFen: 1 });
  sku100 = (await createProduct(ctx, owner, { skus: [{ priceFen: 10000, stock: 50 }] })).skus[0]!.id;
});

describe("the referral welcome offer (首单9折)", () => {
  it("a referred shopper's first order gets 9折, the next does not; a shopper who came by no link never does", async () => {
    const offer = await createActivity({
      kind: "welcome_offer",
      name: "新客首单9折",
      args: { payBps: 9000 },
    });
    const sharer = await distributor(ctx);
    const newcomer = await buyer(ctx, sharer.code);
    const banner = await ctx.client.get("/api/v1/welcome-offer", newcomer.token);
    expect(banner.body).toMatchObject({ offer: { activityId: offer.id, payBps: 9000 }, eligible: true });
    expect((await ctx.client.get("/api/v1/welcome-offer")).body.eligible).toBeNull();
    const quote = await ctx.client.post(
      "/api/v1/checkout/quote",
      { items: [{ skuId: sku100, quantity: 1 }] },
      newcomer.token,
    );
    expect(quote.body).toMatchObject({ payableFen: 9000 });
    expect(quote.body.discounts).toEqual([
      expect.objectContaining({
        kind: "welcome_offer",
        label: "新客首单9折",
        detail: "首单9折",
        amountFen: 1000,
      }),
    ]);

    // Two orders at once: the shopper's row is locked while their orders are counted, so one is the first.
    const [a, b] = await Promise.all([
      order(newcomer, [{ skuId: sku100, quantity: 1 }]),
      order(newcomer, [{ skuId: sku100, quantity: 1 }]),
    ]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect([a.body.payableFen, b.body.payableFen].sort((x, y) => x - y)).toEqual([9000, 10000]);
    const first = a.body.payableFen === 9000 ? a.body : b.body;
    expect(first.items[0]).toMatchObject({ paidFen: 9000, discountFen: 1000 });

    // Cancelling the offer's order unpaid gives the offer back to the next order; a paid one keeps it spent.
    const other = first === a.body ? b.body : a.body;
    await ctx.client.post(`/api/v1/orders/${other.id}/cancel`, {}, newcomer.token);
    expect((await pay(ctx, first)).outcome).toBe("paid");
    expect((await order(newcomer, [{ skuId: sku100, quantity: 1 }])).body.payableFen).toBe(10000);

    expect((await ctx.client.get("/api/v1/welcome-offer", newcomer.token)).body.eligible).toBe(false);
    const stranger = await shopperWithAddress(ctx);
    expect((await ctx.client.get("/api/v1/welcome-offer", stranger.token)).body.eligible).toBe(false);
    expect((await order(stranger, [{ skuId: sku100, quantity: 1 }])).body.payableFen).toBe(10000);
    const results = await ctx.client.get("/api/admin/v1/activities?kind=welcome_offer", owner);
    expect(results.body.find((x: { id: number }) => x.id === offer.id).results).toMatchObject({
      orders: 1,
      discountFen: 1000,
    });
    await ctx.client.post(`/api/admin/v1/activities/${offer.id}/stop`, {}, owner);
  });
});

describe("gifts (买一送一)", () => {
  it("a gift rides along at ¥0 from its own stock, earns no commission, and goes back with the bought item", async () => {
    const main = await createProduct(ctx, owner, { title: "面霜", skus: [{ priceFen: 10000, stock: 20 }] });
    const sample = await createProduct(ctx, owner, { title: "小样", skus: [{ priceFen: 3000, stock: 10 }] });
    const [mainSku, giftSku] = [main.skus[0]!.id, sample.skus[0]!.id];
    const gift = await createActivity({
      kind: "gift",
      name: "买一送一",
      args: {
        scope: { type: "products", productIds: [String(main.id)] },
        atLeast: 1,
        repeat: true,
        items: [{ skuId: String(giftSku), quantity: 1, stock: 3 }],
      },
    });
    const shown = (await ctx.client.get("/api/v1/activities")).body.find(
      (a: { id: number }) => a.id === gift.id,
    );
    expect(shown).toMatchObject({
      details: ["满1件赠 小样×1"],
      scope: { type: "products", productIds: [main.id] },
    });
    const sharer = await distributor(ctx);
    const first = await buyer(ctx, sharer.code);
    const quote = await ctx.client.post(
      "/api/v1/checkout/quote",
      { items: [{ skuId: mainSku, quantity: 2 }] },
      first.token,
    );
    expect(quote.body.payableFen).toBe(20000);
    expect(quote.body.gifts).toEqual([
      expect.objectContaining({
        activityId: gift.id,
        skuId: giftSku,
        title: "小样",
        quantity: 2,
        given: true,
      }),
    ]);
    const placed = await order(first, [{ skuId: mainSku, quantity: 2 }]);
    expect(placed.status, JSON.stringify(placed.body)).toBe(201);
    const [bought, given] = placed.body.items;
    expect(given).toMatchObject({
      skuId: giftSku,
      quantity: 2,
      paidFen: 0,
      activityKind: "gift",
      originalUnitFen: 3000,
      giftOf: [bought.id],
    });
    expect(placed.body.payableFen).toBe(20000);
    expect((await pay(ctx, placed.body)).outcome).toBe("paid");
    // 10% of the ¥200 bought; nothing on the ¥60 of gifts.
    expect((await wallet(ctx, sharer.token)).frozenFen).toBe(2000);

    // One gift left for a line of two: no gift, said so, the order still placed at its price.
    const second = await shopperWithAddress(ctx);
    const short = await ctx.client.post(
      "/api/v1/checkout/quote",
      { items: [{ skuId: mainSku, quantity: 2 }] },
      second.token,
    );
    expect(short.body.gifts).toEqual([expect.objectContaining({ quantity: 2, given: false })]);
    const without = await order(second, [{ skuId: mainSku, quantity: 2 }]);
    expect(without.status).toBe(201);
    expect(without.body.items.map((i: { skuId: number }) => i.skuId)).toEqual([mainSku]);
    const sampleStock = await ctx.client.get(`/api/admin/v1/products/${sample.id}`, owner);
    expect(sampleStock.body.skus[0].stock).toBe(8);

    // Refunding one of the two bought units takes both gifts along at ¥0.
    const asked = await ctx.client.post(
      `/api/v1/orders/${placed.body.id}/after-sales`,
      { kind: "refund_only", items: [{ orderItemId: bought.id, quantity: 1 }], reason: "不想要了" },
      first.token,
    );
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    expect(asked.body.refundFen).toBe(10000);
    expect(asked.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ orderItemId: bought.id, quantity: 1, refundFen: 10000 }),
        expect.objectContaining({ orderItemId: given.id, quantity: 2, refundFen: 0 }),
      ]),
    );
    const approved = await ctx.client.post(`/api/admin/v1/after-sales/${asked.body.id}/approve`, {}, owner);
    expect(approved.body.afterSale.status).toBe("refunded");
    expect((await wallet(ctx, sharer.token)).frozenFen).toBe(1000);
    const after = await ctx.client.get(`/api/v1/orders/${placed.body.id}`, first.token);
    expect(after.body.items[1]).toMatchObject({ refundedQuantity: 2, refundedFen: 0 });
  });
});

describe("有礼邀请 and the invite reward as a coupon", () => {
  it("the invitee's first completed order gives both sides their coupon once, however many orders complete at once", async () => {
    const template = async (name: string) => {
      const res = await ctx.client.post(
        "/api/admin/v1/coupon-templates",
        {
          name,
          kind: "coupon_amount_off",
          args: { offFen: 1000 },
          validDays: 30,
          totalQuantity: 100,
          perPersonLimit: 50,
          claimable: false,
        },
        owner,
      );
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.id as number;
    };
    const [forInviter, forInvitee, inviteReward] = [
      await template("邀请人礼券"),
      await template("新人礼券"),
      await template("邀请奖励代金券"),
    ];
    const activity = await createActivity({
      kind: "invite_gift",
      name: "有礼邀请",
      args: { inviterTemplateId: forInviter, inviteeTemplateId: forInvitee },
    });
    await enableDistribution(ctx, owner, {
      rewards: { invite: { enabled: true, amountFen: 500, payAs: "coupon", couponTemplateId: inviteReward } },
    });
    const sharer = await distributor(ctx);
    const invitee = await buyer(ctx, sharer.code);
    expect((await ctx.client.post("/api/v1/distribution/join", {}, invitee.token)).status).toBe(200);
    const orders = [];
    for (let i = 0; i < 2; i++) {
      const placed = await order(invitee, [{ skuId: sku100, quantity: 1 }]);
      expect((await pay(ctx, placed.body)).outcome).toBe("paid");
      await shipAndReceive(ctx, owner, placed.body, invitee.token);
      orders.push(placed.body);
    }
    const mine = async (token: string) =>
      ((await ctx.client.get("/api/v1/coupons/mine", token)).body as { name: string }[])
        .map((c) => c.name)
        .sort();
    expect(await mine(invitee.token)).toEqual([]);

    ctx.clock.advance(8 * 86_400_000);
    // Two sweeps at once, one order each (skip-locked): the invitee's row serialises them.
    const done = await Promise.all([
      completeDueOrders(ctx.deps, ctx.clock.now(), 1),
      completeDueOrders(ctx.deps, ctx.clock.now(), 1),
    ]);
    expect(done[0] + done[1] + (await completeDueOrders(ctx.deps, ctx.clock.now()))).toBe(2);
    expect(await mine(invitee.token)).toEqual(["新人礼券"]);
    expect(await mine(sharer.token)).toEqual(["邀请人礼券", "邀请奖励代金券"]);
    const results = await ctx.client.get(`/api/admin/v1/activities/${activity.id}/invite-gifts`, owner);
    expect(results.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ side: "invitee", userId: invitee.userId, templateName: "新人礼券" }),
        expect.objectContaining({
          side: "inviter",
          inviteeUserId: invitee.userId,
          templateName: "邀请人礼券",
        }),
      ]),
    );
    expect(results.body).toHaveLength(2);
    // The invite reward came as a coupon: no cash reward beside the commission.
    expect((await wallet(ctx, sharer.token)).availableFen).toBe(2000);
  });
});
