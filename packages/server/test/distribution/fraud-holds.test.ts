// Fraud holds as staff meet them: a buyer who shares a phone, an address or a payout account with the
// distributor earns that distributor a `held` commission instead of a frozen one; held money does not settle
// until staff release it (then it settles when due) or cancel it (then it goes back to the merchant).
import { beforeAll, describe, expect, it } from "vitest";
import { createProduct, pay, placeOrder, SHENZHEN } from "../commerce/fixtures.ts";
import { startTestApp, type TestContext } from "../support/test-app.ts";
import { buyer, credit, DAY, distributor, enableDistribution, shipAndReceive, wallet } from "./support.ts";

let ctx: TestContext;
let owner: string;
let skuId: number;

beforeAll(async () => {
  ctx = await startTestApp();
  owner = await ctx.client.loginOwner();
  await enableDistribution(ctx, owner);
  const product = await createProduct(ctx, owner, { skus: [{ priceFen: 10_000, stock: 100 }] });
  skuId = product.skus[0]!.id;
});

const address = (token: string, phone: string, detail: string) =>
  ctx.client.post("/api/v1/addresses", { name: "收件人", phone, ...SHENZHEN, detail }, token);
async function commissionsOf(userId: number) {
  const res = await ctx.client.get(`/api/admin/v1/distribution/commissions?userId=${userId}`, owner);
  return res.body.items as Array<{ id: number; status: string; holdReasons: string[]; amountFen: number }>;
}
const decide = (id: number, action: "release" | "cancel", token = owner) =>
  ctx.client.post(`/api/admin/v1/distribution/commissions/${id}/held`, { action, reason: "人工核实" }, token);
const release = async () => {
  const { releaseDueCommissions } = await import("../../src/modules/commissions/lifecycle.ts");
  return releaseDueCommissions(ctx.deps, ctx.deps.now());
};

describe("fraud holds", () => {
  it("a buyer shipping to the distributor's own phone is held; released by staff, it settles when due", async () => {
    const a = await distributor(ctx);
    const c = await buyer(ctx, a.code);
    const own = await address(c.token, a.phone, "另一个地址 8 号");
    const order = await placeOrder(ctx, { token: c.token, addressId: own.body.id }, [{ skuId, quantity: 1 }]);
    await pay(ctx, order);
    const [held] = await commissionsOf(a.userId);
    expect(held).toMatchObject({ status: "held", holdReasons: ["SAME_PHONE"], amountFen: 1000 });
    expect(
      (await ctx.client.get("/api/admin/v1/distribution/commissions?status=held", owner)).body.items,
    ).toEqual(expect.arrayContaining([expect.objectContaining({ id: held!.id })]));

    await shipAndReceive(ctx, owner, order, c.token);
    ctx.clock.advance(7 * DAY);
    expect(await release()).toBe(0);
    expect(await wallet(ctx, a.token)).toMatchObject({ frozenFen: 1000, availableFen: 0 });

    const support = await ctx.client.createStaff(owner, "support");
    expect((await decide(held!.id, "release", support)).status).toBe(403);
    expect((await decide(held!.id, "release")).body.status).toBe("frozen");
    const again = await decide(held!.id, "release");
    expect([again.status, again.body.error.code]).toEqual([409, "COMMISSION_STATE_INVALID"]);
    expect(await release()).toBe(1);
    expect(await wallet(ctx, a.token)).toMatchObject({ frozenFen: 0, availableFen: 1000 });
  });

  it("the same delivery address is held; cancelled by staff, the money goes back and cannot be released", async () => {
    const a = await distributor(ctx);
    await address(a.token, "13500000000", "同一小区 3 栋 301");
    const c = await buyer(ctx, a.code);
    const shared = await address(c.token, "13600000000", "同一小区 3 栋 301");
    const order = await placeOrder(ctx, { token: c.token, addressId: shared.body.id }, [
      { skuId, quantity: 1 },
    ]);
    await pay(ctx, order);
    const [held] = await commissionsOf(a.userId);
    expect(held).toMatchObject({ status: "held", holdReasons: ["SAME_ADDRESS"] });
    expect((await decide(held!.id, "cancel")).body.status).toBe("cancelled");
    expect(await wallet(ctx, a.token)).toMatchObject({ frozenFen: 0, availableFen: 0 });
    expect((await decide(held!.id, "release")).body.error.code).toBe("COMMISSION_STATE_INVALID");
    await shipAndReceive(ctx, owner, order, c.token);
    ctx.clock.advance(7 * DAY);
    await release();
    expect(await wallet(ctx, a.token)).toMatchObject({ frozenFen: 0, availableFen: 0 });
  });

  it("a buyer who withdrew to the distributor's payout account is held", async () => {
    const a = await distributor(ctx);
    const c = await distributor(ctx, a.code);
    const payout = { method: "wechat_api", realName: "同一人", account: "wx-shared-account", consent: true };
    for (const who of [a, c]) {
      await credit(ctx, who.userId, 1000);
      const wd = await ctx.client.post(
        "/api/v1/distribution/withdrawals",
        { ...payout, amountFen: 1000 },
        who.token,
      );
      expect(wd.status, JSON.stringify(wd.body)).toBe(201);
    }
    const own = await address(c.token, `137${String(c.userId).padStart(8, "0")}`, `${c.userId} 号`);
    const order = await placeOrder(ctx, { token: c.token, addressId: own.body.id }, [{ skuId, quantity: 1 }]);
    await pay(ctx, order);
    const [held] = await commissionsOf(a.userId);
    expect(held).toMatchObject({ status: "held", holdReasons: ["SAME_PAYOUT_ACCOUNT"] });
  });

  it("a buyer with nothing in common earns the distributor a plain frozen commission", async () => {
    const a = await distributor(ctx);
    const c = await buyer(ctx, a.code);
    await pay(ctx, await placeOrder(ctx, c, [{ skuId, quantity: 1 }]));
    const [line] = await commissionsOf(a.userId);
    expect(line).toMatchObject({ status: "frozen", holdReasons: [] });
  });
});
