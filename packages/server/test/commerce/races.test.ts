// Commerce races that only a real PostgreSQL can show: the same Idempotency-Key sent twice at once, two
// cancels of one order, a cancel racing the payment, two after-sales for the same units, and two approvals
// of one after-sale. Each must end as if the requests had come one after another.
import { beforeAll, describe, expect, test } from "vitest";
import { type Client, startTestApp, type TestContext } from "../support/test-app.ts";
import { onPostgres } from "../support/test-database.ts";
import { createProduct, pay, placeOrder, shopperWithAddress, skuStock } from "./fixtures.ts";

let ctx: TestContext;
let client: Client;
let owner: string;

describe.runIf(onPostgres)("commerce races on PostgreSQL", () => {
  beforeAll(async () => {
    ctx = await startTestApp();
    client = ctx.client;
    owner = await client.loginOwner();
  });

  test("one Idempotency-Key sent ten times at once places one order", async () => {
    const product = await createProduct(ctx, owner, { skus: [{ priceFen: 500, stock: 20 }] });
    const shopper = await shopperWithAddress(ctx);
    const body = { items: [{ skuId: product.skus[0]!.id, quantity: 2 }], addressId: shopper.addressId };
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        client.post("/api/v1/orders", body, shopper.token, { "idempotency-key": "same-key-at-once" }),
      ),
    );
    const ids = new Set(results.filter((r) => r.status === 201).map((r) => r.body.id));
    expect(ids.size).toBe(1);
    for (const r of results.filter((x) => x.status !== 201)) expect(r.status).toBe(409);
    expect(await skuStock(ctx, owner, product.id, product.skus[0]!.id)).toBe(18);
  });

  test("two cancels of one order return its stock once; a cancel racing the payment lets one win", async () => {
    const product = await createProduct(ctx, owner, { skus: [{ priceFen: 500, stock: 10 }] });
    const sku = product.skus[0]!.id;
    const shopper = await shopperWithAddress(ctx);
    const order = await placeOrder(ctx, shopper, [{ skuId: sku, quantity: 3 }]);
    const cancel = () => client.post(`/api/v1/orders/${order.id}/cancel`, {}, shopper.token);
    const statuses = (await Promise.all([cancel(), cancel()])).map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409]);
    expect(await skuStock(ctx, owner, product.id, sku)).toBe(10);

    for (let round = 0; round < 5; round++) {
      const racing = await placeOrder(ctx, shopper, [{ skuId: sku, quantity: 1 }]);
      const [cancelled, paid] = await Promise.all([
        client.post(`/api/v1/orders/${racing.id}/cancel`, {}, shopper.token),
        pay(ctx, racing),
      ]);
      const status = (await client.get(`/api/v1/orders/${racing.id}`, shopper.token)).body.status;
      if (paid.outcome === "paid") {
        expect([status, cancelled.status]).toEqual(["paid", 409]);
      } else {
        expect([status, cancelled.status, paid.outcome]).toEqual(["cancelled", 200, "not_payable"]);
      }
    }
    const left = await skuStock(ctx, owner, product.id, sku);
    const paidCount = (await client.get("/api/v1/orders?limit=50", shopper.token)).body.items.filter(
      (o: { status: string }) => o.status === "paid",
    ).length;
    expect(left).toBe(10 - paidCount);
  });

  test("two after-sales for the same units at once: one is taken, one refused; two approvals refund once", async () => {
    const product = await createProduct(ctx, owner, { skus: [{ priceFen: 1500, stock: 10 }] });
    const shopper = await shopperWithAddress(ctx);
    const order = await placeOrder(ctx, shopper, [{ skuId: product.skus[0]!.id, quantity: 2 }]);
    await pay(ctx, order);
    const ask = () =>
      client.post(
        `/api/v1/orders/${order.id}/after-sales`,
        { kind: "refund_only", items: [{ orderItemId: order.items[0].id, quantity: 2 }], reason: "不想要了" },
        shopper.token,
      );
    const asks = await Promise.all([ask(), ask(), ask()]);
    const taken = asks.filter((r) => r.status === 201);
    expect(taken).toHaveLength(1);
    for (const r of asks.filter((x) => x.status !== 201))
      expect(r.body.error.code).toBe("REFUND_QUANTITY_EXCEEDED");

    const approve = () => client.post(`/api/admin/v1/after-sales/${taken[0]!.body.id}/approve`, {}, owner);
    const approvals = await Promise.all([approve(), approve()]);
    expect(approvals.map((r) => r.status).sort()).toEqual([200, 409]);
    const after = (await client.get(`/api/v1/orders/${order.id}`, shopper.token)).body;
    expect([after.status, after.refundedFen]).toEqual(["refunded", 3000]);
  });
});
