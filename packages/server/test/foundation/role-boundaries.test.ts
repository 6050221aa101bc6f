// Every role boundary of the permission table, through HTTP: for each permission one real admin route, called
// by each of the four roles; a role outside the permission gets 403 FORBIDDEN, a role inside it gets past the
// check. Then three boundaries a merchant would notice, each showing that the refused request changed nothing.
import { describe, expect, test } from "vitest";
import { type Permission, permissionRoles } from "../../src/http/permissions.ts";
import { createProduct } from "../commerce/fixtures.ts";
import { credit, distributor, enableDistribution, wallet } from "../distribution/support.ts";
import { startTestApp } from "../support/test-app.ts";

const ctx = await startTestApp();
const { client } = ctx;
const owner = await client.loginOwner();
const roles = ["owner", "operator", "finance", "support"] as const;
const tokens = {
  owner,
  operator: await client.createStaff(owner, "operator"),
  finance: await client.createStaff(owner, "finance"),
  support: await client.createStaff(owner, "support"),
};
const NONE = 999_999;

type Probe = { method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE"; url: string; body?: unknown };
/** One route per permission; ids that do not exist, so a permitted call changes nothing either. */
const probes: Record<Permission, Probe> = {
  "settings.read": { method: "GET", url: "/api/admin/v1/settings" },
  "settings.write": { method: "PATCH", url: "/api/admin/v1/settings", body: {} },
  "staff.read": { method: "GET", url: "/api/admin/v1/staff" },
  "staff.write": { method: "PATCH", url: `/api/admin/v1/staff/${NONE}`, body: { name: "x" } },
  "audit.read": { method: "GET", url: "/api/admin/v1/audit-log" },
  "catalog.read": { method: "GET", url: "/api/admin/v1/products" },
  "catalog.write": {
    method: "POST",
    url: "/api/admin/v1/products/status",
    body: { ids: [NONE], status: "off_sale" },
  },
  "orders.read": { method: "GET", url: "/api/admin/v1/orders" },
  "orders.fulfil": {
    method: "POST",
    url: `/api/admin/v1/orders/${NONE}/ship`,
    body: { parcels: [{ carrier: "顺丰", trackingNo: "SF1" }] },
  },
  "orders.export": { method: "GET", url: "/api/admin/v1/orders/export.csv" },
  "aftersale.review": { method: "POST", url: `/api/admin/v1/after-sales/${NONE}/approve`, body: {} },
  "refund.execute": { method: "POST", url: `/api/admin/v1/after-sales/${NONE}/retry-refund`, body: {} },
  "payments.read": { method: "GET", url: "/api/admin/v1/payments" },
  "payments.configure": {
    method: "PUT",
    url: "/api/admin/v1/payments/settings/wechat",
    body: { bogus: true },
  },
  "distribution.read": { method: "GET", url: "/api/admin/v1/distribution/distributors" },
  "marketing.read": { method: "GET", url: "/api/admin/v1/activities" },
  "marketing.write": { method: "POST", url: `/api/admin/v1/activities/${NONE}/stop` },
  "distribution.configure": { method: "DELETE", url: `/api/admin/v1/distribution/grades/${NONE}` },
  "distribution.manage": {
    method: "POST",
    url: `/api/admin/v1/distribution/distributors/${NONE}/status`,
    body: { action: "freeze", reason: "x" },
  },
  "withdrawals.read": { method: "GET", url: "/api/admin/v1/distribution/withdrawals" },
  "withdrawals.approve": {
    method: "POST",
    url: `/api/admin/v1/distribution/withdrawals/${NONE}/approve`,
    body: {},
  },
  "money.limits": { method: "PUT", url: "/api/admin/v1/settings/money-limits", body: { bogus: true } },
  "customers.reveal": {
    method: "POST",
    url: "/api/admin/v1/personal-data/reveal",
    body: { subject: "user", id: NONE },
  },
  "dividends.approve": { method: "POST", url: `/api/admin/v1/dividends/runs/${NONE}/approve`, body: {} },
  "service.reply": { method: "POST", url: `/api/admin/v1/service/conversations/${NONE}/claim` },
  "customers.read": { method: "GET", url: "/api/admin/v1/customers?limit=1" },
  "customers.tag": { method: "PUT", url: `/api/admin/v1/customers/${NONE}/tags`, body: { tagIds: [] } },
  "reports.read": { method: "GET", url: "/api/admin/v1/reports/funnel" },
  "reviews.moderate": { method: "POST", url: `/api/admin/v1/reviews/${NONE}/show` },
};

const cases = Object.entries(probes).flatMap(([permission, probe]) =>
  roles.map((role) => ({
    permission,
    role,
    probe,
    allowed: (permissionRoles[permission as Permission] as readonly string[]).includes(role),
  })),
);

describe("the permission table, route by route", () => {
  test.each(cases)("$permission as $role → allowed $allowed", async ({ probe, role, allowed }) => {
    const res = await client.request(probe.method, probe.url, {
      token: tokens[role],
      ...(probe.body === undefined ? {} : { body: probe.body }),
    });
    if (allowed) expect(res.status, JSON.stringify(res.body)).not.toBe(403);
    else expect([res.status, res.body.error?.code]).toEqual([403, "FORBIDDEN"]);
  });

  test("no token, a shopper's token and a revoked staff token are all 401 before any role check", async () => {
    const shopper = await client.registerShopper();
    const revoked = await client.createStaff(owner, "finance");
    await client.post("/api/admin/v1/auth/logout", undefined, revoked);
    for (const token of [null, shopper.token, revoked, "not-a-token"]) {
      const res = await client.post(`/api/admin/v1/distribution/withdrawals/${NONE}/approve`, {}, token);
      expect([res.status, res.body.error.code]).toEqual([401, "UNAUTHENTICATED"]);
    }
  });
});

describe("shopper routes without a shopper", () => {
  test("no token, a staff token or a forged token get 401 and nothing is written", async () => {
    const product = await createProduct(ctx, owner);
    const distributors = async () =>
      (await client.get("/api/admin/v1/distribution/distributors?limit=100", owner)).body.items.length;
    const distributorsBefore = await distributors();
    const writes: Array<[string, unknown]> = [
      ["/api/v1/cart/items", { skuId: product.skus[0]!.id, quantity: 1 }],
      [
        "/api/v1/addresses",
        {
          name: "张三",
          phone: "13900001111",
          provinceCode: "440000",
          cityCode: "440300",
          districtCode: "440305",
          detail: "x",
        },
      ],
      ["/api/v1/orders", { items: [{ skuId: product.skus[0]!.id, quantity: 1 }], addressId: 1 }],
      ["/api/v1/distribution/join", {}],
      [
        "/api/v1/distribution/withdrawals",
        { method: "wallet", amountFen: 1000, realName: "张三", account: "wx", consent: true },
      ],
    ];
    for (const token of [null, owner, "forged-token"]) {
      for (const [url, body] of writes) {
        const res = await client.post(url, body, token);
        expect([res.status, res.body.error?.code], `${url} ${token}`).toEqual([401, "UNAUTHENTICATED"]);
      }
      expect((await client.get("/api/v1/me", token)).status).toBe(401);
    }
    const orders = await client.get("/api/admin/v1/orders", owner);
    expect(orders.body.items).toHaveLength(0);
    expect(await distributors()).toBe(distributorsBefore);
  });
});

describe("refused by role, and nothing changed", () => {
  test("support cannot approve a withdrawal: it stays requested and the money stays on hold", async () => {
    await enableDistribution(ctx, owner);
    const d = await distributor(ctx);
    await credit(ctx, d.userId, 5000);
    const wd = await client.post(
      "/api/v1/distribution/withdrawals",
      { method: "wallet", amountFen: 5000, realName: "周五", account: "wx-zhou", consent: true },
      d.token,
    );
    expect(wd.status, JSON.stringify(wd.body)).toBe(201);
    for (const action of ["approve", "reject"]) {
      const res = await client.post(
        `/api/admin/v1/distribution/withdrawals/${wd.body.id}/${action}`,
        action === "reject" ? { reason: "不通过" } : {},
        tokens.support,
      );
      expect([res.status, res.body.error.code]).toEqual([403, "FORBIDDEN"]);
    }
    const list = await client.get("/api/admin/v1/distribution/withdrawals?status=requested", owner);
    expect(list.body.items.map((w: { id: number }) => w.id)).toContain(wd.body.id);
    expect(await wallet(ctx, d.token)).toMatchObject({ availableFen: 0, withdrawingFen: 5000 });
  });

  test("an operator cannot create, promote or disable staff", async () => {
    const staffBefore = (await client.get("/api/admin/v1/staff", owner)).body;
    const support = staffBefore.find((s: { role: string }) => s.role === "support");
    const create = await client.post(
      "/api/admin/v1/staff",
      { username: "sneaky", name: "x", role: "owner", password: "sneaky-pass-1" },
      tokens.operator,
    );
    const promote = await client.patch(
      `/api/admin/v1/staff/${support.id}`,
      { role: "owner" },
      tokens.operator,
    );
    const disable = await client.patch(
      `/api/admin/v1/staff/${support.id}`,
      { disabled: true },
      tokens.operator,
    );
    for (const res of [create, promote, disable]) expect(res.status).toBe(403);
    expect((await client.get("/api/admin/v1/staff", owner)).body).toEqual(staffBefore);
    expect((await client.get("/api/admin/v1/me", tokens.support)).status).toBe(200);
  });

  test("finance and support cannot edit a product or its status", async () => {
    const product = await createProduct(ctx, owner, { title: "原标题" });
    const before = (await client.get(`/api/admin/v1/products/${product.id}`, owner)).body;
    for (const role of ["finance", "support"] as const) {
      const edit = await client.put(
        `/api/admin/v1/products/${product.id}`,
        { title: "改了", status: "on_sale", skus: [{ priceFen: 1, stock: 1, specValues: [] }] },
        tokens[role],
      );
      const off = await client.post(
        "/api/admin/v1/products/status",
        { ids: [product.id], status: "off_sale" },
        tokens[role],
      );
      expect([edit.status, off.status]).toEqual([403, 403]);
    }
    expect((await client.get(`/api/admin/v1/products/${product.id}`, owner)).body).toEqual(before);
  });
});
