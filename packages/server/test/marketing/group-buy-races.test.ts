// Group-buy races only a real PostgreSQL can show: five shoppers taking the last place at once, one shopper
// joining twice at once, and two expiry sweeps at once. Each must end as if they had come one after another.
import { beforeAll, describe, expect, test } from "vitest";
import { expireDueGroups } from "../../src/modules/group-buys/service.ts";
import { createProduct, pay, shopperWithAddress } from "../commerce/fixtures.ts";
import { type Client, startTestApp, type TestContext } from "../support/test-app.ts";
import { onPostgres } from "../support/test-database.ts";

let ctx: TestContext;
let client: Client;
let owner: string;
let activityId: number;
let skuId: number;
const HOUR = 3_600_000;

describe.runIf(onPostgres)("group-buy races on PostgreSQL", () => {
  beforeAll(async () => {
    ctx = await startTestApp();
    client = ctx.client;
    owner = await client.loginOwner();
    const band = await createProduct(ctx, owner, { skus: [{ priceFen: 19_900, stock: 100 }] });
    skuId = band.skus[0]!.id;
    const res = await client.post(
      "/api/admin/v1/group-buys",
      {
        title: "三人团",
        productId: band.id,
        startsAt: new Date(ctx.clock.now().getTime() - HOUR),
        endsAt: new Date(ctx.clock.now().getTime() + 100 * HOUR),
        items: [{ skuId, groupPriceFen: 14_900 }],
        groupSize: 3,
        timeLimitMinutes: 24 * 60,
      },
      owner,
    );
    activityId = res.body.id;
  });

  const openGroup = async () => {
    const leader = await shopperWithAddress(ctx);
    const opened = await client.post(
      `/api/v1/group-buys/${activityId}/groups`,
      { skuId, addressId: leader.addressId },
      leader.token,
    );
    return { leader, opened: opened.body };
  };
  const join = (groupId: number, who: { token: string; addressId: number }) =>
    client.post(`/api/v1/groups/${groupId}/join`, { skuId, addressId: who.addressId }, who.token);

  test("five shoppers take the last place at once: one gets it, four hear GROUP_FULL, never over-full", async () => {
    const { opened } = await openGroup();
    expect((await join(opened.group.id, await shopperWithAddress(ctx))).status).toBe(201);
    const rivals = await Promise.all(Array.from({ length: 5 }, () => shopperWithAddress(ctx)));
    const results = await Promise.all(rivals.map((r) => join(opened.group.id, r)));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
    for (const r of results.filter((x) => x.status === 409)) expect(r.body.error.code).toBe("GROUP_FULL");
    const group = (await client.get(`/api/v1/groups/${opened.group.id}`)).body;
    expect([group.members.length, group.placesLeft]).toEqual([3, 0]);
  });

  test("one shopper joining the same group twice at once holds one place", async () => {
    const { opened } = await openGroup();
    const friend = await shopperWithAddress(ctx);
    const results = await Promise.all([join(opened.group.id, friend), join(opened.group.id, friend)]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(results.find((r) => r.status === 409)!.body.error.code).toBe("GROUP_ALREADY_JOINED");
    expect((await client.get(`/api/v1/groups/${opened.group.id}`)).body.placesLeft).toBe(1);
  });

  test("two expiry sweeps at once refund each paid member exactly once", async () => {
    const { leader, opened } = await openGroup();
    await pay(ctx, opened.order);
    const friend = await shopperWithAddress(ctx);
    const joined = (await join(opened.group.id, friend)).body;
    await pay(ctx, joined.order);
    ctx.clock.advance(25 * HOUR);
    await Promise.all([
      expireDueGroups(ctx.deps, ctx.clock.now()),
      expireDueGroups(ctx.deps, ctx.clock.now()),
    ]);
    for (const [who, order] of [
      [leader, opened.order],
      [friend, joined.order],
    ] as const) {
      const after = (await client.get(`/api/v1/orders/${order.id}`, who.token)).body;
      expect(after).toMatchObject({ status: "refunded", refundedFen: 14_900 });
      const afterSales = (await client.get("/api/v1/after-sales", who.token)).body.items;
      expect(afterSales).toHaveLength(1);
    }
  });
});
