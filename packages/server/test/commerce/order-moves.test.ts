// Time and state: unpaid orders close and return their stock, shipped orders are received automatically,
// every move the state table does not allow is refused with ORDER_STATE_INVALID and changes nothing.
import { describe, expect, test } from "vitest";
import { autoReceiveOrders } from "../../src/jobs/auto-receive-orders.ts";
import { closeUnpaidOrders } from "../../src/jobs/close-unpaid-orders.ts";
import { completeOrders } from "../../src/jobs/complete-orders.ts";
import { startTestApp } from "../support/test-app.ts";
import { createProduct, pay, placeOrder, shopperWithAddress, skuStock } from "./fixtures.ts";

const ctx = await startTestApp();
const { client, clock, deps } = ctx;
const owner = await client.loginOwner();
const MINUTE = 60_000;
const DAY = 86_400_000;

describe("sweeps with the clock", () => {
  test("an unpaid order closes after the payment timeout and its stock comes back, once", async () => {
    const product = await createProduct(ctx, owner, { skus: [{ priceFen: 500, stock: 3 }] });
    const sku = product.skus[0]!.id;
    const shopper = await shopperWithAddress(ctx);
    const order = await placeOrder(ctx, shopper, [{ skuId: sku, quantity: 2 }]);
    expect(await skuStock(ctx, owner, product.id, sku)).toBe(1);
    clock.advance(29 * MINUTE);
    expect(await closeUnpaidOrders.run(deps, clock.now())).toBe(0);
    clock.advance(1 * MINUTE);
    expect(await closeUnpaidOrders.run(deps, clock.now())).toBe(1);
    expect(await closeUnpaidOrders.run(deps, clock.now())).toBe(0);
    expect(await skuStock(ctx, owner, product.id, sku)).toBe(3);
    const closed = await client.get(`/api/v1/orders/${order.id}`, shopper.token);
    expect(closed.body.status).toBe("closed");
    // A payment arriving after the close is not taken: it is held for an automatic refund.
    expect(await pay(ctx, order)).toMatchObject({
      outcome: "not_payable",
      orderId: order.id,
      stray: "order is closed",
    });
    const log = await client.get(`/api/admin/v1/stock-log?skuId=${sku}`, owner);
    expect(log.body.items.map((e: { reason: string; delta: number }) => [e.reason, e.delta])).toEqual([
      ["order_closed", 2],
      ["order_placed", -2],
      ["initial", 3],
    ]);
    // each line names the SKU by its product and the order by the number the shopper sees
    expect(log.body.items[0]).toMatchObject({ title: expect.any(String), orderNo: order.orderNo });
    expect(log.body.items[0].title.length).toBeGreaterThan(0);
  });

  test("the payment timeout comes from the orders settings", async () => {
    await client.patch("/api/admin/v1/settings", { orders: { paymentTimeoutMinutes: 5 } }, owner);
    const product = await createProduct(ctx, owner);
    const shopper = await shopperWithAddress(ctx);
    const order = await placeOrder(ctx, shopper, [{ skuId: product.skus[0]!.id, quantity: 1 }]);
    expect(new Date(order.closeDueAt).getTime() - new Date(order.placedAt).getTime()).toBe(5 * MINUTE);
    await client.patch("/api/admin/v1/settings", { orders: { paymentTimeoutMinutes: 30 } }, owner);
  });

  test("shipped orders are received after 10 days, then complete after the 7-day window", async () => {
    const product = await createProduct(ctx, owner);
    const shopper = await shopperWithAddress(ctx);
    const order = await placeOrder(ctx, shopper, [{ skuId: product.skus[0]!.id, quantity: 1 }]);
    await pay(ctx, order);
    await client.post(
      `/api/admin/v1/orders/${order.id}/ship`,
      { parcels: [{ carrier: "EMS", trackingNo: "EMS001" }] },
      owner,
    );
    clock.advance(10 * DAY);
    expect(await autoReceiveOrders.run(deps, clock.now())).toBe(1);
    const received = await client.get(`/api/v1/orders/${order.id}`, shopper.token);
    expect(received.body.status).toBe("received");
    expect(received.body.timeline.at(-1)).toMatchObject({
      kind: "confirm_receipt",
      actorKind: "system",
      note: "auto",
    });
    // An open after-sale holds the order back from completing.
    const asked = await client.post(
      `/api/v1/orders/${order.id}/after-sales`,
      {
        kind: "return_refund",
        items: [{ orderItemId: order.items[0].id, quantity: 1 }],
        reason: "尺码不合适",
      },
      shopper.token,
    );
    clock.advance(8 * DAY);
    expect(await completeOrders.run(deps, clock.now())).toBe(0);
    await client.post(`/api/admin/v1/after-sales/${asked.body.id}/reject`, { note: "已过质检" }, owner);
    expect(await completeOrders.run(deps, clock.now())).toBe(1);
    expect((await client.get(`/api/v1/orders/${order.id}`, shopper.token)).body.status).toBe("completed");
  });
});

describe("illegal moves are refused", () => {
  test("each move outside the state table answers ORDER_STATE_INVALID and changes nothing", async () => {
    const product = await createProduct(ctx, owner, { skus: [{ priceFen: 800, stock: 50 }] });
    const shopper = await shopperWithAddress(ctx);
    const items = [{ skuId: product.skus[0]!.id, quantity: 1 }];
    const ship = (id: number) =>
      client.post(
        `/api/admin/v1/orders/${id}/ship`,
        { parcels: [{ carrier: "顺丰", trackingNo: "SF9999" }] },
        owner,
      );
    const cancel = (id: number) => client.post(`/api/v1/orders/${id}/cancel`, {}, shopper.token);
    const confirm = (id: number) => client.post(`/api/v1/orders/${id}/confirm-receipt`, {}, shopper.token);

    const unpaid = await placeOrder(ctx, shopper, items);
    for (const res of [await ship(unpaid.id), await confirm(unpaid.id)]) {
      expect(res.status).toBe(409);
      expect(res.body.error).toMatchObject({
        code: "ORDER_STATE_INVALID",
        details: { status: "pending_payment" },
      });
    }
    expect((await cancel(unpaid.id)).body.status).toBe("cancelled");
    for (const res of [await cancel(unpaid.id), await ship(unpaid.id), await confirm(unpaid.id)]) {
      expect(res.body.error.code).toBe("ORDER_STATE_INVALID");
    }
    expect((await pay(ctx, unpaid)).outcome).toBe("not_payable");

    const paid = await placeOrder(ctx, shopper, items);
    expect(await pay(ctx, { ...paid, payableFen: paid.payableFen - 1 })).toEqual({
      kind: "amount_mismatch",
      outcome: "amount_mismatch",
      expectedFen: paid.payableFen,
    });
    await pay(ctx, paid);
    expect((await cancel(paid.id)).body.error.code).toBe("ORDER_STATE_INVALID");
    expect((await confirm(paid.id)).body.error.code).toBe("ORDER_STATE_INVALID");
    await ship(paid.id);
    const cancelShipped = await cancel(paid.id);
    expect(cancelShipped.status).toBe(409);
    expect(cancelShipped.body.error).toMatchObject({
      code: "ORDER_STATE_INVALID",
      details: { status: "shipped", event: "cancel" },
    });
    await confirm(paid.id);
    for (const res of [await cancel(paid.id), await confirm(paid.id), await ship(paid.id)]) {
      expect(res.body.error.code).toBe("ORDER_STATE_INVALID");
    }
    const detail = await client.get(`/api/v1/orders/${paid.id}`, shopper.token);
    expect(detail.body.status).toBe("received");
    expect(detail.body.parcels).toHaveLength(1);
  });

  test("another shopper's order is not found, and staff filters find orders by phone and number", async () => {
    const product = await createProduct(ctx, owner);
    const shopper = await shopperWithAddress(ctx);
    const order = await placeOrder(ctx, shopper, [{ skuId: product.skus[0]!.id, quantity: 1 }]);
    const stranger = await client.registerShopper();
    expect((await client.get(`/api/v1/orders/${order.id}`, stranger.token)).status).toBe(404);
    expect((await client.post(`/api/v1/orders/${order.id}/cancel`, {}, stranger.token)).status).toBe(404);
    const byNo = await client.get(`/api/admin/v1/orders?orderNo=${order.orderNo}`, owner);
    expect(byNo.body.items.map((o: { id: number }) => o.id)).toEqual([order.id]);
    const byPhone = await client.get("/api/admin/v1/orders?phone=13912340000&limit=100", owner);
    expect(byPhone.body.items.map((o: { id: number }) => o.id)).toContain(order.id);
    const support = await client.createStaff(owner, "support");
    expect((await client.get("/api/admin/v1/orders/export.csv", support)).status).toBe(403);
    const csv = await client.get(`/api/admin/v1/orders/export.csv?orderNo=${order.orderNo}`, owner);
    expect(csv.headers["content-type"]).toContain("text/csv");
    expect(csv.body).toContain(order.orderNo);
    expect(csv.body).toContain("100.00");
    // status in words and the time on the Shanghai clock, the same second the order number carries
    const no = order.orderNo as string;
    const placed = `${no.slice(0, 4)}-${no.slice(4, 6)}-${no.slice(6, 8)} ${no.slice(8, 10)}:${no.slice(10, 12)}:${no.slice(12, 14)}`;
    expect(csv.body).toContain(`${no},待付款,${placed},,`);
    const remark = await client.post(
      `/api/admin/v1/orders/${order.id}/remark`,
      { merchantRemark: "送小样" },
      owner,
    );
    expect(remark.body.merchantRemark).toBe("送小样");
    expect(
      (await client.get(`/api/v1/orders/${order.id}`, shopper.token)).body.merchantRemark,
    ).toBeUndefined();
  });
});
