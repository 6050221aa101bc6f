// Bad checkout input gets a 4xx with a stable code and changes nothing: no order, no stock moved.
import { describe, expect, test } from "vitest";
import { startTestApp } from "../support/test-app.ts";
import { createProduct, placeOrder, shopperWithAddress, skuStock } from "./fixtures.ts";

const ctx = await startTestApp();
const { client } = ctx;
const owner = await client.loginOwner();
const product = await createProduct(ctx, owner, { purchaseLimit: 2, skus: [{ priceFen: 2500, stock: 5 }] });
const sku = product.skus[0]!.id;
const shopper = await shopperWithAddress(ctx);

async function refused(
  body: Record<string, unknown>,
  status: number,
  code: string,
  headers?: Record<string, string>,
) {
  const res = await client.post(
    "/api/v1/orders",
    { addressId: shopper.addressId, ...body },
    shopper.token,
    headers,
  );
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.body.error.code).toBe(code);
  return res;
}

async function orderCount() {
  return (await client.get("/api/v1/orders?limit=50", shopper.token)).body.items.length as number;
}

describe("checkout refuses bad input and changes nothing", () => {
  test("quantity 0, 1e9, a client price or total, unknown fields", async () => {
    const before = await orderCount();
    await refused({ items: [{ skuId: sku, quantity: 0 }] }, 422, "VALIDATION_FAILED");
    await refused({ items: [{ skuId: sku, quantity: 1e9 }] }, 422, "VALIDATION_FAILED");
    await refused({ items: [{ skuId: sku, quantity: 1, priceFen: 1 }] }, 422, "VALIDATION_FAILED");
    await refused({ items: [{ skuId: sku, quantity: 1 }], payableFen: 1 }, 422, "VALIDATION_FAILED");
    await refused({ items: [{ skuId: sku, quantity: 1 }], totalFen: 1 }, 422, "VALIDATION_FAILED");
    expect(await orderCount()).toBe(before);
    expect(await skuStock(ctx, owner, product.id, sku)).toBe(5);
  });

  test("too little stock, over the purchase limit, off sale", async () => {
    const other = await createProduct(ctx, owner, { skus: [{ priceFen: 100, stock: 1 }] });
    await refused({ items: [{ skuId: other.skus[0]!.id, quantity: 2 }] }, 409, "STOCK_INSUFFICIENT");
    const limit = await refused({ items: [{ skuId: sku, quantity: 3 }] }, 409, "PURCHASE_LIMIT_EXCEEDED");
    expect(limit.body.error.details).toMatchObject({ limit: 2, remaining: 2 });
    await placeOrder(ctx, shopper, [{ skuId: sku, quantity: 2 }]);
    await refused({ items: [{ skuId: sku, quantity: 1 }] }, 409, "PURCHASE_LIMIT_EXCEEDED");
    await client.post("/api/admin/v1/products/status", { ids: [other.id], status: "off_sale" }, owner);
    await refused({ items: [{ skuId: other.skus[0]!.id, quantity: 1 }] }, 409, "PRODUCT_NOT_ON_SALE");
    const cart = await client.post(
      "/api/v1/cart/items",
      { skuId: other.skus[0]!.id, quantity: 1 },
      shopper.token,
    );
    expect(cart.body.error.code).toBe("PRODUCT_NOT_ON_SALE");
    expect(await skuStock(ctx, owner, other.id, other.skus[0]!.id)).toBe(1);
  });

  test("the cart names lines that went off sale or ran short", async () => {
    const item = await createProduct(ctx, owner, { skus: [{ priceFen: 300, stock: 2 }] });
    const buyer = await shopperWithAddress(ctx);
    await client.post("/api/v1/cart/items", { skuId: item.skus[0]!.id, quantity: 3 }, buyer.token);
    expect((await client.get("/api/v1/cart", buyer.token)).body.lines[0].problem).toBe("insufficient_stock");
    await client.post("/api/admin/v1/products/status", { ids: [item.id], status: "off_sale" }, owner);
    const cart = await client.get("/api/v1/cart", buyer.token);
    expect(cart.body.lines[0].problem).toBe("off_sale");
    expect(cart.body.selectedGoodsFen).toBe(0);
  });

  test("someone else's address, or an address outside the region list", async () => {
    const stranger = await shopperWithAddress(ctx);
    const item = await createProduct(ctx, owner);
    await refused(
      { items: [{ skuId: item.skus[0]!.id, quantity: 1 }], addressId: stranger.addressId },
      404,
      "ADDRESS_NOT_FOUND",
    );
    const bad = await client.post(
      "/api/v1/addresses",
      {
        name: "张三",
        phone: "13900001111",
        provinceCode: "440000",
        cityCode: "110100",
        districtCode: "110101",
        detail: "某处",
      },
      shopper.token,
    );
    expect(bad.body.error.code).toBe("REGION_INVALID");
    const edit = await client.put(
      `/api/v1/addresses/${stranger.addressId}`,
      {
        name: "张三",
        phone: "13900001111",
        provinceCode: "110000",
        cityCode: "110100",
        districtCode: "110101",
        detail: "某处",
      },
      shopper.token,
    );
    expect(edit.body.error.code).toBe("ADDRESS_NOT_FOUND");
  });

  test("the same Idempotency-Key replays the order; with a different body it is refused", async () => {
    const item = await createProduct(ctx, owner, { skus: [{ priceFen: 990, stock: 10 }] });
    const buyer = await shopperWithAddress(ctx);
    const key = { "idempotency-key": "checkout-key-0001" };
    const body = { items: [{ skuId: item.skus[0]!.id, quantity: 1 }], addressId: buyer.addressId };
    const first = await client.post("/api/v1/orders", body, buyer.token, key);
    const again = await client.post("/api/v1/orders", body, buyer.token, key);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expect(again.headers["idempotent-replayed"]).toBe("true");
    const other = await client.post(
      "/api/v1/orders",
      { ...body, items: [{ skuId: item.skus[0]!.id, quantity: 2 }] },
      buyer.token,
      key,
    );
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe("IDEMPOTENCY_KEY_REUSED");
    expect(await skuStock(ctx, owner, item.id, item.skus[0]!.id)).toBe(9);
  });

  test("a repeat of a placed order answers it even once the stock it took has run out", async () => {
    const item = await createProduct(ctx, owner, { skus: [{ priceFen: 990, stock: 1 }] });
    const buyer = await shopperWithAddress(ctx);
    const key = { "idempotency-key": "checkout-key-last-one" };
    const body = { items: [{ skuId: item.skus[0]!.id, quantity: 1 }], addressId: buyer.addressId };
    const first = await client.post("/api/v1/orders", body, buyer.token, key);
    expect(first.status).toBe(201);
    const again = await client.post("/api/v1/orders", body, buyer.token, key);
    expect([again.status, again.body.id, again.headers["idempotent-replayed"]]).toEqual([
      201,
      first.body.id,
      "true",
    ]);
    const fresh = await client.post("/api/v1/orders", body, buyer.token, {
      "idempotency-key": "checkout-key-next-one",
    });
    expect([fresh.status, fresh.body.error?.code]).toEqual([409, "STOCK_INSUFFICIENT"]);
    expect(await skuStock(ctx, owner, item.id, item.skus[0]!.id)).toBe(0);
  });
});
