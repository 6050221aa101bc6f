// The audit log as the owner reads it: every staff write, in every area, says who, what, before and after;
// a refused write (wrong role, bad input) leaves no entry; passwords never appear in it.
import { describe, expect, test } from "vitest";
import { createProduct } from "../commerce/fixtures.ts";
import { distributor, enableDistribution } from "../distribution/support.ts";
import { startTestApp } from "../support/test-app.ts";

const ctx = await startTestApp();
const { client } = ctx;
const owner = await client.loginOwner();

type Entry = {
  staffUsername: string;
  action: string;
  entityId: string | null;
  entityLabel: string | null;
  before: any;
  after: any;
};
async function latest(entity: string): Promise<Entry> {
  const res = await client.get(`/api/admin/v1/audit-log?entity=${entity}&limit=1`, owner);
  expect(res.status).toBe(200);
  return res.body.items[0];
}
async function entryCount(): Promise<number> {
  let count = 0;
  let cursor: number | null = null;
  do {
    const res: { body: { items: unknown[]; nextCursor: number | null } } = await client.get(
      `/api/admin/v1/audit-log?limit=100${cursor ? `&cursor=${cursor}` : ""}`,
      owner,
    );
    count += res.body.items.length;
    cursor = res.body.nextCursor;
  } while (cursor);
  return count;
}

describe("the audit log", () => {
  test("staff accounts: creation and a role change, with before and after and no password", async () => {
    const created = await client.post(
      "/api/admin/v1/staff",
      { username: "xiaowang", name: "小王", role: "operator", password: "very-secret-pass" },
      owner,
    );
    expect(await latest("staff")).toMatchObject({
      staffUsername: "owner",
      action: "staff.create",
      entityId: String(created.body.id),
      after: { username: "xiaowang", role: "operator" },
    });
    await client.patch(
      `/api/admin/v1/staff/${created.body.id}`,
      { role: "finance", password: "new-pass-123" },
      owner,
    );
    const update = await latest("staff");
    expect(update).toMatchObject({
      action: "staff.update",
      before: { role: "operator", passwordChanged: false },
      after: { role: "finance", passwordChanged: true },
    });
    const log = JSON.stringify((await client.get("/api/admin/v1/audit-log?entity=staff", owner)).body);
    expect(log).not.toContain("very-secret-pass");
    expect(log).not.toContain("new-pass-123");
    expect(log).not.toMatch(/\$(scrypt|argon2)/);
  });

  test("a product edit by an operator, and a bulk status change, name the operator and what changed", async () => {
    const operator = await client.createStaff(owner, "operator");
    const operatorName = (await client.get("/api/admin/v1/me", operator)).body.username;
    const product = await createProduct(ctx, operator, { title: "旧标题" });
    await client.put(
      `/api/admin/v1/products/${product.id}`,
      {
        title: "新标题",
        status: "on_sale",
        skus: [{ id: product.skus[0]!.id, priceFen: 8800, stock: 10, specValues: [] }],
      },
      operator,
    );
    const edit = await latest("product");
    expect(edit).toMatchObject({ staffUsername: operatorName, action: "product.update" });
    expect([edit.before.title, edit.after.title]).toEqual(["旧标题", "新标题"]);
    expect([edit.before.skus[0].priceFen, edit.after.skus[0].priceFen]).toEqual([10000, 8800]);
    await client.post("/api/admin/v1/products/status", { ids: [product.id], status: "off_sale" }, owner);
    expect(await latest("product")).toMatchObject({
      action: "product.status",
      before: [{ id: product.id, status: "on_sale" }],
      after: { ids: [product.id], status: "off_sale" },
    });
  });

  test("distribution: a grade's edit and removal keep the old values; a freeze keeps the old status", async () => {
    await enableDistribution(ctx, owner);
    const grade = await client.post(
      "/api/admin/v1/distribution/grades",
      { rank: 1, name: "银牌", tasks: { ownOrderCount: 1 }, ratesBps: null },
      owner,
    );
    expect(grade.status, JSON.stringify(grade.body)).toBe(201);
    await client.put(
      `/api/admin/v1/distribution/grades/${grade.body.id}`,
      { rank: 1, name: "金牌", tasks: { ownOrderCount: 3 }, ratesBps: null },
      owner,
    );
    const edit = await latest("grade");
    expect([edit.action, edit.before?.name, edit.after.name]).toEqual(["grade.update", "银牌", "金牌"]);
    await client.delete(`/api/admin/v1/distribution/grades/${grade.body.id}`, owner);
    const removal = await latest("grade");
    expect([removal.action, removal.before?.name, removal.before?.tasks]).toEqual([
      "grade.delete",
      "金牌",
      { ownOrderCount: 3 },
    ]);

    const d = await distributor(ctx);
    await client.post(
      `/api/admin/v1/distribution/distributors/${d.userId}/status`,
      { action: "freeze", reason: "核实身份" },
      owner,
    );
    expect(await latest("distributor")).toMatchObject({
      action: "distributor.freeze",
      entityId: String(d.userId),
      before: { status: "active" },
      after: { status: "frozen", reason: "核实身份" },
    });
  });

  test("refused writes leave no entry", async () => {
    const support = await client.createStaff(owner, "support");
    const before = await entryCount();
    expect((await client.patch("/api/admin/v1/settings", { shop: { shopName: "X" } }, support)).status).toBe(
      403,
    );
    expect(
      (await client.patch("/api/admin/v1/settings", { orders: { paymentTimeoutMinutes: 1 } }, owner)).status,
    ).toBe(422);
    expect(
      (
        await client.post(
          "/api/admin/v1/staff",
          { username: "owner", name: "重名", role: "support", password: "some-pass-123" },
          owner,
        )
      ).status,
    ).toBe(409);
    expect(
      (await client.put("/api/admin/v1/distribution/settings", { plan: { enabled: true, levels: 4 } }, owner))
        .status,
    ).toBe(422);
    expect(await entryCount()).toBe(before);
  });
});

describe("the audit log names what changed", () => {
  test("a SKU by its product and spec, a product by its title, an order export by no id, a person by nickname", async () => {
    const product = await createProduct(ctx, owner, { title: "玫瑰精华" });
    expect(await latest("product")).toMatchObject({ entityLabel: "玫瑰精华" });
    const adjusted = await client.post(
      `/api/admin/v1/skus/${product.skus[0]!.id}/stock-adjustments`,
      { delta: 5, note: "盘点" },
      owner,
    );
    expect(adjusted.status, JSON.stringify(adjusted.body)).toBeLessThan(300);
    expect((await latest("sku")).entityLabel).toMatch(/^玫瑰精华/);

    await enableDistribution(ctx, owner);
    const d = await distributor(ctx);
    await client.post(
      `/api/admin/v1/distribution/distributors/${d.userId}/status`,
      { action: "freeze", reason: "核查" },
      owner,
    );
    const freeze = await latest("distributor");
    expect(freeze.entityLabel).toMatch(/^\S+ 139\*{4}\d{4}$/);
    expect(freeze.entityLabel).not.toContain(d.phone);

    const settings = await client.get("/api/admin/v1/audit-log?entity=settings&limit=1", owner);
    // a settings section is named by the console from its key
    expect(settings.body.items[0]).toMatchObject({ entityId: "distribution", entityLabel: null });
  });
});
