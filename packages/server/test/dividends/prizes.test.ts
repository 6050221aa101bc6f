// Prizes in kind on both engines: a bonus tier or a contest rank gives a coupon, a service as a ¥0 order
// (with its redemption code, its own stock move, no payment and no commission) or a physical prize that staff
// mark as sent. Approval grants each once; approving again grants nothing. The seeds' example: two referred
// buyers → a free ¥199 class. Bad prizes and a coupon that ran out answer 4xx and change nothing.
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { queryRows } from "../../src/db/client.ts";
import { completeDueOrders } from "../../src/modules/orders/service.ts";
import { createFreight, createProduct, pay, placeOrder, skuStock } from "../commerce/fixtures.ts";
import { buyer, DAY, distributor, enableDistribution, shipAndReceive } from "../distribution/support.ts";
import { startTestApp, type TestContext } from "../support/test-app.ts";

let ctx: TestContext;
let owner: string;
let a: Awaited<ReturnType<typeof distributor>>;
let b: Awaited<ReturnType<typeof distributor>>;
let course: Awaited<ReturnType<typeof createProduct>>;
let goodsSku: number;
const admin = (path: string) => `/api/admin/v1/dividends${path}`;
const settings = {
  pool: { mode: "off", allocation: "per_grade", weightedPoolBps: 0, levels: [], capOverflow: "redistribute" },
  caps: { dayFen: null, monthFen: null, quarterFen: null, yearFen: null },
  team: { enabled: false, mode: "differential", depth: 3, tiers: [] },
};
const week = { startsAt: "2026-11-23T00:00:00+08:00", endsAt: "2026-11-30T00:00:00+08:00" };

async function couponTemplate(totalQuantity: number) {
  const res = await ctx.client.post(
    "/api/admin/v1/coupon-templates",
    {
      name: "满100减5",
      kind: "coupon_amount_off",
      args: { minSpendFen: 10_000, offFen: 500 },
      validDays: 30,
      totalQuantity,
    },
    owner,
  );
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as number;
}
const freeOrders = async (token: string) =>
  (await ctx.client.get("/api/v1/orders", token)).body.items.filter(
    (o: { payableFen: number }) => o.payableFen === 0,
  ) as { id: number }[];
const coupons = async (token: string) =>
  (await ctx.client.get("/api/v1/coupons/mine", token)).body as unknown[];
const courseStock = () => skuStock(ctx, owner, course.id, course.skus[0]!.id);
const ledgerEntries = async () =>
  (await queryRows<{ n: number }>(ctx.deps.db, sql`select count(*)::int as n from ledger_entries`))[0]!.n;

beforeAll(async () => {
  ctx = await startTestApp();
  owner = await ctx.client.loginOwner();
  await enableDistribution(ctx, owner);
  await createFreight(ctx, owner);
  const goods = await createProduct(ctx, owner, { skus: [{ priceFen: 10_000, stock: 100, specValues: [] }] });
  goodsSku = goods.skus[0]!.id;
  course = await createProduct(ctx, owner, {
    title: "¥199 体验课",
    kind: "service",
    skus: [{ priceFen: 19_900, stock: 10 }],
  });
  // A recruits B; two buyers come through A's link, one through B's — in the week of 2026-11-23 (Shanghai)
  a = await distributor(ctx);
  b = await distributor(ctx, a.code);
  for (const via of [a.code, a.code, b.code]) {
    const shopper = await buyer(ctx, via);
    const order = await placeOrder(ctx, shopper, [{ skuId: goodsSku, quantity: 1 }]);
    expect((await pay(ctx, order)).outcome).toBe("paid");
    await shipAndReceive(ctx, owner, order, shopper.token);
  }
  ctx.clock.advance(7 * DAY + 3_600_000);
  expect(await completeDueOrders(ctx.deps, ctx.clock.now())).toBe(3);
  ctx.clock.advance(DAY);
});

describe("bonus tiers in kind (the month 2026-11)", () => {
  test("two referred buyers → a free ¥199 class as a ¥0 order with its code; a coupon; a bag to send; once", async () => {
    const scarce = await couponTemplate(1);
    const bonuses = (templateId: number) => [
      { kind: "in_kind", minReferredBuyers: 2, skuId: course.skus[0]!.id, prizeLabel: "¥199 体验课" },
      { kind: "in_kind", minReferredBuyers: 1, couponTemplateId: templateId, prizeLabel: "5 元券" },
      { kind: "in_kind", minReferredBuyers: 1, prizeLabel: "帆布袋" },
    ];
    const put = (templateId: number) =>
      ctx.client.put(admin("/settings"), { ...settings, bonuses: bonuses(templateId) }, owner);
    expect((await put(scarce)).status).toBe(200);
    const first = await ctx.client.post(admin("/runs"), { kind: "bonus", periodKey: "2026-11" }, owner);
    expect(first.body).toMatchObject({ status: "preview", paidFen: 0, members: 5 });

    // one coupon left for two winners: the approval is refused whole (no class, no coupon), the run waits
    const stockBefore = await courseStock();
    const refused = await ctx.client.post(admin(`/runs/${first.body.id}/approve`), {}, owner);
    expect([refused.status, refused.body.error.code]).toEqual([409, "COUPON_SOLD_OUT"]);
    expect([await freeOrders(a.token), await coupons(a.token), await courseStock()]).toEqual([
      [],
      [],
      stockBefore,
    ]);
    expect((await ctx.client.get(admin(`/runs/${first.body.id}`), owner)).body.status).toBe("preview");

    // the merchant discards it, names a template with enough coupons, and finance approves the new preview
    expect((await ctx.client.post(admin(`/runs/${first.body.id}/discard`), {}, owner)).status).toBe(200);
    expect((await put(await couponTemplate(10))).status).toBe(200);
    const run = await ctx.client.post(admin("/runs"), { kind: "bonus", periodKey: "2026-11" }, owner);
    const entries = await ledgerEntries();
    const approved = await ctx.client.post(admin(`/runs/${run.body.id}/approve`), {}, owner);
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);

    const [gift] = await freeOrders(a.token);
    const order = (await ctx.client.get(`/api/v1/orders/${gift!.id}`, a.token)).body;
    expect(order).toMatchObject({
      status: "shipped",
      goodsFen: 19_900,
      payableFen: 0,
      redemption: { status: "issued", code: expect.stringMatching(/^\w{4}-\w{4}-\w{4}$/) },
    });
    expect(await courseStock()).toBe(stockBefore - 1);
    expect(await freeOrders(b.token)).toEqual([]); // one referred buyer: no class
    expect([(await coupons(a.token)).length, (await coupons(b.token)).length]).toEqual([1, 1]);
    // no cash, no payment, no commission on the ¥0 order: the ledger did not move
    expect(await ledgerEntries()).toBe(entries);

    const bags = await ctx.client.get(admin("/prizes?status=to_send"), owner);
    expect(
      bags.body.items
        .filter((p: { runId: number }) => p.runId === run.body.id)
        .map((p: { userId: number; item: string }) => [p.userId, p.item])
        .sort(),
    ).toEqual(
      [
        [a.userId, "帆布袋"],
        [b.userId, "帆布袋"],
      ].sort(),
    );

    // approving again is refused and grants nothing
    const again = await ctx.client.post(admin(`/runs/${run.body.id}/approve`), {}, owner);
    expect([again.status, again.body.error.code]).toEqual([409, "RUN_ALREADY_APPROVED"]);
    expect([(await freeOrders(a.token)).length, (await coupons(a.token)).length]).toEqual([1, 1]);
  });
});

describe("contest prizes: cash with a physical prize, a coupon, a class; sent by staff", () => {
  test("frozen, approved, granted once; the winner follows the prize; marking sent needs orders.fulfil", async () => {
    const templateId = await couponTemplate(5);
    const sales = await ctx.client.post(
      admin("/contests"),
      {
        name: "周销售冠军",
        metric: "sales",
        ...week,
        prizes: [
          { rank: 1, cashFen: 10_000, item: "蓝牙音箱" },
          { rank: 2, cashFen: null, item: "5 元券", couponTemplateId: templateId },
        ],
      },
      owner,
    );
    expect(sales.status, JSON.stringify(sales.body)).toBe(201);
    const commission = await ctx.client.post(
      admin("/contests"),
      {
        name: "周佣金冠军",
        metric: "commission",
        ...week,
        prizes: [{ rank: 1, cashFen: null, item: "¥199 体验课", skuId: course.skus[0]!.id }],
      },
      owner,
    );
    expect(commission.status, JSON.stringify(commission.body)).toBe(201);
    const mine = async (contestId: number, token: string) =>
      (await ctx.client.get(`/api/v1/distribution/contests/${contestId}`, token)).body.myPrize;

    const salesRun = await ctx.client.post(admin(`/contests/${sales.body.id}/freeze`), {}, owner);
    const commissionRun = await ctx.client.post(admin(`/contests/${commission.body.id}/freeze`), {}, owner);
    expect(await mine(sales.body.id, a.token)).toMatchObject({
      rank: 1,
      cashFen: 10_000,
      item: "蓝牙音箱",
      status: "awaiting_approval",
    });
    const couponsBefore = (await coupons(b.token)).length;
    const ordersBefore = (await freeOrders(a.token)).length;
    for (const run of [salesRun, commissionRun])
      expect((await ctx.client.post(admin(`/runs/${run.body.id}/approve`), {}, owner)).status).toBe(200);

    expect(await mine(sales.body.id, b.token)).toMatchObject({
      rank: 2,
      status: "granted",
      couponId: expect.any(Number),
    });
    expect((await coupons(b.token)).length).toBe(couponsBefore + 1);
    const classPrize = await mine(commission.body.id, a.token);
    expect(classPrize).toMatchObject({ rank: 1, status: "granted", orderId: expect.any(Number) });
    expect((await freeOrders(a.token)).length).toBe(ordersBefore + 1);
    const order = (await ctx.client.get(`/api/v1/orders/${classPrize.orderId}`, a.token)).body;
    expect(order).toMatchObject({ payableFen: 0, redemption: { status: "issued" } });
    expect(await mine(sales.body.id, a.token)).toMatchObject({ status: "to_send", sentAt: null });

    // the fulfilment list: who won what; finance may read it but not hand prizes over
    const speaker = { runId: salesRun.body.id, userId: a.userId, groupId: 1 };
    const list = await ctx.client.get(admin("/prizes"), owner);
    expect(list.body.items).toContainEqual(
      expect.objectContaining({ ...speaker, item: "蓝牙音箱", kind: "contest", fulfilledAt: null }),
    );
    const finance = await ctx.client.createStaff(owner, "finance");
    const forbidden = await ctx.client.post(admin("/prizes/sent"), speaker, finance);
    expect([forbidden.status, forbidden.body.error.code]).toEqual([403, "FORBIDDEN"]);
    expect(await mine(sales.body.id, a.token)).toMatchObject({ status: "to_send" });

    const support = await ctx.client.createStaff(owner, "support");
    const sent = await ctx.client.post(admin("/prizes/sent"), speaker, support);
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    expect(sent.body).toMatchObject({ item: "蓝牙音箱", fulfilledBy: expect.stringMatching(/^support_/) });
    const twice = await ctx.client.post(admin("/prizes/sent"), speaker, owner);
    expect([twice.status, twice.body.fulfilledAt, twice.body.fulfilledBy]).toEqual([
      200,
      sent.body.fulfilledAt,
      sent.body.fulfilledBy,
    ]);
    expect(await mine(sales.body.id, a.token)).toMatchObject({
      status: "sent",
      sentAt: sent.body.fulfilledAt,
    });
    const sentList = await ctx.client.get(admin("/prizes?status=sent"), owner);
    expect(sentList.body.items).toContainEqual(expect.objectContaining(speaker));
    const audits = await queryRows<{ n: number }>(
      ctx.deps.db,
      sql`select count(*)::int as n from audit_log where action = 'dividend_prize.sent'`,
    );
    expect(audits[0]!.n).toBe(1);

    // a coupon prize is not handed over by staff; an unknown line is not found
    const coupon = await ctx.client.post(
      admin("/prizes/sent"),
      { runId: salesRun.body.id, userId: b.userId, groupId: 2 },
      owner,
    );
    expect([coupon.status, coupon.body.error.code]).toEqual([409, "PRIZE_STATE_INVALID"]);
    const unknown = await ctx.client.post(admin("/prizes/sent"), { ...speaker, groupId: 9 }, owner);
    expect([unknown.status, unknown.body.error.code]).toEqual([404, "NOT_FOUND"]);
  });
});

describe("bad prizes: 4xx with a stable code, nothing changes", () => {
  const later = { startsAt: "2026-12-07T00:00:00+08:00", endsAt: "2026-12-14T00:00:00+08:00" };
  test.each([
    {
      label: "an unknown coupon template",
      prize: { item: "券", couponTemplateId: 999_999 },
      code: "PRIZE_INVALID",
    },
    { label: "a goods SKU as a ¥0 order", prize: { item: "T 恤", skuId: -1 }, code: "PRIZE_INVALID" },
    {
      label: "a coupon and a product at once",
      prize: { item: "两样", couponTemplateId: 1, skuId: 1 },
      code: "CONTEST_INVALID",
    },
    {
      label: "a coupon without its label",
      prize: { item: null, couponTemplateId: 1 },
      code: "CONTEST_INVALID",
    },
  ])("a contest prize of $label → $code", async ({ prize, code }) => {
    const before = (await ctx.client.get(admin("/contests"), owner)).body.items.length;
    const body = { ...prize, ...(prize.skuId === -1 ? { skuId: goodsSku } : {}) };
    const res = await ctx.client.post(
      admin("/contests"),
      { name: "坏奖品", metric: "invites", ...later, prizes: [{ rank: 1, cashFen: null, ...body }] },
      owner,
    );
    expect([res.status, res.body.error?.code]).toEqual([422, code]);
    expect((await ctx.client.get(admin("/contests"), owner)).body.items).toHaveLength(before);
  });

  test("a bonus tier giving a goods SKU as a ¥0 order → PRIZE_INVALID; the settings stay", async () => {
    const before = await ctx.client.get(admin("/settings"), owner);
    const res = await ctx.client.put(
      admin("/settings"),
      {
        ...settings,
        bonuses: [{ kind: "in_kind", minReferredBuyers: 1, skuId: goodsSku, prizeLabel: "T 恤" }],
      },
      owner,
    );
    expect([res.status, res.body.error.code]).toEqual([422, "PRIZE_INVALID"]);
    expect((await ctx.client.get(admin("/settings"), owner)).body).toEqual(before.body);
  });
});
