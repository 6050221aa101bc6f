// A request that fails after writing leaves nothing behind, and concurrent requests keep their own writes.
// Each failing request inserts its product row and then fails on a SKU code another product holds.
// (On PGlite an HTTP transaction never waits on anything but the database, so requests cannot interleave
// inside one; the leak itself is forced and caught with a sleep in database.test.ts.)
import { describe, expect, test } from "vitest";
import { createProduct } from "../commerce/fixtures.ts";
import { startTestApp } from "../support/test-app.ts";
import { engine } from "../support/test-database.ts";

const ctx = await startTestApp();
const { client } = ctx;
const owner = await client.loginOwner();

const productBody = (title: string, code: string) => ({
  title,
  status: "on_sale",
  skus: [{ priceFen: 100, stock: 1, specValues: [], code }],
});
describe(`concurrent requests on ${engine}`, () => {
  test("a taken SKU code is a 409 SKU_CODE_TAKEN that leaves no product behind", async () => {
    await createProduct(ctx, owner, productBody("先来的", "CODE-A"));
    const res = await client.post("/api/admin/v1/products", productBody("后到的", "CODE-A"), owner);
    expect([res.status, res.body.error?.code]).toEqual([409, "SKU_CODE_TAKEN"]);
    const listed = await client.get("/api/admin/v1/products?q=后到的", owner);
    expect(listed.body.items).toHaveLength(0);
    const other = await createProduct(ctx, owner, productBody("另一个", "CODE-B"));
    const sku = { ...productBody("另一个", "CODE-A").skus[0], id: other.skus[0]!.id };
    const edit = await client.put(
      `/api/admin/v1/products/${other.id}`,
      { ...productBody("改名了", "CODE-A"), skus: [sku] },
      owner,
    );
    expect([edit.status, edit.body.error?.code]).toEqual([409, "SKU_CODE_TAKEN"]);
    expect((await client.get(`/api/admin/v1/products/${other.id}`, owner)).body).toMatchObject({
      title: "另一个",
      skus: [{ code: "CODE-B" }],
    });
  });

  test("failed requests leave nothing behind and concurrent ones keep their writes", async () => {
    await createProduct(ctx, owner, productBody("占位", "TAKEN-1"));
    const shoppers = await Promise.all(Array.from({ length: 10 }, () => client.registerShopper()));
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => [
        client.post("/api/admin/v1/products", productBody(`失败${i}`, "TAKEN-1"), owner),
        client.post("/api/admin/v1/products", productBody(`成功${i}`, `OK-${i}`), owner),
        client.post(
          "/api/v1/addresses",
          {
            name: "并发",
            phone: "13900000000",
            provinceCode: "440000",
            cityCode: "440300",
            districtCode: "440305",
            detail: `${i} 号`,
          },
          shoppers[i]!.token,
        ),
      ]).flat(),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((_, i) => i % 3 === 0)).toEqual(Array(10).fill(409));
    expect(statuses.filter((_, i) => i % 3 !== 0)).toEqual(Array(20).fill(201));
    for (let i = 0; i < 10; i++) {
      const ok = await client.get(`/api/admin/v1/products?q=${encodeURIComponent(`成功${i}`)}`, owner);
      expect(ok.body.items.map((p: { title: string }) => p.title)).toEqual([`成功${i}`]);
      const failed = await client.get(`/api/admin/v1/products?q=${encodeURIComponent(`失败${i}`)}`, owner);
      expect(failed.body.items).toHaveLength(0);
      const addresses = await client.get("/api/v1/addresses", shoppers[i]!.token);
      expect(addresses.body.map((a: { detail: string }) => a.detail)).toEqual([`${i} 号`]);
    }
  });
});
