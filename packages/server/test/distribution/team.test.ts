// "My team" (GET /api/v1/distribution/team): members and paid sales on each of the three levels below a
// distributor, and the newest members of one level; deeper levels and unpaid orders do not count.
import { beforeAll, expect, it } from "vitest";
import { findTeamStatsDrift } from "../../src/modules/binding/team-stats-repo.ts";
import { createFreight, createProduct, pay, placeOrder, SHENZHEN } from "../commerce/fixtures.ts";
import { startTestApp, type TestContext } from "../support/test-app.ts";
import { distributor, enableDistribution } from "./support.ts";

let ctx: TestContext;
let owner: string;

beforeAll(async () => {
  ctx = await startTestApp();
  owner = await ctx.client.loginOwner();
  await enableDistribution(ctx, owner);
  await createFreight(ctx, owner);
});

async function buys(shopper: { token: string; userId: number }, skuId: number, paid: boolean) {
  const address = await ctx.client.post(
    "/api/v1/addresses",
    { name: "队员", phone: `136${String(shopper.userId).padStart(8, "0")}`, ...SHENZHEN, detail: "1 号" },
    shopper.token,
  );
  const order = await placeOrder(ctx, { token: shopper.token, addressId: address.body.id }, [
    { skuId, quantity: 1 },
  ]);
  if (paid) await pay(ctx, order);
  return order;
}

it("counts members and paid sales on levels 1-3 and lists one level's members", async () => {
  const product = await createProduct(ctx, owner, {
    skus: [{ priceFen: 10000, stock: 100, specValues: [] }],
  });
  const skuId = product.skus[0]!.id;
  const a = await distributor(ctx);
  const b1 = await distributor(ctx, a.code);
  const b2 = await distributor(ctx, a.code);
  const c = await distributor(ctx, b1.code);
  const d = await distributor(ctx, c.code);
  const e = await distributor(ctx, d.code);
  // Two orders of one member count the member once and both sales.
  await buys(b1, skuId, true);
  await buys(b1, skuId, true);
  await buys(b2, skuId, false);
  await buys(c, skuId, true);
  await buys(e, skuId, true);

  const team = await ctx.client.get("/api/v1/distribution/team", a.token);
  expect(team.status, JSON.stringify(team.body)).toBe(200);
  expect(team.body.levels).toEqual([
    { level: 1, members: 2, salesFen: 20000 },
    { level: 2, members: 1, salesFen: 10000 },
    { level: 3, members: 1, salesFen: 0 },
  ]);
  expect(team.body.members.map((m: { userId: number }) => m.userId).sort()).toEqual(
    [b1.userId, b2.userId].sort(),
  );
  const third = await ctx.client.get("/api/v1/distribution/team?level=3", a.token);
  expect(third.body.members.map((m: { userId: number; level: number }) => [m.userId, m.level])).toEqual([
    [d.userId, 3],
  ]);
});

it("keeps the counts through a refund and a staff move of a member with a team of their own", async () => {
  const product = await createProduct(ctx, owner, {
    skus: [{ priceFen: 10000, stock: 100, specValues: [] }],
  });
  const skuId = product.skus[0]!.id;
  const a = await distributor(ctx);
  const x = await distributor(ctx);
  const b = await distributor(ctx, a.code);
  const c = await distributor(ctx, b.code);
  const d = await distributor(ctx, c.code);
  const order = await buys(c, skuId, true);
  await buys(d, skuId, true);
  const levels = async (who: { token: string }) =>
    (await ctx.client.get("/api/v1/distribution/team", who.token)).body.levels;
  expect(await levels(a)).toEqual([
    { level: 1, members: 1, salesFen: 0 },
    { level: 2, members: 1, salesFen: 10000 },
    { level: 3, members: 1, salesFen: 10000 },
  ]);

  // c returns the goods: ¥100 leaves the sales of b (level 1) and a (level 2)
  const refund = await ctx.client.post(
    `/api/v1/orders/${order.id}/after-sales`,
    { kind: "refund_only", items: [{ orderItemId: order.items[0].id, quantity: 1 }], reason: "不想要了" },
    c.token,
  );
  expect(refund.status, JSON.stringify(refund.body)).toBe(201);
  const approved = await ctx.client.post(`/api/admin/v1/after-sales/${refund.body.id}/approve`, {}, owner);
  expect(approved.status, JSON.stringify(approved.body)).toBe(200);
  expect(await levels(a)).toEqual([
    { level: 1, members: 1, salesFen: 0 },
    { level: 2, members: 1, salesFen: 0 },
    { level: 3, members: 1, salesFen: 10000 },
  ]);

  // staff move b (with c and d below) from a to x: a's team empties, x's gains all three levels
  const moved = await ctx.client.post(
    `/api/admin/v1/distribution/users/${b.userId}/upline`,
    { uplineUserId: x.userId, reason: "客户申请" },
    owner,
  );
  expect(moved.status, JSON.stringify(moved.body)).toBe(200);
  expect(await levels(a)).toEqual([]);
  expect(await levels(x)).toEqual([
    { level: 1, members: 1, salesFen: 0 },
    { level: 2, members: 1, salesFen: 0 },
    { level: 3, members: 1, salesFen: 10000 },
  ]);
  expect(await findTeamStatsDrift(ctx.deps.db)).toEqual([]);
});
