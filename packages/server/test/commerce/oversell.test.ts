// 50 shoppers race for 10 units: exactly 10 orders, stock 0, never below. PostgreSQL only — PGlite runs
// one transaction at a time, so the race cannot happen there.
import { describe, expect, test } from "vitest";
import { startTestApp } from "../support/test-app.ts";
import { onPostgres } from "../support/test-database.ts";
import { createProduct, shopperWithAddress, skuStock } from "./fixtures.ts";

describe.runIf(onPostgres)("concurrent checkout", () => {
  test("50 concurrent orders for 10 units → exactly 10 orders and stock 0", async () => {
    const ctx = await startTestApp();
    const owner = await ctx.client.loginOwner();
    const product = await createProduct(ctx, owner, { skus: [{ priceFen: 100, stock: 10 }] });
    const sku = product.skus[0]!.id;
    const shoppers = await Promise.all(Array.from({ length: 50 }, () => shopperWithAddress(ctx)));
    const results = await Promise.all(
      shoppers.map((s) =>
        ctx.client.post(
          "/api/v1/orders",
          { items: [{ skuId: sku, quantity: 1 }], addressId: s.addressId },
          s.token,
        ),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(10);
    expect(
      results.filter((r) => r.status !== 201).every((r) => r.body.error.code === "STOCK_INSUFFICIENT"),
    ).toBe(true);
    expect(await skuStock(ctx, owner, product.id, sku)).toBe(0);
    const orders = await ctx.client.get("/api/admin/v1/orders?limit=100", owner);
    expect(orders.body.items).toHaveLength(10);
  });
});
