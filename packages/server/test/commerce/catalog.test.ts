// The merchant's catalog: category tree rules, the spec × SKU matrix, commission overrides checked on save,
// edits that keep SKU ids and stock, image uploads by content type, low stock and manual adjustments.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { createLocalStorage } from "../../src/modules/uploads/storage.ts";
import { startTestApp } from "../support/test-app.ts";
import { createProduct } from "./fixtures.ts";

const uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), "liebian-uploads-"));
const ctx = await startTestApp({ storage: createLocalStorage(uploadDir) });
const { client, app } = ctx;
const owner = await client.loginOwner();

function multipart(name: string, bytes: Buffer, type: string) {
  const boundary = "----liebian-test-boundary";
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return {
    payload,
    headers: {
      "content-type": `multipart/form-data; boundary=${boundary}`,
      authorization: `Bearer ${owner}`,
    },
  };
}
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);

describe("catalog", () => {
  test("the category tree refuses cycles and deleting a category in use", async () => {
    const top = await client.post("/api/admin/v1/categories", { name: "服装" }, owner);
    const child = await client.post(
      "/api/admin/v1/categories",
      { name: "男装", parentId: top.body.id },
      owner,
    );
    const cycle = await client.patch(
      `/api/admin/v1/categories/${top.body.id}`,
      { parentId: child.body.id },
      owner,
    );
    expect(cycle.body.error.code).toBe("CATEGORY_PARENT_INVALID");
    expect((await client.delete(`/api/admin/v1/categories/${top.body.id}`, owner)).body.error.code).toBe(
      "CATEGORY_NOT_EMPTY",
    );
    expect((await client.delete(`/api/admin/v1/categories/${child.body.id}`, owner)).status).toBe(204);
    const tree = await client.get("/api/v1/categories");
    expect(tree.body.map((c: { name: string }) => c.name)).toEqual(["服装"]);
  });

  test("SKUs must fit the spec axes; commission overrides must be valid", async () => {
    const base = {
      title: "T恤",
      specAxes: [{ name: "尺码", values: ["S", "M"] }],
      skus: [{ specValues: ["S"], priceFen: 100, stock: 1 }],
    };
    const wrong = await client.post(
      "/api/admin/v1/products",
      { ...base, skus: [{ specValues: ["XL"], priceFen: 100 }] },
      owner,
    );
    expect(wrong.body.error.code).toBe("SPEC_MATRIX_INVALID");
    const twice = await client.post(
      "/api/admin/v1/products",
      {
        ...base,
        skus: [
          { specValues: ["S"], priceFen: 1 },
          { specValues: ["S"], priceFen: 2 },
        ],
      },
      owner,
    );
    expect(twice.body.error.code).toBe("SPEC_MATRIX_INVALID");
    const badRule = await client.post(
      "/api/admin/v1/products",
      { ...base, commissionRule: { kind: "rates", ratesBps: [1] } },
      owner,
    );
    expect(badRule.body.error.code).toBe("COMMISSION_RULE_INVALID");
    const ok = await client.post(
      "/api/admin/v1/products",
      {
        ...base,
        commissionRule: { kind: "rates", ratesBps: [1000, 500, 0] },
        skus: [{ ...base.skus[0], commissionRule: { kind: "off" } }],
      },
      owner,
    );
    expect(ok.status).toBe(201);
    expect(ok.body.commissionRule).toEqual({ kind: "rates", ratesBps: [1000, 500, 0] });
    expect(ok.body.skus[0].commissionRule).toEqual({ kind: "off" });
  });

  test("editing keeps SKU ids and stock, adds and archives SKUs; drafts are hidden from shoppers", async () => {
    const product = await createProduct(ctx, owner, {
      status: "draft",
      specAxes: [{ name: "颜色", values: ["红", "蓝"] }],
      skus: [{ specValues: ["红"], priceFen: 1000, stock: 7, code: "RED-1" }],
    });
    expect((await client.get(`/api/v1/products/${product.id}`)).status).toBe(404);
    const red = product.skus[0]!;
    const edited = await client.put(
      `/api/admin/v1/products/${product.id}`,
      {
        title: "新标题",
        status: "on_sale",
        specAxes: [{ name: "颜色", values: ["红", "蓝"] }],
        skus: [
          { id: red.id, specValues: ["红"], priceFen: 1200, stock: 999, code: "RED-1" },
          { specValues: ["蓝"], priceFen: 1100, stock: 4 },
        ],
      },
      owner,
    );
    expect(edited.status).toBe(200);
    expect(edited.body.skus.map((s: { stock: number; priceFen: number }) => [s.stock, s.priceFen])).toEqual([
      [7, 1200],
      [4, 1100],
    ]);
    const dropped = await client.put(
      `/api/admin/v1/products/${product.id}`,
      {
        title: "新标题",
        status: "on_sale",
        specAxes: [{ name: "颜色", values: ["蓝"] }],
        skus: [{ id: edited.body.skus[1].id, specValues: ["蓝"], priceFen: 1100 }],
      },
      owner,
    );
    expect(dropped.body.skus).toHaveLength(1);
    expect((await client.get(`/api/v1/products/${product.id}`)).body.title).toBe("新标题");
  });

  test("stock adjustments never go below zero and show in the low-stock list", async () => {
    const product = await createProduct(ctx, owner, { skus: [{ priceFen: 100, stock: 3 }] });
    const sku = product.skus[0]!.id;
    const below = await client.post(
      `/api/admin/v1/skus/${sku}/stock-adjustments`,
      { delta: -4, note: "盘点" },
      owner,
    );
    expect(below.body.error.code).toBe("STOCK_INSUFFICIENT");
    const down = await client.post(
      `/api/admin/v1/skus/${sku}/stock-adjustments`,
      { delta: -2, note: "盘点" },
      owner,
    );
    expect(down.body.stock).toBe(1);
    const low = await client.get("/api/admin/v1/low-stock?threshold=1", owner);
    expect(low.body.map((s: { skuId: number }) => s.skuId)).toContain(sku);
  });

  test("the stock log is found by product title or SKU code, as staff know the goods", async () => {
    const product = await createProduct(ctx, owner, {
      title: "盘点专用保温杯",
      skus: [{ priceFen: 100, stock: 5, specValues: [], code: "CUP-Blue-01" }],
    });
    const sku = product.skus[0]!.id;
    await client.post(`/api/admin/v1/skus/${sku}/stock-adjustments`, { delta: 2, note: "到货" }, owner);
    const skuIds = (res: { body: { items: Array<{ skuId: number }> } }) => res.body.items.map((e) => e.skuId);
    const byTitle = await client.get(`/api/admin/v1/stock-log?q=${encodeURIComponent("保温")}`, owner);
    expect(byTitle.status).toBe(200);
    expect(new Set(skuIds(byTitle))).toEqual(new Set([sku]));
    const byCode = await client.get("/api/admin/v1/stock-log?q=cup-blue", owner);
    expect(new Set(skuIds(byCode))).toEqual(new Set([sku]));
    // a LIKE wildcard typed by staff is a character, not "anything"
    expect(skuIds(await client.get("/api/admin/v1/stock-log?q=%25", owner))).toEqual([]);
  });

  test("the feed pages with a cursor and searches by title", async () => {
    for (const title of ["苹果一号", "苹果二号", "苹果三号"]) await createProduct(ctx, owner, { title });
    const first = await client.get(`/api/v1/products?q=${encodeURIComponent("苹果")}&limit=2`);
    expect(first.body.items).toHaveLength(2);
    const second = await client.get(
      `/api/v1/products?q=${encodeURIComponent("苹果")}&limit=2&cursor=${first.body.nextCursor}`,
    );
    expect(second.body.items.map((p: { title: string }) => p.title)).toEqual(["苹果一号"]);
    expect(second.body.nextCursor).toBeNull();
  });

  test("uploads accept images by their bytes and serve them; other files are refused", async () => {
    const ok = await app.inject({
      method: "POST",
      url: "/api/admin/v1/uploads",
      ...multipart("a.png", PNG, "image/png"),
    });
    expect(ok.statusCode).toBe(201);
    const { url } = ok.json();
    expect(url).toMatch(/^\/uploads\/catalog\/\d{6}\/[\w-]+\.png$/);
    const served = await app.inject({ method: "GET", url });
    expect(served.statusCode).toBe(200);
    expect(served.rawPayload.equals(PNG)).toBe(true);
    const fake = await app.inject({
      method: "POST",
      url: "/api/admin/v1/uploads",
      ...multipart("evil.png", Buffer.from("<script>alert(1)</script>"), "image/png"),
    });
    expect(fake.statusCode).toBe(415);
    expect(fake.json().error.code).toBe("UPLOAD_TYPE_INVALID");
    const big = await app.inject({
      method: "POST",
      url: "/api/admin/v1/uploads",
      ...multipart("big.png", Buffer.concat([PNG, Buffer.alloc(6 * 1024 * 1024)]), "image/png"),
    });
    expect(big.json().error.code).toBe("UPLOAD_TOO_LARGE");
    const anon = await app.inject({
      method: "POST",
      url: "/api/v1/uploads",
      payload: multipart("a.png", PNG, "image/png").payload,
    });
    expect(anon.statusCode).toBe(401);
  });
});
