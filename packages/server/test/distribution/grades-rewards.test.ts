// Grades and rewards move on completed orders, never on sign-ups alone: a distributor climbs a grade when
// an order completes (and then earns that grade's rates), the first-order reward and the invite reward are
// paid through the ledger only once the order completes, once each, within the daily caps.
import { beforeAll, describe, expect, it } from "vitest";
import { completeOrders } from "../../src/jobs/complete-orders.ts";
import { createProduct, pay, placeOrder, SHENZHEN } from "../commerce/fixtures.ts";
import { startTestApp, type TestContext } from "../support/test-app.ts";
import { buyer, DAY, distributor, enableDistribution, shipAndReceive, wallet } from "./support.ts";

let ctx: TestContext;
let owner: string;
let skuId: number;

beforeAll(async () => {
  ctx = await startTestApp();
  owner = await ctx.client.loginOwner();
  await enableDistribution(ctx, owner);
  const product = await createProduct(ctx, owner, { skus: [{ priceFen: 10_000, stock: 500 }] });
  skuId = product.skus[0]!.id;
});

/** Places, pays, ships and receives an order, then lets the 7-day after-sale window pass. */
async function completedOrder(shopper: { token: string; addressId: number }) {
  const order = await placeOrder(ctx, shopper, [{ skuId, quantity: 1 }]);
  await pay(ctx, order);
  await shipAndReceive(ctx, owner, order, shopper.token);
  ctx.clock.advance(8 * DAY);
  expect(await completeOrders.run(ctx.deps, ctx.deps.now())).toBeGreaterThanOrEqual(1);
  return order;
}
/** A distributor's own address (no phone or address shared with anyone, so no fraud hold). */
async function withAddress<T extends { token: string; userId: number }>(who: T) {
  const res = await ctx.client.post(
    "/api/v1/addresses",
    {
      name: "收件人",
      phone: `136${String(who.userId).padStart(8, "0")}`,
      ...SHENZHEN,
      detail: `${who.userId} 室`,
    },
    who.token,
  );
  expect(res.status).toBe(201);
  return { ...who, addressId: res.body.id as number };
}
const gradeOf = async (token: string) => (await ctx.client.get("/api/v1/distribution/grade", token)).body;

describe("grades", () => {
  it("a grade over the cap is refused; an invite who completed an order lifts the inviter, who then earns the grade's rates", async () => {
    const over = await ctx.client.post(
      "/api/admin/v1/distribution/grades",
      { rank: 1, name: "超额", tasks: {}, ratesBps: [2500, 1000, 0] },
      owner,
    );
    expect([over.status, over.body.error.code]).toEqual([422, "COMMISSION_RATES_OVER_CAP"]);
    const silver = await ctx.client.post(
      "/api/admin/v1/distribution/grades",
      { rank: 1, name: "银牌", tasks: { invitesWhoBought: 1 }, ratesBps: [2000, 500, 0] },
      owner,
    );
    expect(silver.status, JSON.stringify(silver.body)).toBe(201);

    const a = await distributor(ctx);
    const invitees = [await buyer(ctx, a.code), await buyer(ctx, a.code)];
    expect((await gradeOf(a.token)).grade).toBeNull();
    // A paid but not yet completed order is not enough.
    const first = await placeOrder(ctx, invitees[0]!, [{ skuId, quantity: 1 }]);
    await pay(ctx, first);
    const progress = await gradeOf(a.token);
    expect(progress.next).toMatchObject({
      name: "银牌",
      progress: [{ task: "invitesWhoBought", current: 0, target: 1 }],
      ratesBps: [2000, 500, 0],
    });
    // the page shows the friend's order and that it does not count until completed
    expect(progress.inviteeOrders).toEqual([
      expect.objectContaining({
        orderNo: first.orderNo,
        status: "paid",
        payableFen: first.payableFen,
        counts: false,
      }),
    ]);
    expect((await wallet(ctx, a.token)).frozenFen).toBe(1000);

    await shipAndReceive(ctx, owner, first, invitees[0]!.token);
    ctx.clock.advance(8 * DAY);
    expect(await completeOrders.run(ctx.deps, ctx.deps.now())).toBe(1);
    const lifted = await gradeOf(a.token);
    expect(lifted.grade).toMatchObject({ name: "银牌" });
    expect(lifted.inviteeOrders).toEqual([]); // no further grade, no task to explain
    const detail = await ctx.client.get(`/api/admin/v1/distribution/distributors/${a.userId}`, owner);
    expect(detail.body.history).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: "grade_changed", toValue: String(silver.body.id) }),
      ]),
    );

    // The next order through A pays the grade's 20%, not the global 10%.
    const second = await placeOrder(ctx, invitees[1]!, [{ skuId, quantity: 1 }]);
    await pay(ctx, second);
    const lines = (await ctx.client.get("/api/v1/distribution/commissions", a.token)).body.items;
    expect(lines.find((l: { orderId: number }) => l.orderId === second.id)).toMatchObject({
      rateBps: 2000,
      amountFen: 2000,
    });
    await ctx.client.delete(`/api/admin/v1/distribution/grades/${silver.body.id}`, owner);
  });
});

describe("rewards", () => {
  it("first-order and invite rewards wait for the completed order, are paid once, and stop at the daily cap", async () => {
    await enableDistribution(ctx, owner, {
      rewards: {
        firstOrder: { enabled: true, amountFen: 1000, dailyCapFen: null, dailyCapCount: null },
        invite: { enabled: true, amountFen: 1000, dailyCapFen: 1500, dailyCapCount: null },
      },
    });
    const a = await distributor(ctx);
    // Recruiting alone pays nothing: two invitees become distributors without buying.
    const b = await withAddress(await distributor(ctx, a.code));
    const c = await withAddress(await distributor(ctx, a.code));
    expect(await wallet(ctx, a.token)).toMatchObject({ frozenFen: 0, availableFen: 0 });

    const orders = [];
    for (const invitee of [b, c]) {
      const order = await placeOrder(ctx, invitee, [{ skuId, quantity: 1 }]);
      await pay(ctx, order);
      await shipAndReceive(ctx, owner, order, invitee.token);
      orders.push(order);
    }
    // Paid and received is not completed: no reward yet, only the frozen commissions.
    expect(await wallet(ctx, a.token)).toMatchObject({ frozenFen: 2000, availableFen: 0 });
    ctx.clock.advance(8 * DAY);
    expect(await completeOrders.run(ctx.deps, ctx.deps.now())).toBe(2);
    // Both commissions released; one first-order reward; invite rewards ¥10 + ¥5 (cut at the ¥15 daily cap).
    expect(await wallet(ctx, a.token)).toMatchObject({
      frozenFen: 0,
      availableFen: 2000 + 1000 + 1000 + 500,
    });

    // Another day, B's second completed order: the commission only — each reward is paid once.
    await completedOrder(b);
    expect(await wallet(ctx, a.token)).toMatchObject({ frozenFen: 0, availableFen: 4500 + 1000 });
  });
});
