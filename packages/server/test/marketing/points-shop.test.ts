// The points shop (积分商城) through HTTP: the merchant offers goods for points (or points + cash) with their
// own exchange stock and per-person limit; a shopper redeems one unit as an order of the normal order path
// (address for goods, none for a course), paid at once when points cover it, commission only on the cash;
// refusals leave points and stock as they were; a replay adds nothing; cancel and refund give points back;
// concurrent redemptions never overspend points or exchange stock.
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
let owner = await client.loginOwner();
await enableDistribution(ctx, owner, { plan: { enabled: true, levels: 1, ratesBps: [1000, 0, 0] } });
await createFreight(ctx, owner, { freeOverFen: 1 });
const card = await createProduct(ctx, owner, { title: "积分卡", skus: [{ priceFen: 3_000, stock: 1000 }] });
const mug = await createProduct(ctx, owner, { title: "马克杯", skus: [{ priceFen: 2_000, stock: 100 }] });
const lesson = await createProduct(ctx, owner, {
  title: "体验课",
  kind: "service",
  skus: [{ priceFen: 19_900, stock: 100 }],
});
const mugSku = mug.skus[0]!.id;
const sharer = await distributor(ctx);

type Shopper = { token: string; userId: number; addressId: number };
const myPoints = async (s: Shopper) => (await client.get("/api/v1/me/points", s.token)).body;
const addItem = (body: Record<string, unknown>) =>
  client.post("/api/admin/v1/points/shop-items", body, owner);
const redeem = (s: Shopper, itemId: number, body: Record<string, unknown> = {}, key?: string) =>
  client.post(
    `/api/v1/points-shop/items/${itemId}/redeem`,
    { addressId: s.addressId, ...body },
    s.token,
    key ? { "idempotency-key": key } : undefined,
  );
const item = async (id: number) =>
  (await client.get("/api/admin/v1/points/shop-items", owner)).body.find((i: { id: number }) => i.id === id);

/** `n` shoppers holding 3000 spendable points each (1 point per fen paid, once their order completes). */
async function shoppersWith3000(n: number): Promise<Shopper[]> {
  const shoppers: Shopper[] = [];
  for (let i = 0; i < n; i++) {
    const s = await buyer(ctx, sharer.code);
    const placed = await client.post(
      "/api/v1/orders",
      { items: [{ skuId: card.skus[0]!.id, quantity: 1 }], addressId: s.addressId },
      s.token,
    );
    await pay(ctx, placed.body);
    await shipAndReceive(ctx, owner, placed.body, s.token);
    shoppers.push(s);
  }
  clock.advance(8 * DAY);
  await completeDueOrders(deps, clock.now());
  owner = await client.loginOwner(); // the staff session does not outlive the days skipped
  for (const s of shoppers) expect((await myPoints(s)).points).toBe(3000);
  return shoppers;
}
const shopperWith3000 = async () => (await shoppersWith3000(1))[0]!;

/** Every points transaction sums to zero, and each balance equals its account's entries. */
async function auditPoints() {
  const rows = await queryRows<{ unbalanced: number; off: number }>(
    deps.db,
    sql`select
      (select count(*)::int from (select transaction_id from points_entries group by 1 having sum(points) <> 0) t) as unbalanced,
      (select count(*)::int from points_balances b where b.points <> coalesce((select sum(points) from points_entries where account = 'user:' || b.user_id), 0)) as off`,
  );
  expect(rows[0]).toEqual({ unbalanced: 0, off: 0 });
}

describe("the merchant's goods for points", () => {
  test("cash above the price is refused; support staff may not add; redeeming while points are off is refused", async () => {
    const over = await addItem({ skuId: mugSku, points: 100, cashFen: 2_001, stock: 5 });
    expect([over.status, over.body.error.code]).toEqual([422, "POINTS_ITEM_INVALID"]);
    const support = await client.createStaff(owner, "support");
    const refused = await client.post(
      "/api/admin/v1/points/shop-items",
      { skuId: mugSku, points: 100, stock: 5 },
      support,
    );
    expect(refused.status).toBe(403);
    const added = await addItem({ skuId: mugSku, points: 100, stock: 5 });
    const s = await buyer(ctx, sharer.code);
    const off = await redeem(s, added.body.id);
    expect([off.status, off.body.error.code]).toEqual([409, "POINTS_DISABLED"]);
    await client.patch(`/api/admin/v1/points/shop-items/${added.body.id}`, { onSale: false }, owner);
    const set = await client.put("/api/admin/v1/points/settings", { enabled: true, earnBps: 10_000 }, owner);
    expect(set.status).toBe(200);
  });
});

describe("redeeming", () => {
  test("points only: paid at once with an address, no commission, a replay adds nothing, the shop lists it", async () => {
    const s = await shopperWith3000();
    const added = await addItem({ skuId: mugSku, points: 1000, stock: 3, perPersonLimit: 2 });
    expect(added.body).toMatchObject({
      title: "马克杯",
      priceFen: 2_000,
      points: 1000,
      cashFen: 0,
      onSale: true,
    });
    const listed = (await client.get("/api/v1/points-shop/items")).body;
    expect(listed.map((i: { id: number }) => i.id)).toContain(added.body.id);

    const key = `redeem-${s.userId}-a`;
    const first = await redeem(s, added.body.id, {}, key);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({ status: "paid", payableFen: 0, activityKind: "points_shop" });
    expect(first.body.address).toMatchObject({ name: "买家" });
    const again = await redeem(s, added.body.id, {}, key);
    expect([again.status, again.body.id, again.headers["idempotent-replayed"]]).toEqual([
      201,
      first.body.id,
      "true",
    ]);
    expect((await myPoints(s)).points).toBe(2000);
    expect((await myPoints(s)).history[0]).toMatchObject({
      kind: "spend",
      points: -1000,
      orderId: first.body.id,
    });
    expect(await item(added.body.id)).toMatchObject({ stock: 2, redeemed: 1 });
    const paid = await deps.db
      .select()
      .from(commissions)
      .where(sql`${commissions.orderId} = ${first.body.id}`);
    expect(paid).toEqual([]);

    // the limit is 2 per person
    expect((await redeem(s, added.body.id)).status).toBe(201);
    const third = await redeem(s, added.body.id);
    expect([third.status, third.body.error.code]).toEqual([409, "POINTS_ITEM_LIMIT_REACHED"]);
    expect((await myPoints(s)).points).toBe(1000);
    expect(await item(added.body.id)).toMatchObject({ stock: 1, redeemed: 2 });
    // staff see the same balance and history (客户管理); a shopper's token does not open it
    const staffView = await client.get(`/api/admin/v1/customers/${s.userId}/points`, owner);
    expect(staffView.body).toEqual(await myPoints(s));
    expect((await client.get(`/api/admin/v1/customers/${s.userId}/points`, s.token)).status).toBe(401);
    await auditPoints();
  });

  test("points + cash: waits for the ¥ part, commission on the cash only; cancel gives points and stock back", async () => {
    const s = await shopperWith3000();
    const added = await addItem({ skuId: mugSku, points: 800, cashFen: 500, stock: 10 });
    const placed = await redeem(s, added.body.id);
    expect(placed.body).toMatchObject({ status: "pending_payment", payableFen: 500, discountFen: 1_500 });
    expect((await myPoints(s)).points).toBe(2200);
    await pay(ctx, placed.body);
    const paid = await deps.db
      .select({ base: commissions.baseFen, amount: commissions.amountFen })
      .from(commissions)
      .where(sql`${commissions.orderId} = ${placed.body.id}`);
    expect(paid).toEqual([{ base: 500, amount: 50 }]);

    const unpaid = await redeem(s, added.body.id);
    expect((await myPoints(s)).points).toBe(1400);
    expect(await item(added.body.id)).toMatchObject({ stock: 8, redeemed: 2 });
    await client.post(`/api/v1/orders/${unpaid.body.id}/cancel`, {}, s.token);
    expect((await myPoints(s)).points).toBe(2200);
    expect(await item(added.body.id)).toMatchObject({ stock: 9, redeemed: 1 });
    await auditPoints();
  });

  test("a course needs no address; a refund gives the points back", async () => {
    const s = await shopperWith3000();
    const added = await addItem({ skuId: lesson.skus[0]!.id, points: 2500, stock: 10 });
    const placed = await client.post(`/api/v1/points-shop/items/${added.body.id}/redeem`, {}, s.token);
    expect(placed.status, JSON.stringify(placed.body)).toBe(201);
    expect(placed.body).toMatchObject({ delivery: "redemption", address: null, status: "shipped" });
    expect((await myPoints(s)).points).toBe(500);
    const asked = await client.post(
      `/api/v1/orders/${placed.body.id}/after-sales`,
      {
        kind: "refund_only",
        items: [{ orderItemId: placed.body.items[0].id, quantity: 1 }],
        reason: "不想要了",
      },
      s.token,
    );
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    const done = await client.post(`/api/admin/v1/after-sales/${asked.body.id}/approve`, {}, owner);
    expect(done.body.afterSale.status).toBe("refunded");
    expect((await myPoints(s)).points).toBe(3000);
    await auditPoints();
  });

  test("off sale, sold out and too few points are refused and change nothing", async () => {
    const s = await shopperWith3000();
    const dear = await addItem({ skuId: mugSku, points: 5000, stock: 5 });
    const short = await redeem(s, dear.body.id);
    expect([short.status, short.body.error.code]).toEqual([409, "POINTS_INSUFFICIENT"]);
    expect(await item(dear.body.id)).toMatchObject({ stock: 5, redeemed: 0 });
    const none = await addItem({ skuId: mugSku, points: 10, stock: 0 });
    const soldOut = await redeem(s, none.body.id);
    expect([soldOut.status, soldOut.body.error.code]).toEqual([409, "POINTS_ITEM_SOLD_OUT"]);
    await client.patch(
      `/api/admin/v1/points/shop-items/${dear.body.id}`,
      { onSale: false, points: 10 },
      owner,
    );
    const off = await redeem(s, dear.body.id);
    expect([off.status, off.body.error.code]).toEqual([409, "POINTS_ITEM_OFF_SALE"]);
    expect(
      (await client.get("/api/v1/points-shop/items")).body.map((i: { id: number }) => i.id),
    ).not.toContain(dear.body.id);
    expect((await myPoints(s)).points).toBe(3000);
  });
});

describe("races", () => {
  test("five redemptions at once with points for two: exactly two, never below zero", async () => {
    const s = await shopperWith3000();
    const added = await addItem({ skuId: mugSku, points: 1200, stock: 50 });
    const tries = await Promise.all([0, 1, 2, 3, 4].map(() => redeem(s, added.body.id)));
    expect(tries.map((t) => t.status).sort()).toEqual([201, 201, 409, 409, 409]);
    expect(new Set(tries.filter((t) => t.status === 409).map((t) => t.body.error.code))).toEqual(
      new Set(["POINTS_INSUFFICIENT"]),
    );
    expect((await myPoints(s)).points).toBe(600);
    expect(await item(added.body.id)).toMatchObject({ stock: 48, redeemed: 2 });
    await auditPoints();
  });

  test("five shoppers at once for exchange stock of two: exactly two", async () => {
    const shoppers = await shoppersWith3000(5);
    const added = await addItem({ skuId: mugSku, points: 100, stock: 2 });
    const tries = await Promise.all(shoppers.map((s) => redeem(s, added.body.id)));
    expect(tries.map((t) => t.status).sort()).toEqual([201, 201, 409, 409, 409]);
    expect(new Set(tries.filter((t) => t.status === 409).map((t) => t.body.error.code))).toEqual(
      new Set(["POINTS_ITEM_SOLD_OUT"]),
    );
    expect(await item(added.body.id)).toMatchObject({ stock: 0, redeemed: 2 });
    const left = await Promise.all(shoppers.map(async (s) => (await myPoints(s)).points));
    expect(left.sort()).toEqual([2900, 2900, 3000, 3000, 3000]);
  });
});
