// Partial after-sales refund exact amounts: unit slices of each line, freight only with the last units,
// a negotiated amount spread by largest remainder; never more than was paid. Refunds go through the
// clearly labelled sandbox while the payments area has no refund API wired.
import { describe, expect, test } from "vitest";
import { startTestApp } from "../support/test-app.ts";
import { createFreight, createProduct, pay, placeOrder, shopperWithAddress } from "./fixtures.ts";

const ctx = await startTestApp();
const { client } = ctx;
const owner = await client.loginOwner();
const freight = await createFreight(ctx, owner, { freeOverFen: 1_000_000 });
const a = await createProduct(ctx, owner, {
  title: "A",
  freightTemplateId: freight,
  skus: [{ priceFen: 1990, stock: 100 }],
});
const b = await createProduct(ctx, owner, {
  title: "B",
  freightTemplateId: freight,
  skus: [{ priceFen: 2990, stock: 100 }],
});

async function shippedOrder(buyer: { nickname?: string } = {}) {
  const shopper = await shopperWithAddress(ctx, buyer);
  const order = await placeOrder(ctx, shopper, [
    { skuId: a.skus[0]!.id, quantity: 3 },
    { skuId: b.skus[0]!.id, quantity: 1 },
  ]);
  expect(order.payableFen).toBe(5970 + 2990 + 800);
  await pay(ctx, order);
  await client.post(
    `/api/admin/v1/orders/${order.id}/ship`,
    { parcels: [{ carrier: "顺丰", trackingNo: "SF0001" }] },
    owner,
  );
  const [lineA, lineB] = order.items;
  return { shopper, order, lineA, lineB };
}

describe("after-sales", () => {
  test("refund one unit, then return the rest: exact amounts, freight with the last units, order refunded", async () => {
    const { shopper, order, lineA, lineB } = await shippedOrder();
    const first = await client.post(
      `/api/v1/orders/${order.id}/after-sales`,
      { kind: "refund_only", items: [{ orderItemId: lineA.id, quantity: 1 }], reason: "少发" },
      shopper.token,
    );
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ refundFen: 1990, freightRefundFen: 0, status: "requested" });
    const approved = await client.post(
      `/api/admin/v1/after-sales/${first.body.id}/approve`,
      { note: "同意" },
      owner,
    );
    expect(approved.body.refund).toEqual({ provider: "sandbox_immediate" });
    expect(approved.body.afterSale).toMatchObject({
      status: "refunded",
      refundProvider: "sandbox_immediate",
    });

    const tooMany = await client.post(
      `/api/v1/orders/${order.id}/after-sales`,
      { kind: "return_refund", items: [{ orderItemId: lineA.id, quantity: 3 }], reason: "不想要" },
      shopper.token,
    );
    expect(tooMany.status).toBe(409);
    expect(tooMany.body.error).toMatchObject({
      code: "REFUND_QUANTITY_EXCEEDED",
      details: { refundable: 2 },
    });

    const rest = [
      { orderItemId: lineA.id, quantity: 2 },
      { orderItemId: lineB.id, quantity: 1 },
    ];
    const overPaid = await client.post(
      `/api/v1/orders/${order.id}/after-sales`,
      { kind: "return_refund", items: rest, reason: "不想要", requestedFen: 7771 },
      shopper.token,
    );
    expect(overPaid.body.error).toMatchObject({ code: "REFUND_AMOUNT_EXCEEDED", details: { maxFen: 7770 } });

    const ret = await client.post(
      `/api/v1/orders/${order.id}/after-sales`,
      { kind: "return_refund", items: rest, reason: "不想要", photos: ["/uploads/x.png"] },
      shopper.token,
    );
    expect(ret.body).toMatchObject({ refundFen: 3980 + 2990 + 800, freightRefundFen: 800 });
    const id = ret.body.id;
    expect(
      (await client.post(`/api/admin/v1/after-sales/${id}/approve`, {}, owner)).body.afterSale.status,
    ).toBe("approved");
    const early = await client.post(`/api/admin/v1/after-sales/${id}/confirm-return`, {}, owner);
    expect(early.body.error.code).toBe("AFTER_SALE_STATE_INVALID");
    const parcel = await client.post(
      `/api/v1/after-sales/${id}/return-parcel`,
      { carrier: "中通", trackingNo: "ZT0001" },
      shopper.token,
    );
    expect(parcel.body.afterSale.status).toBe("awaiting_return");
    const done = await client.post(`/api/admin/v1/after-sales/${id}/confirm-return`, {}, owner);
    expect(done.body.afterSale.status).toBe("refunded");

    const after = await client.get(`/api/v1/orders/${order.id}`, shopper.token);
    expect(after.body).toMatchObject({ status: "refunded", refundedFen: order.payableFen });
    expect(after.body.items.map((i: { refundedFen: number }) => i.refundedFen)).toEqual([5970, 2990]);
    const again = await client.post(
      `/api/v1/orders/${order.id}/after-sales`,
      { kind: "refund_only", items: [{ orderItemId: lineB.id, quantity: 1 }], reason: "再退" },
      shopper.token,
    );
    expect(again.body.error.code).toBe("AFTER_SALE_NOT_ALLOWED");
  });

  test("a negotiated amount is spread over the lines by largest remainder", async () => {
    const { shopper, order, lineA, lineB } = await shippedOrder();
    const res = await client.post(
      `/api/v1/orders/${order.id}/after-sales`,
      {
        kind: "refund_only",
        items: [
          { orderItemId: lineA.id, quantity: 2 },
          { orderItemId: lineB.id, quantity: 1 },
        ],
        reason: "协商部分退款",
        requestedFen: 5000,
      },
      shopper.token,
    );
    // 5000 × 3980/6970 = 2855.09…, 5000 × 2990/6970 = 2144.90… → the spare fen goes to the larger remainder.
    expect(res.body.items.map((i: { refundFen: number }) => i.refundFen)).toEqual([2855, 2145]);
    expect(res.body.refundFen).toBe(5000);
  });

  test("a rejected or cancelled after-sale frees its units; the shopper sees only their own", async () => {
    const { shopper, order, lineA } = await shippedOrder({ nickname: "林小满" });
    const ask = () =>
      client.post(
        `/api/v1/orders/${order.id}/after-sales`,
        { kind: "refund_only", items: [{ orderItemId: lineA.id, quantity: 3 }], reason: "质量问题" },
        shopper.token,
      );
    const first = await ask();
    expect((await ask()).body.error.code).toBe("REFUND_QUANTITY_EXCEEDED");
    const rejected = await client.post(
      `/api/admin/v1/after-sales/${first.body.id}/reject`,
      { note: "已超时" },
      owner,
    );
    expect(rejected.body.afterSale).toMatchObject({ status: "rejected", merchantNote: "已超时" });
    const second = await ask();
    expect(second.status).toBe(201);
    const stranger = await client.registerShopper();
    expect((await client.get(`/api/v1/after-sales/${second.body.id}`, stranger.token)).status).toBe(404);
    expect(
      (await client.post(`/api/v1/after-sales/${second.body.id}/cancel`, {}, stranger.token)).status,
    ).toBe(404);
    const cancelled = await client.post(`/api/v1/after-sales/${second.body.id}/cancel`, {}, shopper.token);
    expect(cancelled.body.afterSale.status).toBe("cancelled");
    expect(
      (await client.post(`/api/admin/v1/after-sales/${second.body.id}/approve`, {}, owner)).body.error.code,
    ).toBe("AFTER_SALE_STATE_INVALID");
    const queue = await client.get("/api/admin/v1/after-sales?status=cancelled", owner);
    expect(queue.body.items.map((x: { id: number }) => x.id)).toContain(second.body.id);
    // staff see the order by the number the shopper quotes on the phone, not its internal id
    expect(queue.body.items.find((x: { id: number }) => x.id === second.body.id)).toMatchObject({
      orderId: order.id,
      orderNo: order.orderNo,
    });
    // ...and the buyer by nickname and masked phone, never the full number (the phone is personal data)
    const row = queue.body.items.find((x: { id: number }) => x.id === second.body.id);
    expect(row.buyer).toEqual({
      userId: shopper.userId,
      nickname: "林小满",
      phone: `${shopper.phone.slice(0, 3)}****${shopper.phone.slice(-4)}`,
    });
    expect(JSON.stringify(queue.body)).not.toContain(shopper.phone);
    // the shopper's own list does not carry a buyer
    const mine = await client.get("/api/v1/after-sales", shopper.token);
    expect(mine.body.items[0]).not.toHaveProperty("buyer");
  });

  test("an unpaid order takes no after-sale, and a return needs shipped goods", async () => {
    const shopper = await shopperWithAddress(ctx);
    const order = await placeOrder(ctx, shopper, [{ skuId: a.skus[0]!.id, quantity: 1 }]);
    const body = {
      kind: "refund_only",
      items: [{ orderItemId: order.items[0].id, quantity: 1 }],
      reason: "x",
    };
    expect(
      (await client.post(`/api/v1/orders/${order.id}/after-sales`, body, shopper.token)).body.error.code,
    ).toBe("AFTER_SALE_NOT_ALLOWED");
    await pay(ctx, order);
    const ret = await client.post(
      `/api/v1/orders/${order.id}/after-sales`,
      { ...body, kind: "return_refund" },
      shopper.token,
    );
    expect(ret.body.error.code).toBe("AFTER_SALE_NOT_ALLOWED");
  });
});
