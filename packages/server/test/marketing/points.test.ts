// Points (积分) through HTTP: a paid order earns points that wait until it completes; a shopper pays part of an
// order with them (spread over the lines by largest remainder, commissions on what was really paid); closing
// unpaid gives them back; refunds give spent points back and take earned points back proportionally, exactly
// once; two spends at once never overdraw; the ledger balances.
import { sql } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { queryRows } from "../../src/db/client.ts";
import { commissions } from "../../src/db/schema/distribution.ts";
import { completeDueOrders } from "../../src/modules/orders/service.ts";
import { createFreight, createProduct, pay } from "../commerce/fixtures.ts";
import { buyer, DAY, distributor, enableDistribution, shipAndReceive } from "../distribution/support.ts";
import { startTestApp } from "../support/test-app.ts";

const ctx = await startTestApp();
const { client, clock, deps } = ctx;
const owner = await client.loginOwner();
await enableDistribution(ctx, owner, { plan: { enabled: true, levels: 1, ratesBps: [1000, 0, 0] } });
await createFreight(ctx, owner, { freeOverFen: 1 });
const band = await createProduct(ctx, owner, { title: "手环", skus: [{ priceFen: 19_900, stock: 100 }] });
const strap = await createProduct(ctx, owner, { title: "表带", skus: [{ priceFen: 3_300, stock: 100 }] });
const bandSku = band.skus[0]!.id;
const strapSku = strap.skus[0]!.id;
const sharer = await distributor(ctx);

type Shopper = { token: string; userId: number; addressId: number };
const myPoints = async (s: Shopper) => (await client.get("/api/v1/me/points", s.token)).body;
const order = (s: Shopper, items: { skuId: number; quantity: number }[], points?: number) =>
  client.post("/api/v1/orders", { items, addressId: s.addressId, ...(points ? { points } : {}) }, s.token);

/** An order paid, received and completed after the after-sale window: its points become spendable. */
async function earnBy(s: Shopper, quantity: number) {
  const placed = await order(s, [{ skuId: bandSku, quantity }]);
  expect(placed.status, JSON.stringify(placed.body)).toBe(201);
  await pay(ctx, placed.body);
  await shipAndReceive(ctx, owner, placed.body, s.token);
  clock.advance(8 * DAY);
  await completeDueOrders(deps, clock.now());
}

async function refundOne(s: Shopper, orderId: number, orderItemId: number) {
  const asked = await client.post(
    `/api/v1/orders/${orderId}/after-sales`,
    { kind: "refund_only", items: [{ orderItemId, quantity: 1 }], reason: "不想要了" },
    s.token,
  );
  expect(asked.status, JSON.stringify(asked.body)).toBe(201);
  const done = await client.post(`/api/admin/v1/after-sales/${asked.body.id}/approve`, {}, owner);
  expect(done.body.afterSale.status).toBe("refunded");
}

/** Every points transaction sums to zero, and each balance equals its account's entries. */
async function auditPoints() {
  const rows = await queryRows<{ unbalanced: number; off: number }>(
    deps.db,
    sql`select
      (select count(*)::int from (select transaction_id from points_entries group by 1 having sum(points) <> 0) t) as unbalanced,
      (select count(*)::int from points_balances b where b.points <> coalesce((select sum(points) from points_entries where account = 'user:' || b.user_id), 0)
        or b.pending <> coalesce((select sum(points) from points_entries where account = 'user:' || b.user_id || ':pending'), 0)) as off`,
  );
  expect(rows[0]).toEqual({ unbalanced: 0, off: 0 });
}

describe("points are off until the merchant turns them on", () => {
  test("paying with points is refused while off; only a money role may set the rule", async () => {
    const s = await buyer(ctx, sharer.code);
    const refused = await order(s, [{ skuId: bandSku, quantity: 1 }], 100);
    expect([refused.status, refused.body.error.code]).toEqual([409, "POINTS_DISABLED"]);
    const support = await client.createStaff(owner, "support");
    expect((await client.put("/api/admin/v1/points/settings", { enabled: true }, support)).status).toBe(403);
    const set = await client.put(
      "/api/admin/v1/points/settings",
      { enabled: true, pointsPerYuan: 100, maxShareBps: 5000, earnBps: 100 },
      owner,
    );
    expect(set.body).toEqual({ enabled: true, pointsPerYuan: 100, maxShareBps: 5000, earnBps: 100 });
  });
});

describe("earn, spend, give back, claw back", () => {
  test("¥398 paid earns 398 pending, spendable once the order completes", async () => {
    const s = await buyer(ctx, sharer.code);
    const placed = await order(s, [{ skuId: bandSku, quantity: 2 }]);
    await pay(ctx, placed.body);
    expect(await myPoints(s)).toMatchObject({ points: 0, pending: 398 });
    await shipAndReceive(ctx, owner, placed.body, s.token);
    clock.advance(8 * DAY);
    await completeDueOrders(deps, clock.now());
    const after = await myPoints(s);
    expect(after).toMatchObject({ points: 398, pending: 0 });
    expect(after.history.map((h: { kind: string; points: number }) => [h.kind, h.points])).toEqual([
      ["release", 398],
      ["earn", 398],
    ]);
  });

  test("3000 wanted on ¥232 of goods: 3000 pay ¥30, spread over the lines; commission on what was paid; cancel gives them back", async () => {
    const s = await buyer(ctx, sharer.code);
    await earnBy(s, 16); // ¥3,184 → 3184 points
    const items = [
      { skuId: bandSku, quantity: 1 },
      { skuId: strapSku, quantity: 1 },
    ];
    const quote = await client.post("/api/v1/checkout/quote", { items, points: 3000 }, s.token);
    expect(quote.body).toMatchObject({
      pointsUsed: 3000,
      discountFen: 3000,
      payableFen: 23_200 - 3000,
      points: { balance: 3184, pointsPerYuan: 100, maxUsable: 3184 },
    });
    // more than held is refused, nothing taken
    const tooMany = await order(s, items, 5000);
    expect([tooMany.status, tooMany.body.error.code]).toEqual([409, "POINTS_INSUFFICIENT"]);

    const placed = await order(s, items, 3000);
    expect(placed.status, JSON.stringify(placed.body)).toBe(201);
    expect((await myPoints(s)).points).toBe(184);
    // ¥30 over ¥199 and ¥33 by largest remainder: 2573 and 427
    const lines = placed.body.items.map((i: { discountFen: number; paidFen: number }) => [
      i.discountFen,
      i.paidFen,
    ]);
    expect(lines).toEqual([
      [2573, 19_900 - 2573],
      [427, 3_300 - 427],
    ]);
    await pay(ctx, placed.body);
    const paidCommissions = await deps.db
      .select({ base: commissions.baseFen, amount: commissions.amountFen })
      .from(commissions)
      .where(sql`${commissions.orderId} = ${placed.body.id}`)
      .orderBy(commissions.orderItemId);
    expect(paidCommissions).toEqual([
      { base: 17_327, amount: 1732 },
      { base: 2_873, amount: 287 },
    ]);
    // the pending points are earned on what was paid: ¥202
    expect((await myPoints(s)).pending).toBe(202);

    const unpaid = await order(s, [{ skuId: strapSku, quantity: 1 }], 100);
    expect((await myPoints(s)).points).toBe(84);
    await client.post(`/api/v1/orders/${unpaid.body.id}/cancel`, {}, s.token);
    expect((await myPoints(s)).points).toBe(184);
    await auditPoints();
  });

  test("refunds: one of three units gives back a third of the points spent and takes a third of those pending, the rest all of it", async () => {
    const s = await buyer(ctx, sharer.code);
    await earnBy(s, 3); // 597 points
    const placed = await order(s, [{ skuId: bandSku, quantity: 3 }], 500); // ¥597 − ¥5 = ¥592
    await pay(ctx, placed.body);
    expect(await myPoints(s)).toMatchObject({ points: 97, pending: 592 });
    await client.post(
      `/api/admin/v1/orders/${placed.body.id}/ship`,
      { parcels: [{ carrier: "顺丰", trackingNo: `SF${placed.body.id}` }] },
      owner,
    );
    const item = placed.body.items[0];
    await refundOne(s, placed.body.id, item.id);
    // kept ⅔ of ¥592 paid: spent keeps floor(500 × ⅔) = 333 → 167 back; earned keeps floor(592 × ⅔) = 394 → 198 clawed
    expect(await myPoints(s)).toMatchObject({ points: 97 + 167, pending: 592 - 198 });
    await refundOne(s, placed.body.id, item.id);
    await refundOne(s, placed.body.id, item.id);
    expect(await myPoints(s)).toMatchObject({ points: 597, pending: 0 });
    const kinds = (await myPoints(s)).history.map((h: { kind: string }) => h.kind);
    expect(kinds.filter((k: string) => k === "return")).toHaveLength(3);
    expect(kinds.filter((k: string) => k === "claw")).toHaveLength(3);
    await auditPoints();
  });

  test("two orders spending the same points at once: one is placed, the other refused, never below zero", async () => {
    const s = await buyer(ctx, sharer.code);
    await earnBy(s, 2); // 398
    const tries = await Promise.all([0, 1, 2].map(() => order(s, [{ skuId: bandSku, quantity: 1 }], 300)));
    expect(tries.map((t) => t.status).sort()).toEqual([201, 409, 409]);
    expect(tries.filter((t) => t.status === 409).map((t) => t.body.error.code)).toEqual([
      "POINTS_INSUFFICIENT",
      "POINTS_INSUFFICIENT",
    ]);
    expect((await myPoints(s)).points).toBe(98);
    await auditPoints();
  });
});
