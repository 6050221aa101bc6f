// With the payments area's refund API wired (deps.refunds), an approved after-sale waits in `refunding`
// until completeAfterSaleRefund or failAfterSaleRefund records the provider's answer.

import { sql } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { queryRows } from "../../src/db/client.ts";
import { inTransaction } from "../../src/db/transaction.ts";
import { completeAfterSaleRefund, failAfterSaleRefund } from "../../src/modules/aftersales/service.ts";
import { startTestApp } from "../support/test-app.ts";
import { createProduct, pay, placeOrder, shopperWithAddress } from "./fixtures.ts";

const started: Array<{ afterSaleId: number; amountFen: number; orderNo: string }> = [];
const ctx = await startTestApp({
  refunds: {
    start: async (input) => {
      started.push(input);
    },
  },
});
const { client, deps } = ctx;
const owner = await client.loginOwner();

describe("refunds through the payments area", () => {
  test("refunding waits for the provider; a failure can be retried; completion is recorded once", async () => {
    const product = await createProduct(ctx, owner, { skus: [{ priceFen: 1000, stock: 10 }] });
    const shopper = await shopperWithAddress(ctx);
    const order = await placeOrder(ctx, shopper, [{ skuId: product.skus[0]!.id, quantity: 3 }]);
    await pay(ctx, order);
    const asked = await client.post(
      `/api/v1/orders/${order.id}/after-sales`,
      { kind: "refund_only", items: [{ orderItemId: order.items[0].id, quantity: 1 }], reason: "不想要了" },
      shopper.token,
    );
    const approved = await client.post(`/api/admin/v1/after-sales/${asked.body.id}/approve`, {}, owner);
    expect(approved.body).toMatchObject({
      refund: { provider: "payments" },
      afterSale: { status: "refunding" },
    });
    expect(started).toEqual([
      {
        afterSaleId: asked.body.id,
        orderId: order.id,
        orderNo: order.orderNo,
        amountFen: 1000,
        reason: "不想要了",
      },
    ]);

    await inTransaction(deps.db, (tx) =>
      failAfterSaleRefund(tx, { afterSaleId: asked.body.id, reason: "余额不足" }),
    );
    const failed = await client.get(`/api/admin/v1/after-sales/${asked.body.id}`, owner);
    expect(failed.body).toMatchObject({ status: "refund_failed", failureReason: "余额不足" });
    const support = await client.createStaff(owner, "support");
    expect(
      (await client.post(`/api/admin/v1/after-sales/${asked.body.id}/retry-refund`, {}, support)).status,
    ).toBe(403);
    const retried = await client.post(`/api/admin/v1/after-sales/${asked.body.id}/retry-refund`, {}, owner);
    expect(retried.body.afterSale.status).toBe("refunding");
    expect(started).toHaveLength(2);

    const complete = () =>
      inTransaction(deps.db, (tx) =>
        completeAfterSaleRefund(tx, {
          afterSaleId: asked.body.id,
          refundId: 77,
          at: deps.now(),
          money: null,
        }),
      );
    expect(await complete()).toEqual({ outcome: "refunded", orderRefunded: false });
    expect(await complete()).toEqual({ outcome: "already_refunded" });
    // Told once to everyone else, through the outbox (ids and amounts only).
    const refunded = await queryRows<{ payload: unknown }>(
      deps.db,
      sql`select payload from outbox where topic = 'order.refunded'`,
    );
    expect(refunded.map((r) => r.payload)).toEqual([
      {
        orderId: order.id,
        afterSaleId: asked.body.id,
        refundFen: 1000,
        orderRefunded: false,
        items: [{ orderItemId: order.items[0].id, refundFen: 1000, remainingPaidFen: 2000 }],
      },
    ]);
    const after = await client.get(`/api/v1/orders/${order.id}`, shopper.token);
    expect(after.body).toMatchObject({ status: "paid", refundedFen: 1000 });
  });
});
