// 拼团 through HTTP: open by the opener, join by a shared link (binding the joiner to the sharer), the group
// forms when every place is paid and only then do its orders ship; refusals for a full, expired or own group;
// an expired group refunds every paid member once, or forms by virtual fill; the five-person course group pays
// its opener ¥50.
import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { orders } from "../../src/db/schema/commerce.ts";
import { expireDueGroups } from "../../src/modules/group-buys/service.ts";
import { createProduct, pay, shopperWithAddress } from "../commerce/fixtures.ts";
import { buyer, DAY, distributor, enableDistribution, wallet } from "../distribution/support.ts";
import { startTestApp } from "../support/test-app.ts";

const ctx = await startTestApp();
const { client, clock, deps } = ctx;
const owner = await client.loginOwner();
await enableDistribution(ctx, owner, {
  plan: { enabled: true, levels: 2, ratesBps: [1000, 500, 0], activityCommission: { group_buy: true } },
});
const HOUR = 3_600_000;

const band = await createProduct(ctx, owner, { title: "智能手环", skus: [{ priceFen: 19_900, stock: 100 }] });
const bandSku = band.skus[0]!.id;

async function groupBuy(body: Record<string, unknown> = {}) {
  const res = await client.post(
    "/api/admin/v1/group-buys",
    {
      title: "手环三人团",
      productId: band.id,
      startsAt: new Date(clock.now().getTime() - HOUR),
      endsAt: new Date(clock.now().getTime() + 30 * DAY),
      items: [{ skuId: bandSku, groupPriceFen: 14_900 }],
      groupSize: 3,
      timeLimitMinutes: 24 * 60,
      ...body,
    },
    owner,
  );
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: number };
}

type Shopper = { token: string; addressId?: number };
const open = (activityId: number, who: Shopper, sku = bandSku) =>
  client.post(`/api/v1/group-buys/${activityId}/groups`, { skuId: sku, addressId: who.addressId }, who.token);
const join = (groupId: number, who: Shopper, extra: Record<string, unknown> = {}, sku = bandSku) =>
  client.post(
    `/api/v1/groups/${groupId}/join`,
    { skuId: sku, addressId: who.addressId, ...extra },
    who.token,
  );
const activityKindOf = async (orderId: number) =>
  (await deps.db.select({ kind: orders.activityKind }).from(orders).where(eq(orders.id, orderId)))[0]!.kind;

describe("the seed's ¥199 band in a three-person group at ¥149", () => {
  test("opened by a distributor, joined by a shared link, formed when all three paid, then shipped", async () => {
    const activity = await groupBuy();
    const sharer = await distributor(ctx);
    await client.post(
      "/api/v1/addresses",
      {
        name: "甲",
        phone: "13700000001",
        provinceCode: "440000",
        cityCode: "440300",
        districtCode: "440305",
        detail: "1 号",
      },
      sharer.token,
    );
    const sharerAddress = (await client.get("/api/v1/addresses", sharer.token)).body[0].id as number;
    const opened = await open(activity.id, { token: sharer.token, addressId: sharerAddress });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    expect(opened.body.order).toMatchObject({
      goodsFen: 19_900,
      discountFen: 5_000,
      payableFen: 14_900 + 800 * 0,
    });
    expect(opened.body.group).toMatchObject({ status: "open", size: 3, placesLeft: 2 });
    expect(await activityKindOf(opened.body.order.id)).toBe("group_buy");
    await pay(ctx, opened.body.order);

    // a group order waits for its group before it ships
    const early = await client.post(
      `/api/admin/v1/orders/${opened.body.order.id}/ship`,
      { parcels: [{ carrier: "顺丰", trackingNo: "SF1234567890" }] },
      owner,
    );
    expect([early.status, early.body.error.code]).toEqual([409, "GROUP_NOT_FORMED"]);

    // two friends arrive by the shared link: bound to the sharer, who earns on their orders (switch on)
    const groupId = opened.body.group.id as number;
    const second = await shopperWithAddress(ctx);
    const joined = await join(groupId, second, { ref: sharer.code });
    expect(joined.status, JSON.stringify(joined.body)).toBe(201);
    expect(joined.body.order.payableFen).toBe(14_900);
    await pay(ctx, joined.body.order);
    const third = await shopperWithAddress(ctx);
    const last = await join(groupId, third, { ref: sharer.code });
    expect((await client.get(`/api/v1/groups/${groupId}`)).body).toMatchObject({
      status: "open",
      placesLeft: 0,
      paidMembers: 2,
    });
    await pay(ctx, last.body.order);

    const formed = (await client.get(`/api/v1/groups/${groupId}`)).body;
    expect(formed).toMatchObject({ status: "formed", paidMembers: 3, placesLeft: 0 });
    expect(formed.members.map((m: { role: string }) => m.role)).toEqual(["leader", "member", "member"]);
    expect((await wallet(ctx, sharer.token)).frozenFen).toBe(2 * 1_490);
    const shipped = await client.post(
      `/api/admin/v1/orders/${opened.body.order.id}/ship`,
      { parcels: [{ carrier: "顺丰", trackingNo: "SF1234567890" }] },
      owner,
    );
    expect(shipped.status).toBe(200);

    const results = await client.get(`/api/admin/v1/group-buys/${activity.id}/groups`, owner);
    expect(results.body.items[0]).toMatchObject({ id: groupId, status: "formed", paidMembers: 3 });
  });

  test("joining one's own group twice, a full group, an expired group: 409 with a stable code, nothing placed", async () => {
    const activity = await groupBuy({ groupSize: 2 });
    const leader = await shopperWithAddress(ctx);
    const opened = await open(activity.id, leader);
    const groupId = opened.body.group.id as number;
    const self = await join(groupId, leader);
    expect([self.status, self.body.error.code]).toEqual([409, "GROUP_ALREADY_JOINED"]);
    const friend = await shopperWithAddress(ctx);
    expect((await join(groupId, friend)).status).toBe(201);
    const late = await shopperWithAddress(ctx);
    const full = await join(groupId, late);
    expect([full.status, full.body.error.code]).toEqual([409, "GROUP_FULL"]);

    const other = await open(activity.id, await shopperWithAddress(ctx));
    clock.advance(25 * HOUR);
    const expired = await join(other.body.group.id, late);
    expect([expired.status, expired.body.error.code]).toEqual([409, "GROUP_EXPIRED"]);
    expect((await client.get("/api/v1/orders", late.token)).body.items).toEqual([]);
  });

  test("an unpaid member's place frees when their order closes; the per-person limit counts groups", async () => {
    const activity = await groupBuy({ groupSize: 2, perPersonLimit: 1 });
    const leader = await shopperWithAddress(ctx);
    const opened = await open(activity.id, leader);
    const again = await open(activity.id, leader);
    expect([again.status, again.body.error.code]).toEqual([409, "GROUP_LIMIT_EXCEEDED"]);
    const friend = await shopperWithAddress(ctx);
    const joined = await join(opened.body.group.id, friend);
    await client.post(`/api/v1/orders/${joined.body.order.id}/cancel`, {}, friend.token);
    expect((await client.get(`/api/v1/groups/${opened.body.group.id}`)).body.placesLeft).toBe(1);
    expect((await join(opened.body.group.id, friend)).status).toBe(201);
  });
});

describe("when a group's time runs out", () => {
  test("unfilled: every paid member is refunded in full, once, and the commission is cancelled", async () => {
    const activity = await groupBuy();
    const sharer = await distributor(ctx);
    const leader = await buyer(ctx, sharer.code);
    const opened = await open(activity.id, leader);
    await pay(ctx, opened.body.order);
    const friend = await shopperWithAddress(ctx);
    const joined = await join(opened.body.group.id, friend, { ref: sharer.code });
    await pay(ctx, joined.body.order);
    const latecomer = await shopperWithAddress(ctx);
    const unpaid = await join(opened.body.group.id, latecomer);
    expect((await wallet(ctx, sharer.token)).frozenFen).toBe(2 * 1_490);

    clock.advance(24 * HOUR);
    // groups of the earlier tests are due too: this run decides them all, a second finds nothing
    expect(await expireDueGroups(deps, clock.now())).toBeGreaterThanOrEqual(3);
    expect(await expireDueGroups(deps, clock.now())).toBe(0);
    expect((await client.get(`/api/v1/groups/${opened.body.group.id}`)).body.status).toBe("failed");
    for (const [who, order] of [
      [leader, opened.body.order],
      [friend, joined.body.order],
    ] as const) {
      const after = (await client.get(`/api/v1/orders/${order.id}`, who.token)).body;
      expect(after).toMatchObject({ status: "refunded", refundedFen: 14_900 });
    }
    expect((await wallet(ctx, sharer.token)).frozenFen).toBe(0);
    // the unpaid member's order closes with the group's deadline
    const { closeDueOrders } = await import("../../src/modules/orders/service.ts");
    await closeDueOrders(deps, clock.now());
    expect((await client.get(`/api/v1/orders/${unpaid.body.order.id}`, latecomer.token)).body.status).toBe(
      "closed",
    );
  });

  test("two of three paid and virtual fill up to one: formed by the system, its orders ship", async () => {
    const activity = await groupBuy({ virtualFillMaxMissing: 1 });
    const leader = await shopperWithAddress(ctx);
    const opened = await open(activity.id, leader);
    await pay(ctx, opened.body.order);
    const joined = await join(opened.body.group.id, await shopperWithAddress(ctx));
    await pay(ctx, joined.body.order);
    clock.advance(24 * HOUR);
    await expireDueGroups(deps, clock.now());
    expect((await client.get(`/api/v1/groups/${opened.body.group.id}`)).body).toMatchObject({
      status: "formed",
      virtualMembers: 1,
    });
    const shipped = await client.post(
      `/api/admin/v1/orders/${opened.body.order.id}/ship`,
      { parcels: [{ carrier: "顺丰", trackingNo: "SF1234567890" }] },
      owner,
    );
    expect(shipped.status).toBe(200);
  });
});

describe("the seed's five-person course group at 90% with ¥50 to the opener", () => {
  test("five parents pay ¥899.10 each with no address; the opener's ¥50 is posted once the group forms", async () => {
    const course = await createProduct(ctx, owner, {
      title: "少儿编程课",
      kind: "service",
      skus: [{ priceFen: 99_900, stock: 50 }],
    });
    const sku = course.skus[0]!.id;
    const res = await client.post(
      "/api/admin/v1/group-buys",
      {
        title: "编程课五人团",
        productId: course.id,
        startsAt: new Date(clock.now().getTime() - HOUR),
        endsAt: new Date(clock.now().getTime() + 30 * DAY),
        items: [{ skuId: sku, groupPriceFen: 89_910 }],
        groupSize: 5,
        timeLimitMinutes: 48 * 60,
        leaderBonusFen: 5_000,
      },
      owner,
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const opener = await distributor(ctx);
    const opened = await open(res.body.id, opener, sku);
    expect(opened.body.order).toMatchObject({ payableFen: 89_910, address: null, delivery: "redemption" });
    await pay(ctx, opened.body.order);
    for (let i = 0; i < 4; i++) {
      const parent = await client.registerShopper();
      const joined = await join(opened.body.group.id, parent, { ref: opener.code }, sku);
      expect(joined.status, JSON.stringify(joined.body)).toBe(201);
      await pay(ctx, joined.body.order);
    }
    expect((await client.get(`/api/v1/groups/${opened.body.group.id}`)).body.status).toBe("formed");
    // ¥50 bonus available at once; commissions on the four joiners' orders stay frozen until released
    expect(await wallet(ctx, opener.token)).toMatchObject({ availableFen: 5_000, frozenFen: 4 * 8_991 });
  });
});
