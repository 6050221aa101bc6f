// The merchant handbook's other two worked examples, end to end through HTTP (the ¥100 one is in
// money-path.test.ts): the skincare serum at ¥299 paying fixed ¥30 / ¥10 per bottle, and the ¥999 course
// paying 15%. Each is paid, received, released after 7 days, seen in the wallet and withdrawn.
import { beforeAll, describe, expect, it } from "vitest";
import { createProduct, pay, placeOrder } from "../commerce/fixtures.ts";
import { startTestApp, type TestContext } from "../support/test-app.ts";
import { buyer, DAY, distributor, enableDistribution, shipAndReceive, wallet } from "./support.ts";

let ctx: TestContext;
let owner: string;
let finance: string;

beforeAll(async () => {
  ctx = await startTestApp();
  owner = await ctx.client.loginOwner();
  finance = await ctx.client.createStaff(owner, "finance");
  await enableDistribution(ctx, owner);
});

async function releaseAfterSevenDays(order: { id: number }, buyerToken: string) {
  const { releaseDueCommissions } = await import("../../src/modules/commissions/lifecycle.ts");
  await shipAndReceive(ctx, owner, order, buyerToken);
  ctx.clock.advance(7 * DAY);
  return releaseDueCommissions(ctx.deps, ctx.deps.now());
}

async function withdrawAll(d: { token: string }, amountFen: number) {
  const wd = await ctx.client.post(
    "/api/v1/distribution/withdrawals",
    { method: "wallet", amountFen, realName: "陈晓", account: "wx-chenxiao", consent: true },
    d.token,
  );
  expect(wd.status, JSON.stringify(wd.body)).toBe(201);
  const approved = await ctx.client.post(
    `/api/admin/v1/distribution/withdrawals/${wd.body.id}/approve`,
    {},
    finance,
  );
  expect(approved.body).toMatchObject({ status: "paid", amountFen, netFen: amountFen });
}

describe("the seed examples", () => {
  it("skincare serum ¥299 at fixed ¥30 / ¥10 per bottle: two bottles pay B ¥60 and A ¥20", async () => {
    const serum = await createProduct(ctx, owner, {
      title: "抗衰老精华",
      commissionRule: { kind: "fixed", fenPerUnit: [3000, 1000, 0] },
      skus: [{ priceFen: 29_900, stock: 50 }],
    });
    const a = await distributor(ctx);
    const b = await distributor(ctx, a.code);
    const c = await buyer(ctx, b.code);
    const order = await placeOrder(ctx, c, [{ skuId: serum.skus[0]!.id, quantity: 2 }]);
    expect(order.payableFen).toBe(59_800);
    await pay(ctx, order);
    expect((await wallet(ctx, b.token)).frozenFen).toBe(6000);
    expect((await wallet(ctx, a.token)).frozenFen).toBe(2000);
    const [line] = (await ctx.client.get("/api/v1/distribution/commissions", b.token)).body.items;
    expect(line).toMatchObject({
      level: 1,
      quantity: 2,
      fixedFenPerUnit: 3000,
      amountFen: 6000,
      status: "frozen",
    });

    expect(await releaseAfterSevenDays(order, c.token)).toBe(2);
    expect(await wallet(ctx, b.token)).toMatchObject({ frozenFen: 0, availableFen: 6000 });
    expect(await wallet(ctx, a.token)).toMatchObject({ frozenFen: 0, availableFen: 2000 });
    await withdrawAll(b, 6000);
    await withdrawAll(a, 2000);
    expect(await wallet(ctx, b.token)).toMatchObject({ availableFen: 0, withdrawingFen: 0 });
    expect(await wallet(ctx, a.token)).toMatchObject({ availableFen: 0, withdrawingFen: 0 });
  });

  it("course ¥999 at 15%: the promoter earns ¥149.85 and their own upline nothing", async () => {
    const course = await createProduct(ctx, owner, {
      title: "儿童编程课程包",
      commissionRule: { kind: "rates", ratesBps: [1500, 0, 0] },
      skus: [{ priceFen: 99_900, stock: 50 }],
    });
    const top = await distributor(ctx);
    const a = await distributor(ctx, top.code);
    const parent = await buyer(ctx, a.code);
    const order = await placeOrder(ctx, parent, [{ skuId: course.skus[0]!.id, quantity: 1 }]);
    await pay(ctx, order);
    expect((await wallet(ctx, a.token)).frozenFen).toBe(14_985);
    expect((await wallet(ctx, top.token)).frozenFen).toBe(0);
    expect(await releaseAfterSevenDays(order, parent.token)).toBe(1);
    expect(await wallet(ctx, a.token)).toMatchObject({ frozenFen: 0, availableFen: 14_985 });
    await withdrawAll(a, 14_985);
  });

  it("a product rule over the cap or with a negative fixed amount is refused when the product is saved", async () => {
    const save = (commissionRule: unknown) =>
      ctx.client.post(
        "/api/admin/v1/products",
        {
          title: "违规规则",
          status: "on_sale",
          commissionRule,
          skus: [{ priceFen: 1000, stock: 1, specValues: [] }],
        },
        owner,
      );
    const overCap = await save({ kind: "rates", ratesBps: [2500, 1000, 0] });
    expect([overCap.status, overCap.body.error.code]).toEqual([422, "COMMISSION_RATES_OVER_CAP"]);
    const negative = await save({ kind: "fixed", fenPerUnit: [-100, 0, 0] });
    expect([negative.status, negative.body.error.code]).toEqual([422, "COMMISSION_AMOUNT_INVALID"]);
    const listed = await ctx.client.get("/api/admin/v1/products?q=违规规则", owner);
    expect(listed.body.items).toHaveLength(0);
  });
});
