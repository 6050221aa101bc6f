// The referral tree staff explore a level at a time: a node's upline path, its direct downline with team
// counts and sales, and a search by nickname, invite code or phone.
import { beforeAll, expect, it } from "vitest";
import { createFreight, createProduct, pay, placeOrder } from "../commerce/fixtures.ts";
import { buyer, distributor, enableDistribution } from "../distribution/support.ts";
import { startTestApp, type TestContext } from "../support/test-app.ts";

let ctx: TestContext;
let owner: string;

beforeAll(async () => {
  ctx = await startTestApp();
  owner = await ctx.client.loginOwner();
  await enableDistribution(ctx, owner);
  await createFreight(ctx, owner);
});

it("shows A's downline with team counts and sales, C's upline path, and finds people by code", async () => {
  const product = await createProduct(ctx, owner, { skus: [{ priceFen: 10_000, stock: 5, specValues: [] }] });
  const a = await distributor(ctx);
  const b = await distributor(ctx, a.code);
  const c = await buyer(ctx, b.code);
  await pay(ctx, await placeOrder(ctx, c, [{ skuId: product.skus[0]!.id, quantity: 1 }]));

  const top = await ctx.client.get(`/api/admin/v1/distribution/tree/${a.userId}`, owner);
  expect(top.status, JSON.stringify(top.body)).toBe(200);
  expect(top.body.node).toMatchObject({ userId: a.userId, directMembers: 1, teamMembers: 2 });
  expect(
    top.body.children.map((n: { userId: number; teamMembers: number }) => [n.userId, n.teamMembers]),
  ).toEqual([[b.userId, 1]]);

  const leaf = await ctx.client.get(`/api/admin/v1/distribution/tree/${c.userId}`, owner);
  expect(leaf.body.upline.map((n: { userId: number }) => n.userId)).toEqual([a.userId, b.userId]);
  expect(leaf.body.children).toEqual([]);
  expect(leaf.body.node.ownSalesFen).toBeGreaterThanOrEqual(10_000);
  // C's paid order counts in the team sales of both uplines the moment it is paid
  expect(top.body.node.teamSalesFen).toBe(leaf.body.node.ownSalesFen);
  expect(top.body.children[0].teamSalesFen).toBe(leaf.body.node.ownSalesFen);

  const found = await ctx.client.get(`/api/admin/v1/distribution/tree?q=${b.code}`, owner);
  expect(found.body.map((n: { userId: number }) => n.userId)).toEqual([b.userId]);
  const missing = await ctx.client.get("/api/admin/v1/distribution/tree/99999999", owner);
  expect(missing.status).toBe(404);
});
