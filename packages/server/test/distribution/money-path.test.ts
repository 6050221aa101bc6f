// The seed examples end to end: B buys through A, C buys through B; commissions freeze on payment,
// release after receipt + 7 days, are withdrawn and paid; refunds, rate changes and duplicates.
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../../src/db/client.ts";
import { createFreight, createProduct, pay, placeOrder, SHENZHEN } from "../commerce/fixtures.ts";
import { startTestApp, type TestContext } from "../support/test-app.ts";
import {
  buyer as buyerVia,
  DAY,
  distributor,
  enableDistribution,
  shipAndReceive,
  wallet,
} from "./support.ts";

let ctx: TestContext;
let owner: string;
let skuId: number;
const buyer = (ref: string) => buyerVia(ctx, ref);

beforeAll(async () => {
  ctx = await startTestApp();
  owner = await ctx.client.loginOwner();
  await enableDistribution(ctx, owner);
  await createFreight(ctx, owner);
  const product = await createProduct(ctx, owner, {
    skus: [{ priceFen: 10000, stock: 100, specValues: [] }],
  });
  skuId = product.skus[0]!.id;
});

describe("the ¥100 seed example at 10% / 5%", () => {
  it("B buys through A: A earns ¥10; C buys through B: B ¥10 and A ¥5; released, withdrawn, paid", async () => {
    const a = await distributor(ctx);
    const b = await distributor(ctx, a.code);
    const referrer = await ctx.client.get("/api/v1/distribution/referrer", b.token);
    expect(referrer.body.referrer.userId).toBe(a.userId);

    const bAddress = await ctx.client.post(
      "/api/v1/addresses",
      { name: "B", phone: "13600000001", ...SHENZHEN, detail: "B 家" },
      b.token,
    );
    const orderB = await placeOrder(ctx, { token: b.token, addressId: bAddress.body.id }, [
      { skuId, quantity: 1 },
    ]);
    expect((await pay(ctx, orderB)).outcome).toBe("paid");
    expect((await wallet(ctx, a.token)).frozenFen).toBe(1000);
    // Everyone else hears of it through the outbox: ids and amounts, in the order they happened.
    const told = await queryRows<{ topic: string; payload: { commissions?: unknown[] } }>(
      ctx.deps.db,
      sql`select topic, payload from outbox where (payload->>'orderId')::bigint = ${orderB.id} order by id`,
    );
    expect(told.map((m) => m.topic)).toEqual(["order.placed", "order.paid", "commission.created"]);
    expect(told[2]!.payload.commissions).toEqual([
      expect.objectContaining({ earnerUserId: a.userId, level: 1, amountFen: 1000, status: "frozen" }),
    ]);

    const c = await buyer(b.code);
    const orderC = await placeOrder(ctx, c, [{ skuId, quantity: 1 }]);
    await pay(ctx, orderC);
    // A duplicated payment notification creates nothing more.
    expect((await pay(ctx, orderC)).outcome).toBe("already_paid");
    expect((await wallet(ctx, b.token)).frozenFen).toBe(1000);
    expect((await wallet(ctx, a.token)).frozenFen).toBe(1500);
    // Staff see A's downline level by level, and B's upline by name.
    const aDetail = await ctx.client.get(`/api/admin/v1/distribution/distributors/${a.userId}`, owner);
    expect(aDetail.body.downline).toEqual([
      { level: 1, members: [expect.objectContaining({ userId: b.userId, level: 1 })] },
      { level: 2, members: [expect.objectContaining({ userId: c.userId, level: 2 })] },
    ]);
    // B's "my referrer" names A as staff see A
    expect(referrer.body.referrer.nickname).toBe(aDetail.body.profile.nickname);
    expect(aDetail.body.profile.nickname).toEqual(expect.any(String));
    // A's ledger says which order and level each line is about, not "comm:<item>:L1"
    expect(
      aDetail.body.ledger.map((e: { orderNo: string; level: number }) => [e.orderNo, e.level]).sort(),
    ).toEqual(
      [
        [orderB.orderNo, 1],
        [orderC.orderNo, 2],
      ].sort(),
    );
    // staff find commissions by the order number, or by the earner's phone or part of their nickname
    const byOrder = await ctx.client.get(
      `/api/admin/v1/distribution/commissions?orderNo=${orderC.orderNo}`,
      owner,
    );
    expect(byOrder.body.items.map((r: { level: number }) => r.level).sort()).toEqual([1, 2]);
    const byPhone = await ctx.client.get(`/api/admin/v1/distribution/commissions?earner=${b.phone}`, owner);
    expect(byPhone.body.items.map((r: { earnerUserId: number }) => r.earnerUserId)).toEqual([b.userId]);
    const nickname = aDetail.body.profile.nickname as string;
    const byName = await ctx.client.get(
      `/api/admin/v1/distribution/commissions?earner=${encodeURIComponent(nickname.slice(0, 3))}`,
      owner,
    );
    expect(byName.body.items.map((r: { earnerUserId: number }) => r.earnerUserId)).toContain(a.userId);
    const nobody = await ctx.client.get("/api/admin/v1/distribution/commissions?earner=%25", owner);
    expect(nobody.body.items).toEqual([]); // "%" is taken literally, not as "everyone"
    const bDetail = await ctx.client.get(`/api/admin/v1/distribution/distributors/${b.userId}`, owner);
    expect(bDetail.body.profile).toMatchObject({ userId: b.userId });
    expect(bDetail.body.uplineProfiles).toEqual([expect.objectContaining({ userId: a.userId })]);
    const records = await ctx.client.get("/api/v1/distribution/commissions", a.token);
    expect(
      records.body.items.map((r: { level: number; amountFen: number }) => [r.level, r.amountFen]),
    ).toEqual([
      [2, 500],
      [1, 1000],
    ]);
    // each record names its order by the number the shopper sees, not the internal id
    expect(records.body.items.map((r: { orderNo: string }) => r.orderNo)).toEqual([
      orderC.orderNo,
      orderB.orderNo,
    ]);
    expect(records.body.items[0]).not.toHaveProperty("earnerPhone");
    // the release date says how it is reached: the order's rule, 7 days after receipt
    expect(records.body.items[0]).toMatchObject({ dueAt: null, release: { mode: "after_receipt", days: 7 } });

    await shipAndReceive(ctx, owner, orderC, c.token);
    // B's wallet now shows when the frozen commission is released: seven days after receipt
    const pending = await ctx.client.get("/api/v1/distribution/wallet", b.token);
    expect(pending.status, JSON.stringify(pending.body)).toBe(200);
    expect(pending.body.nextReleases).toEqual([
      { dueAt: new Date(ctx.deps.now().getTime() + 7 * DAY).toISOString(), amountFen: 1000 },
    ]);
    ctx.clock.advance(6 * DAY);
    const { releaseDueCommissions } = await import("../../src/modules/commissions/lifecycle.ts");
    expect(await releaseDueCommissions(ctx.deps, ctx.deps.now())).toBe(0);
    ctx.clock.advance(1 * DAY);
    expect(await releaseDueCommissions(ctx.deps, ctx.deps.now())).toBe(2);
    expect(await releaseDueCommissions(ctx.deps, ctx.deps.now())).toBe(0);
    expect(await wallet(ctx, a.token)).toMatchObject({ frozenFen: 1000, availableFen: 500 });
    expect(await wallet(ctx, b.token)).toMatchObject({ frozenFen: 0, availableFen: 1000 });

    const wd = await ctx.client.post(
      "/api/v1/distribution/withdrawals",
      {
        method: "wechat_api",
        amountFen: 1000,
        realName: "王小二",
        account: "6222000011112222",
        consent: true,
      },
      b.token,
    );
    expect(wd.status, JSON.stringify(wd.body)).toBe(201);
    expect(wd.body).toMatchObject({
      status: "requested",
      accountMasked: "************2222",
      realNameMasked: "王**",
    });
    expect(JSON.stringify(wd.body)).not.toContain("6222000011112222");
    expect(await wallet(ctx, b.token)).toMatchObject({ availableFen: 0, withdrawingFen: 1000 });

    const finance = await ctx.client.createStaff(owner, "finance");
    // the review queue names who asked, and still never shows the account in full
    const queue = await ctx.client.get("/api/admin/v1/distribution/withdrawals?status=requested", finance);
    const queued = queue.body.items.find((w: { id: number }) => w.id === wd.body.id);
    expect(queued).toMatchObject({ userId: b.userId, nickname: expect.any(String) });
    expect(JSON.stringify(queue.body)).not.toContain("6222000011112222");
    const approved = await ctx.client.post(
      `/api/admin/v1/distribution/withdrawals/${wd.body.id}/approve`,
      {},
      finance,
    );
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body.status).toBe("paid");
    const again = await ctx.client.post(
      `/api/admin/v1/distribution/withdrawals/${wd.body.id}/approve`,
      {},
      finance,
    );
    expect(again.body.error.code).toBe("WITHDRAWAL_STATE_INVALID");
    expect(await wallet(ctx, b.token)).toMatchObject({ availableFen: 0, withdrawingFen: 0 });
  });

  it("a rate change after ordering does not change that order", async () => {
    const a = await distributor(ctx);
    const c = await buyer(a.code);
    const order = await placeOrder(ctx, c, [{ skuId, quantity: 1 }]);
    await enableDistribution(ctx, owner, { plan: { enabled: true, levels: 2, ratesBps: [2000, 500, 0] } });
    await pay(ctx, order);
    expect((await wallet(ctx, a.token)).frozenFen).toBe(1000);
    await enableDistribution(ctx, owner);
  });

  it("a refund before release reverses the frozen commission; after release it becomes debt", async () => {
    const a = await distributor(ctx);
    const c = await buyer(a.code);
    const first = await placeOrder(ctx, c, [{ skuId, quantity: 1 }]);
    await pay(ctx, first);
    const line = first.items[0].id;
    const refund = await ctx.client.post(
      `/api/v1/orders/${first.id}/after-sales`,
      { kind: "refund_only", items: [{ orderItemId: line, quantity: 1 }], reason: "不想要了" },
      c.token,
    );
    expect(refund.status, JSON.stringify(refund.body)).toBe(201);
    const approved = await ctx.client.post(
      `/api/admin/v1/after-sales/${refund.body.id}/approve`,
      { note: "同意" },
      owner,
    );
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(await wallet(ctx, a.token)).toMatchObject({ frozenFen: 0, availableFen: 0 });
    const list = await ctx.client.get(`/api/admin/v1/distribution/commissions?userId=${a.userId}`, owner);
    expect(list.body.items[0]).toMatchObject({ status: "cancelled", clawedBackFen: 1000 });
    // staff see the order number and who earned it
    const earner = (await ctx.client.get(`/api/admin/v1/distribution/distributors/${a.userId}`, owner)).body
      .profile;
    expect(list.body.items[0]).toMatchObject({
      orderNo: first.orderNo,
      earnerNickname: earner.nickname,
      earnerPhone: earner.phone,
    });
    expect(earner.phone).toMatch(/^1\d{2}\*{4}\d{4}$/); // masked on staff screens

    // Released at payment (the merchant's "from payment, 0 days"), then refunded: the clawback is a debt.
    await enableDistribution(ctx, owner, {
      plan: {
        enabled: true,
        levels: 2,
        ratesBps: [1000, 500, 0],
        release: { mode: "after_payment", days: 0 },
      },
    });
    const second = await placeOrder(ctx, c, [{ skuId, quantity: 1 }]);
    await pay(ctx, second);
    await enableDistribution(ctx, owner);
    const { releaseDueCommissions } = await import("../../src/modules/commissions/lifecycle.ts");
    expect(await releaseDueCommissions(ctx.deps, ctx.deps.now())).toBe(1);
    expect(await wallet(ctx, a.token)).toMatchObject({ frozenFen: 0, availableFen: 1000 });
    const late = await ctx.client.post(
      `/api/v1/orders/${second.id}/after-sales`,
      { kind: "refund_only", items: [{ orderItemId: second.items[0].id, quantity: 1 }], reason: "不想要了" },
      c.token,
    );
    expect(late.status, JSON.stringify(late.body)).toBe(201);
    await ctx.client.post(`/api/admin/v1/after-sales/${late.body.id}/approve`, { note: "ok" }, owner);
    expect(await wallet(ctx, a.token)).toMatchObject({ frozenFen: 0, availableFen: 0 });
    const debt = await ctx.client.post(
      "/api/v1/distribution/withdrawals",
      { method: "wallet", amountFen: 1000, realName: "王", account: "wx-1", consent: true },
      a.token,
    );
    expect(debt.body.error.code).toBe("INSUFFICIENT_BALANCE");
  });
});

describe("settings and refusals", () => {
  it("refuses levels = 4, rates over the cap and a negative fixed amount, changing nothing", async () => {
    const four = await ctx.client.put(
      "/api/admin/v1/distribution/settings",
      { plan: { enabled: true, levels: 4 } },
      owner,
    );
    expect([four.status, four.body.error.code]).toEqual([422, "LEVELS_OUT_OF_RANGE"]);
    const over = await ctx.client.put(
      "/api/admin/v1/distribution/settings",
      { plan: { enabled: true, levels: 2, ratesBps: [2500, 1000, 0] } },
      owner,
    );
    expect([over.status, over.body.error.code]).toEqual([422, "COMMISSION_RATES_OVER_CAP"]);
    const negative = await ctx.client.post(
      "/api/admin/v1/distribution/simulate",
      { items: [{ ref: "x", paidFen: 29900, rule: { kind: "fixed", fenPerUnit: [-1, 0, 0] } }] },
      owner,
    );
    expect([negative.status, negative.body.error.code]).toEqual([422, "COMMISSION_AMOUNT_INVALID"]);
    const settings = await ctx.client.get("/api/admin/v1/distribution/settings", owner);
    expect(settings.body.plan).toMatchObject({ levels: 2, ratesBps: [1000, 500, 0] });
  });

  it("simulates the skincare ¥299 at fixed ¥30/¥10 and the course ¥999 at 15%", async () => {
    const serum = await ctx.client.post(
      "/api/admin/v1/distribution/simulate",
      {
        chain: [{ userId: "B" }, { userId: "A" }],
        items: [{ ref: "serum", paidFen: 29900, rule: { kind: "fixed", fenPerUnit: [3000, 1000, 0] } }],
      },
      owner,
    );
    expect(serum.body.lines.map((l: { amountFen: number }) => l.amountFen)).toEqual([3000, 1000]);
    const course = await ctx.client.post(
      "/api/admin/v1/distribution/simulate",
      { items: [{ ref: "course", paidFen: 99900, rule: { kind: "rates", ratesBps: [1500, 0, 0] } }] },
      owner,
    );
    expect(course.body.lines[0].amountFen).toBe(14985);
    // the largest sample the simulator takes is still paid to the fen: ¥100,000,000 × 9,999 at 15%
    const largest = await ctx.client.post(
      "/api/admin/v1/distribution/simulate",
      {
        items: [
          {
            ref: "big",
            paidFen: 100_000_000_00,
            quantity: 9999,
            rule: { kind: "rates", ratesBps: [1500, 0, 0] },
          },
        ],
      },
      owner,
    );
    expect([largest.status, largest.body.lines[0].amountFen]).toEqual([200, 1_500_000_000]);
  });

  it("a sample chain that names an upline twice, or the buyer, is refused rather than simulated", async () => {
    for (const chain of [[{ userId: "A" }, { userId: "A" }], [{ userId: "buyer" }], [{ userId: "" }]]) {
      const res = await ctx.client.post(
        "/api/admin/v1/distribution/simulate",
        { chain, items: [{ ref: "x", paidFen: 10000 }] },
        owner,
      );
      expect([res.status, res.body.error.code], JSON.stringify(chain)).toEqual([422, "VALIDATION_FAILED"]);
    }
  });

  it("refuses self-binding, cycles and a frozen distributor's link", async () => {
    const a = await distributor(ctx);
    const b = await distributor(ctx, a.code);
    const self = await ctx.client.post("/api/v1/referrals/visit", { ref: a.code, source: "link" }, a.token);
    expect([self.status, self.body.error.code]).toEqual([409, "BINDING_SELF"]);
    const cycle = await ctx.client.post("/api/v1/referrals/visit", { ref: b.code, source: "link" }, a.token);
    expect([cycle.status, cycle.body.error.code]).toEqual([409, "BINDING_CYCLE"]);
    const frozen = await ctx.client.post(
      `/api/admin/v1/distribution/distributors/${b.userId}/status`,
      { action: "freeze", reason: "刷单嫌疑" },
      owner,
    );
    expect(frozen.status).toBe(200);
    const visitor = await ctx.client.registerShopper();
    const viaFrozen = await ctx.client.post(
      "/api/v1/referrals/visit",
      { ref: b.code, source: "poster" },
      visitor.token,
    );
    expect([viaFrozen.status, viaFrozen.body.error.code]).toEqual([409, "DISTRIBUTOR_FROZEN"]);
    expect((await ctx.client.get("/api/v1/distribution/referrer", visitor.token)).body.referrer).toBeNull();
    const ok = await ctx.client.post(
      "/api/v1/referrals/visit",
      { ref: a.code, source: "link" },
      visitor.token,
    );
    expect(ok.body).toEqual({ outcome: "bound", bound: true });
  });
});
