// The moves order-moves.test.ts does not reach: every shopper and staff move on a closed, completed or
// refunded order, and every after-sale move outside its table, answers its state code and changes nothing.
import { describe, expect, test } from "vitest";
import { closeUnpaidOrders } from "../../src/jobs/close-unpaid-orders.ts";
import { completeOrders } from "../../src/jobs/complete-orders.ts";
import { startTestApp } from "../support/test-app.ts";
import { createProduct, pay, placeOrder, shopperWithAddress } from "./fixtures.ts";

const ctx = await startTestApp();
const { client, clock, deps } = ctx;
const owner = await client.loginOwner();
const product = await createProduct(ctx, owner, { skus: [{ priceFen: 1200, stock: 100 }] });
const items = [{ skuId: product.skus[0]!.id, quantity: 2 }];
const DAY = 86_400_000;

async function shipped(shopper: { token: string; addressId: number }) {
  const order = await placeOrder(ctx, shopper, items);
  await pay(ctx, order);
  const res = await client.post(
    `/api/admin/v1/orders/${order.id}/ship`,
    { parcels: [{ carrier: "顺丰", trackingNo: `SF000${order.id}` }] },
    owner,
  );
  expect(res.status).toBe(200);
  return order;
}

const askRefund = (shopper: { token: string }, order: any, kind = "refund_only", quantity = 2) =>
  client.post(
    `/api/v1/orders/${order.id}/after-sales`,
    { kind, items: [{ orderItemId: order.items[0].id, quantity }], reason: "不想要了" },
    shopper.token,
  );

describe("an order that has ended takes no more moves", () => {
  test("closed, completed and refunded orders refuse cancel, ship, confirm and payment", async () => {
    const shopper = await shopperWithAddress(ctx);
    const closed = await placeOrder(ctx, shopper, items);
    clock.advance(31 * 60_000);
    expect(await closeUnpaidOrders.run(deps, clock.now())).toBe(1);

    const completed = await shipped(shopper);
    await client.post(`/api/v1/orders/${completed.id}/confirm-receipt`, {}, shopper.token);
    clock.advance(8 * DAY);
    expect(await completeOrders.run(deps, clock.now())).toBe(1);

    const refunded = await shipped(shopper);
    const asked = await askRefund(shopper, refunded);
    await client.post(`/api/admin/v1/after-sales/${asked.body.id}/approve`, {}, owner);

    for (const [order, status] of [
      [closed, "closed"],
      [completed, "completed"],
      [refunded, "refunded"],
    ] as const) {
      const before = (await client.get(`/api/admin/v1/orders/${order.id}`, owner)).body;
      expect(before.status).toBe(status);
      const moves = [
        await client.post(`/api/v1/orders/${order.id}/cancel`, {}, shopper.token),
        await client.post(`/api/v1/orders/${order.id}/confirm-receipt`, {}, shopper.token),
        await client.post(
          `/api/admin/v1/orders/${order.id}/ship`,
          { parcels: [{ carrier: "EMS", trackingNo: "EMS-LATE" }] },
          owner,
        ),
      ];
      for (const res of moves) {
        expect(res.status, `${status}: ${JSON.stringify(res.body)}`).toBe(409);
        expect(res.body.error).toMatchObject({ code: "ORDER_STATE_INVALID", details: { status } });
      }
      expect((await pay(ctx, order)).outcome).not.toBe("paid");
      const after = (await client.get(`/api/admin/v1/orders/${order.id}`, owner)).body;
      expect(after).toEqual(before);
    }
    // A completed order is past its after-sale window; a refunded one has nothing left to refund.
    for (const order of [completed, refunded]) {
      const late = await askRefund(shopper, order, "refund_only", 1);
      expect([late.status, late.body.error.code]).toEqual([409, "AFTER_SALE_NOT_ALLOWED"]);
    }
  });
});

describe("after-sale moves outside the table", () => {
  const adminMove = (id: number, move: string) =>
    client.post(
      `/api/admin/v1/after-sales/${id}/${move}`,
      move === "reject" ? { note: "不符合" } : {},
      owner,
    );
  const shopperMove = (shopper: { token: string }, id: number, move: "cancel" | "return-parcel") =>
    client.post(
      `/api/v1/after-sales/${id}/${move}`,
      move === "return-parcel" ? { carrier: "中通", trackingNo: "ZT0001" } : {},
      shopper.token,
    );
  async function refused(res: { status: number; body: any }, id: number, status: string) {
    expect(res.status, JSON.stringify(res.body)).toBe(409);
    expect(res.body.error.code).toBe("AFTER_SALE_STATE_INVALID");
    expect((await client.get(`/api/admin/v1/after-sales/${id}`, owner)).body.status).toBe(status);
  }

  test("refund only: no return parcel, no confirm-return, no retry; once refunded, nothing more", async () => {
    const shopper = await shopperWithAddress(ctx);
    const order = await shipped(shopper);
    const { id } = (await askRefund(shopper, order, "refund_only", 1)).body;
    await refused(await shopperMove(shopper, id, "return-parcel"), id, "requested");
    await refused(await adminMove(id, "confirm-return"), id, "requested");
    await refused(await adminMove(id, "retry-refund"), id, "requested");
    expect((await adminMove(id, "approve")).body.afterSale.status).toBe("refunded");
    for (const move of ["approve", "reject", "confirm-return", "retry-refund"])
      await refused(await adminMove(id, move), id, "refunded");
    await refused(await shopperMove(shopper, id, "cancel"), id, "refunded");
    const detail = (await client.get(`/api/v1/orders/${order.id}`, shopper.token)).body;
    expect(detail.refundedFen).toBe(1200);
  });

  test("return and refund: approved cannot be cancelled, rejected or re-approved; rejected stays rejected", async () => {
    const shopper = await shopperWithAddress(ctx);
    const order = await shipped(shopper);
    const { id } = (await askRefund(shopper, order, "return_refund", 1)).body;
    expect((await adminMove(id, "approve")).body.afterSale.status).toBe("approved");
    await refused(await adminMove(id, "approve"), id, "approved");
    await refused(await adminMove(id, "reject"), id, "approved");
    await refused(await adminMove(id, "confirm-return"), id, "approved");
    await refused(await shopperMove(shopper, id, "cancel"), id, "approved");
    expect((await shopperMove(shopper, id, "return-parcel")).body.afterSale.status).toBe("awaiting_return");
    await refused(await shopperMove(shopper, id, "return-parcel"), id, "awaiting_return");

    const second = (await askRefund(shopper, order, "return_refund", 1)).body.id;
    expect((await adminMove(second, "reject")).body.afterSale.status).toBe("rejected");
    for (const move of ["approve", "reject", "confirm-return"])
      await refused(await adminMove(second, move), second, "rejected");
    await refused(await shopperMove(shopper, second, "return-parcel"), second, "rejected");
    await refused(await shopperMove(shopper, second, "cancel"), second, "rejected");
    expect((await client.get(`/api/v1/orders/${order.id}`, shopper.token)).body.refundedFen).toBe(0);
  });
});
