// The role × money-action matrix: every entry of http/money-actions.ts, attempted through HTTP by each of the
// four roles on a fresh case of its own. A role holding the entry's permission moves the money (or changes the
// money setting); any other role is refused — 403, or for a reviewer approving an after-sale, the after-sale
// moves on while its refund waits for finance — and the money, the settings and the payment accounts are
// exactly as before. The table must name every entry, so a new money action cannot go untested.
import { sql } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { queryRows } from "../../src/db/client.ts";
import { type MoneyActionKey, moneyActions } from "../../src/http/money-actions.ts";
import { type Permission, permissionRoles } from "../../src/http/permissions.ts";
import { createProduct, placeOrder, SHENZHEN, shopperWithAddress } from "../commerce/fixtures.ts";
import { buyer, credit, distributor, enableDistribution } from "../distribution/support.ts";
import { notify, startPaymentsApp } from "../payments/support.ts";

const ctx = await startPaymentsApp();
const { client, deps } = ctx;
const owner = await client.loginOwner();
const roles = ["owner", "operator", "finance", "support"] as const;
type Role = (typeof roles)[number];
const tokens: Record<Role, string> = {
  owner,
  operator: await client.createStaff(owner, "operator"),
  finance: await client.createStaff(owner, "finance"),
  support: await client.createStaff(owner, "support"),
};
await enableDistribution(ctx, owner);
const product = await createProduct(ctx, owner, { skus: [{ priceFen: 5000, stock: 1000 }] });
const skuId = product.skus[0]!.id;

/** Everything money or a money setting is: ledger, orders' refunds, refund rows, withdrawals, commissions, settings, group-buy terms. */
async function moneyState() {
  const [row] = await queryRows<Record<string, unknown>>(
    deps.db,
    sql`select
      (select count(*)::int from ledger_entries) as ledger_entries,
      (select coalesce(json_agg(json_build_object('id', id, 'refunded', refunded_fen) order by id), '[]') from orders) as orders,
      (select coalesce(json_agg(json_build_object('id', id, 'status', status) order by id), '[]') from refunds) as refunds,
      (select coalesce(json_agg(json_build_object('id', id, 'status', status) order by id), '[]') from withdrawals) as withdrawals,
      (select coalesce(json_agg(json_build_object('id', id, 'status', status, 'clawed', clawed_back_fen) order by id), '[]') from commissions) as commissions,
      (select coalesce(json_agg(json_build_object('s', section, 'v', value) order by section), '[]') from settings) as settings,
      (select coalesce(json_agg(to_jsonb(p) order by p.provider), '[]') from payment_settings p) as payment_accounts,
      (select coalesce(json_agg(json_build_object('id', id, 'status', status) order by id), '[]') from dividend_runs) as dividend_runs,
      (select coalesce(json_agg(config), '[]') from dividend_settings) as dividend_settings,
      (select coalesce(json_agg(json_build_object('id', id, 'args', args) order by id), '[]') from group_buy_activities) as group_buys`,
  );
  return row!;
}

let transactions = 0;
/** An order paid through the sandbox's signed notification, so its refund really goes back through it. */
async function paidOrder(shopper: { token: string; addressId: number }, quantity = 1) {
  const order = await placeOrder(ctx, shopper, [{ skuId, quantity }]);
  transactions++;
  const answer = await notify(
    ctx,
    ctx.signPayment({
      outTradeNo: order.orderNo,
      transactionId: `sbx_matrix_${transactions}`,
      amountFen: order.payableFen,
      status: "paid",
      providerStatus: "SUCCESS",
      paidAtMs: ctx.clock.now().getTime(),
    }),
  );
  expect(answer.statusCode).toBe(204);
  return order as { id: number; orderNo: string; items: Array<{ id: number }> };
}

async function afterSale(kind: "refund_only" | "return_refund", requestedFen?: number) {
  const shopper = await shopperWithAddress(ctx);
  const order = await paidOrder(shopper);
  if (kind === "return_refund") {
    const shipped = await client.post(
      `/api/admin/v1/orders/${order.id}/ship`,
      { parcels: [{ carrier: "顺丰", trackingNo: `SF${order.id}0001` }] },
      owner,
    );
    expect(shipped.status).toBe(200);
  }
  const asked = await client.post(
    `/api/v1/orders/${order.id}/after-sales`,
    {
      kind,
      items: [{ orderItemId: order.items[0]!.id, quantity: 1 }],
      reason: "不想要了",
      ...(requestedFen === undefined ? {} : { requestedFen }),
    },
    shopper.token,
  );
  expect(asked.status, JSON.stringify(asked.body)).toBe(201);
  return { id: asked.body.id as number, shopper, order };
}

const staffMove = async (path: string, body: unknown = {}, token = owner) => {
  const res = await client.post(`/api/admin/v1/after-sales/${path}`, body, token);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};

async function awaitingReturn() {
  const a = await afterSale("return_refund");
  await staffMove(`${a.id}/approve`, {}, tokens.support);
  const shipped = await client.post(
    `/api/v1/after-sales/${a.id}/return-parcel`,
    { carrier: "顺丰", trackingNo: `SFBACK${a.id}` },
    a.shopper.token,
  );
  expect(shipped.status).toBe(200);
  return a;
}

async function requestedWithdrawal() {
  const d = await distributor(ctx);
  await credit(ctx, d.userId, 8000);
  const wd = await client.post(
    "/api/v1/distribution/withdrawals",
    { method: "wallet", amountFen: 8000, realName: "周五", account: "wx-zhou", consent: true },
    d.token,
  );
  expect(wd.status, JSON.stringify(wd.body)).toBe(201);
  expect(wd.body.status).toBe("requested");
  return wd.body.id as number;
}

async function heldCommission() {
  const a = await distributor(ctx);
  const c = await buyer(ctx, a.code);
  const same = await client.post(
    "/api/v1/addresses",
    { name: "收件人", phone: a.phone, ...SHENZHEN, detail: "同一个电话 8 号" },
    c.token,
  );
  await paidOrder({ token: c.token, addressId: same.body.id });
  const list = await client.get(`/api/admin/v1/distribution/commissions?userId=${a.userId}`, owner);
  const held = list.body.items.find((x: { status: string }) => x.status === "held");
  expect(held).toBeDefined();
  return held.id as number;
}

/** A failed automatic refund (the sandbox refuses amounts ending in 99 fen): money for a cancelled order. */
async function failedAutomaticRefund() {
  const odd = await createProduct(ctx, owner, { skus: [{ priceFen: 1299, stock: 10 }] });
  const shopper = await shopperWithAddress(ctx);
  const order = await placeOrder(ctx, shopper, [{ skuId: odd.skus[0]!.id, quantity: 1 }]);
  await client.post(`/api/v1/orders/${order.id}/cancel`, {}, shopper.token);
  transactions++;
  await notify(
    ctx,
    ctx.signPayment({
      outTradeNo: order.orderNo,
      transactionId: `sbx_matrix_late_${transactions}`,
      amountFen: order.payableFen,
      status: "paid",
      providerStatus: "SUCCESS",
      paidAtMs: ctx.clock.now().getTime(),
    }),
  );
  const listed = await client.get(`/api/admin/v1/refunds?orderNo=${order.orderNo}`, owner);
  expect(listed.body.items[0]).toMatchObject({ status: "failed" });
  return listed.body.items[0].id as number;
}

/** A refund_only after-sale whose provider refund failed (amount ending in 99 fen), ready to retry. */
async function failedAfterSaleRefund() {
  const a = await afterSale("refund_only", 1299);
  const moved = await staffMove(`${a.id}/approve`, {}, owner);
  expect(moved.afterSale.status).toBe("refund_failed");
  return a.id;
}

type Attempt = { status: number; body: any };
type Case = {
  /** Makes a fresh case; returns what attempt needs. */
  arrange: () => Promise<number>;
  attempt: (id: number, token: string) => Promise<Attempt>;
  /** What a permitted attempt did that a refused one must not. */
  moved: (id: number, res: Attempt) => Promise<void>;
  /** A role that may reach the route but not move the money: what it sees instead (default 403). */
  withoutMoney?: (id: number, res: Attempt) => Promise<void>;
  /** The roles that may move it: the entry's permission, and any route permission in front of it. */
  allowed?: (role: Role) => boolean;
};

const has = (role: Role, p: Permission) => (permissionRoles[p] as readonly string[]).includes(role);
const refundsOf = async (afterSaleId: number) =>
  queryRows<{ status: string }>(
    deps.db,
    sql`select status from refunds where after_sale_id = ${afterSaleId}`,
  );

const distributionSettings = async () =>
  (await client.get("/api/admin/v1/distribution/settings", owner)).body;

let dividendDays = 0;
/** A previewed static dividend run of a past day of its own (the pool switched on once). */
async function previewedDividendRun() {
  if (dividendDays++ === 0) {
    const grade = await client.post(
      "/api/admin/v1/dividends/grades",
      { rank: 1, name: "金牌", rateBps: 500 },
      owner,
    );
    expect(grade.status, JSON.stringify(grade.body)).toBe(201);
    const pool = {
      mode: "static",
      allocation: "per_grade",
      weightedPoolBps: 0,
      levels: [],
      capOverflow: "redistribute",
    };
    const caps = { dayFen: null, monthFen: null, quarterFen: null, yearFen: null };
    const team = { enabled: false, mode: "differential", depth: 3, tiers: [] };
    expect((await client.put("/api/admin/v1/dividends/settings", { pool, caps, team }, owner)).status).toBe(
      200,
    );
  }
  const periodKey = `2026-10-${String(dividendDays).padStart(2, "0")}`;
  const run = await client.post("/api/admin/v1/dividends/runs", { kind: "static", periodKey }, owner);
  expect(run.status, JSON.stringify(run.body)).toBe(201);
  return run.body.id as number;
}

/** A two-person group buy of the matrix's product whose opener is paid `leaderBonusFen` when a group forms. */
const groupBuyBody = (leaderBonusFen: number) => ({
  title: "两人团",
  productId: product.id,
  startsAt: ctx.clock.now(),
  endsAt: new Date(ctx.clock.now().getTime() + 86_400_000),
  items: [{ skuId, groupPriceFen: 4000 }],
  groupSize: 2,
  timeLimitMinutes: 60,
  leaderBonusFen,
});

const cases: Record<MoneyActionKey, Case> = {
  "after_sale.refund": {
    arrange: async () => {
      const a = await afterSale("refund_only");
      expect((await staffMove(`${a.id}/approve`, {}, tokens.support)).afterSale.status).toBe("approved");
      return a.id;
    },
    attempt: (id, token) => client.post(`/api/admin/v1/after-sales/${id}/refund`, {}, token),
    moved: async (id, res) => {
      expect(res.body.afterSale.status).toBe("refunded");
      expect(await refundsOf(id)).toEqual([{ status: "succeeded" }]);
    },
  },
  "after_sale.approve_refund_only": {
    arrange: async () => (await afterSale("refund_only")).id,
    attempt: (id, token) => client.post(`/api/admin/v1/after-sales/${id}/approve`, { note: "同意" }, token),
    moved: async (id, res) => {
      expect(res.body.afterSale.status).toBe("refunded");
      expect(await refundsOf(id)).toEqual([{ status: "succeeded" }]);
    },
    withoutMoney: async (id, res) => {
      expect([res.status, res.body.afterSale?.status, res.body.refund]).toEqual([200, "approved", null]);
      const queue = await client.get("/api/admin/v1/refund-queue?limit=100", tokens.finance);
      expect(queue.body.items.map((x: { id: number }) => x.id)).toContain(id);
    },
    allowed: (role) => has(role, "aftersale.review") && has(role, "refund.execute"),
  },
  "after_sale.confirm_return": {
    arrange: async () => (await awaitingReturn()).id,
    attempt: (id, token) => client.post(`/api/admin/v1/after-sales/${id}/confirm-return`, {}, token),
    moved: async (id, res) => {
      expect(res.body.afterSale.status).toBe("refunded");
      expect(await refundsOf(id)).toEqual([{ status: "succeeded" }]);
    },
    withoutMoney: async (id, res) => {
      expect([res.status, res.body.afterSale?.status, res.body.refund]).toEqual([200, "returned", null]);
      const queue = await client.get("/api/admin/v1/refund-queue?limit=100", tokens.finance);
      expect(queue.body.items.map((x: { id: number }) => x.id)).toContain(id);
    },
    allowed: (role) => has(role, "aftersale.review") && has(role, "refund.execute"),
  },
  "after_sale.retry_refund": {
    arrange: failedAfterSaleRefund,
    attempt: (id, token) => client.post(`/api/admin/v1/after-sales/${id}/retry-refund`, {}, token),
    moved: async (id) => expect(await refundsOf(id)).toEqual([{ status: "failed" }, { status: "failed" }]),
  },
  "payment.retry_refund": {
    arrange: failedAutomaticRefund,
    attempt: (id, token) => client.post(`/api/admin/v1/refunds/${id}/retry`, {}, token),
    moved: async (_id, res) => expect(res.body.outRefundNo).toMatch(/-R\d+$/),
  },
  "withdrawal.approve": {
    arrange: requestedWithdrawal,
    attempt: (id, token) => client.post(`/api/admin/v1/distribution/withdrawals/${id}/approve`, {}, token),
    moved: async (_id, res) => expect(res.body.status).not.toBe("requested"),
  },
  "withdrawal.reject": {
    arrange: requestedWithdrawal,
    attempt: (id, token) =>
      client.post(`/api/admin/v1/distribution/withdrawals/${id}/reject`, { reason: "信息不符" }, token),
    moved: async (_id, res) => expect(res.body.status).toBe("rejected"),
  },
  "withdrawal.auto_approve": {
    arrange: async () => 0,
    attempt: async (_id, token) => {
      const { withdrawal } = await distributionSettings();
      const next = (withdrawal.autoApproveBelowFen ?? 0) + 100;
      return client.put(
        "/api/admin/v1/distribution/settings",
        { withdrawal: { ...withdrawal, autoApproveBelowFen: next } },
        token,
      );
    },
    moved: async (_id, res) => expect(res.body.settings.withdrawal.autoApproveBelowFen).toBeGreaterThan(0),
    allowed: (role) => has(role, "distribution.configure") && has(role, "withdrawals.approve"),
  },
  "commission.held": {
    arrange: heldCommission,
    attempt: (id, token) =>
      client.post(
        `/api/admin/v1/distribution/commissions/${id}/held`,
        { action: "cancel", reason: "人工核实" },
        token,
      ),
    moved: async (_id, res) => expect(res.body.status).toBe("cancelled"),
  },
  "money.limits": {
    arrange: async () => 0,
    attempt: async (_id, token) => {
      const current = (await client.get("/api/admin/v1/settings", owner)).body.moneyLimits;
      return client.put(
        "/api/admin/v1/settings/money-limits",
        { reviewersMayRefundUpToFen: (current.reviewersMayRefundUpToFen ?? 0) + 100 },
        token,
      );
    },
    moved: async (_id, res) => expect(res.body.moneyLimits.reviewersMayRefundUpToFen).toBeGreaterThan(0),
  },
  "payment.accounts": {
    arrange: async () => 0,
    attempt: async (_id, token) => {
      const listed = await client.get("/api/admin/v1/payments/settings", owner);
      const sandbox = listed.body.items.find((p: { provider: string }) => p.provider === "sandbox");
      return client.put("/api/admin/v1/payments/settings/sandbox", { enabled: !sandbox.enabled }, token);
    },
    moved: async (_id, res) => expect(res.body.provider).toBe("sandbox"),
  },
  "dividend.approve_run": {
    arrange: previewedDividendRun,
    attempt: (id, token) => client.post(`/api/admin/v1/dividends/runs/${id}/approve`, {}, token),
    moved: async (_id, res) => expect(res.body.status).toBe("approved"),
  },
  "dividend.clawback_after_refund": {
    // the switch as it is now (1 = on); the attempt flips it
    arrange: async () =>
      (await client.get("/api/admin/v1/dividends/settings", owner)).body.clawbackAfterRefund ? 1 : 0,
    attempt: async (on, token) => {
      const { teamNotice: _, ...settings } = (await client.get("/api/admin/v1/dividends/settings", owner))
        .body;
      return client.put(
        "/api/admin/v1/dividends/settings",
        { ...settings, clawbackAfterRefund: on === 0 },
        token,
      );
    },
    moved: async (on, res) => expect(res.body.clawbackAfterRefund).toBe(on === 0),
    allowed: (role) => has(role, "distribution.configure") && has(role, "dividends.approve"),
  },
  "group_buy.configure": {
    arrange: async () => {
      const created = await client.post("/api/admin/v1/group-buys", groupBuyBody(0), owner);
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      return created.body.id as number;
    },
    attempt: (id, token) => client.put(`/api/admin/v1/group-buys/${id}`, groupBuyBody(500), token),
    moved: async (_id, res) => expect(res.body.leaderBonusFen).toBe(500),
  },
  "points.configure": {
    arrange: async () => 0,
    attempt: async (_id, token) => {
      const { pointsPerYuan } = (await client.get("/api/admin/v1/points/settings", owner)).body;
      return client.put("/api/admin/v1/points/settings", { pointsPerYuan: pointsPerYuan + 1 }, token);
    },
    moved: async (_id, res) => expect(res.body.pointsPerYuan).toBeGreaterThan(100),
  },
};

const matrix = (Object.keys(moneyActions) as MoneyActionKey[]).flatMap((action) =>
  roles.map((role) => {
    const c = cases[action];
    const allowed = c.allowed ? c.allowed(role) : has(role, moneyActions[action].permission);
    return { action, role, allowed };
  }),
);

describe("the limits that stop one person moving money alone", () => {
  test("an operator cannot raise auto-approval to ¥100,000,000; the owner's hard limit (¥200 by default) holds", async () => {
    const { withdrawal } = await distributionSettings();
    const huge = { withdrawal: { ...withdrawal, autoApproveBelowFen: 100_000_000_00 } };
    const byOperator = await client.put("/api/admin/v1/distribution/settings", huge, tokens.operator);
    expect([byOperator.status, byOperator.body.error.code]).toEqual([403, "FORBIDDEN"]);
    const aboveLimit = await client.put(
      "/api/admin/v1/distribution/settings",
      { withdrawal: { ...withdrawal, autoApproveBelowFen: 20_001 } },
      owner,
    );
    expect([aboveLimit.status, aboveLimit.body.error.code]).toEqual([
      422,
      "WITHDRAWAL_AUTO_APPROVE_TOO_HIGH",
    ]);
    expect(aboveLimit.body.error.details).toMatchObject({ maxFen: 20_000 });
    const beyondHardStop = await client.put(
      "/api/admin/v1/settings/money-limits",
      { withdrawalAutoApproveMaxFen: 500_001 },
      owner,
    );
    expect(beyondHardStop.status).toBe(422);
    expect((await distributionSettings()).withdrawal).toEqual(withdrawal);
    // An operator saving the withdrawal section with auto-approval untouched is fine.
    const untouched = await client.put(
      "/api/admin/v1/distribution/settings",
      { withdrawal },
      tokens.operator,
    );
    expect(untouched.status, JSON.stringify(untouched.body)).toBe(200);
  });

  test("a withdrawal at or above the ceiling waits for a reviewer even when the distribution settings say more", async () => {
    await client.put("/api/admin/v1/settings/money-limits", { withdrawalAutoApproveMaxFen: 5000 }, owner);
    const { withdrawal } = await distributionSettings();
    const set = await client.put(
      "/api/admin/v1/distribution/settings",
      { withdrawal: { ...withdrawal, autoApproveBelowFen: 5000 } },
      owner,
    );
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    // The owner lowers the hard limit afterwards: the stored ¥50 ceiling is now read as ¥10.
    await client.put("/api/admin/v1/settings/money-limits", { withdrawalAutoApproveMaxFen: 1000 }, owner);
    const d = await distributor(ctx);
    await credit(ctx, d.userId, 4000);
    const ask = (amountFen: number) =>
      client.post(
        "/api/v1/distribution/withdrawals",
        { method: "wallet", amountFen, realName: "周五", account: "wx-zhou", consent: true },
        d.token,
      );
    const big = await ask(3000);
    expect(big.body.status).toBe("requested");
    const small = await ask(999);
    expect(small.body.status).not.toBe("requested");
    await client.put(
      "/api/admin/v1/distribution/settings",
      { withdrawal: { ...withdrawal, autoApproveBelowFen: null } },
      owner,
    );
  });

  test("within the owner's reviewer limit support refunds at once; above it the refund waits for finance", async () => {
    await client.put("/api/admin/v1/settings/money-limits", { reviewersMayRefundUpToFen: 3000 }, owner);
    const small = await afterSale("refund_only", 3000);
    expect((await staffMove(`${small.id}/approve`, {}, tokens.support)).afterSale.status).toBe("refunded");
    const big = await afterSale("refund_only", 3001);
    expect((await staffMove(`${big.id}/approve`, {}, tokens.support)).afterSale.status).toBe("approved");
    const refusedBySupport = await client.post(
      `/api/admin/v1/after-sales/${big.id}/refund`,
      {},
      tokens.support,
    );
    expect(refusedBySupport.status).toBe(403);
    const byFinance = await staffMove(`${big.id}/refund`, {}, tokens.finance);
    expect(byFinance.afterSale.status).toBe("refunded");
    await client.put("/api/admin/v1/settings/money-limits", { reviewersMayRefundUpToFen: null }, owner);
    const audit = await client.get("/api/admin/v1/audit-log?limit=50", owner);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toContain("after_sale.refund");
  });
});

// Last: the owner's case switches the sandbox off and on, which gives it new keys.
describe("every money action × every role", () => {
  test("the table covers exactly the money-action list", () => {
    expect(Object.keys(cases).sort()).toEqual(Object.keys(moneyActions).sort());
  });

  test.each(matrix)("$action as $role → moves money: $allowed", async ({ action, role, allowed }) => {
    const c = cases[action];
    const id = await c.arrange();
    const before = await moneyState();
    const res = await c.attempt(id, tokens[role]);
    if (allowed) {
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      await c.moved(id, res);
      expect(await moneyState()).not.toEqual(before);
      return;
    }
    const reaches = c.withoutMoney && has(role, "aftersale.review");
    if (reaches) await c.withoutMoney!(id, res);
    else expect([res.status, res.body.error?.code], JSON.stringify(res.body)).toEqual([403, "FORBIDDEN"]);
    expect(await moneyState()).toEqual(before);
  });
});
