// A return as merchant and shopper meet it: the shopper sees the merchant's return address once the return is
// approved; staff confirm the parcel and its units go back to the SKU with a stock-log row naming the
// after-sale (not for damaged goods). And a partial refund by finance: the confirmation's preview says which
// commissions shrink by how much, the refund applies exactly that (the refunded share of each line), a lower
// amount needs a reason, and never more than the after-sale holds. Sandbox payments, real ledger postings.
import { sql } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { queryRows } from "../../src/db/client.ts";
import { releaseDueCommissions } from "../../src/modules/commissions/lifecycle.ts";
import {
  distributor,
  enableDistribution,
  shipAndReceive,
  buyer as shopperVia,
  wallet,
} from "../distribution/support.ts";
import { notify, startPaymentsApp } from "../payments/support.ts";
import { createProduct, placeOrder, shopperWithAddress } from "./fixtures.ts";

const ctx = await startPaymentsApp();
const { client, deps } = ctx;
const owner = await client.loginOwner();
const finance = await client.createStaff(owner, "finance");
const support = await client.createStaff(owner, "support");

let transactions = 0;
async function paidOrder(shopper: { token: string; addressId: number }, skuId: number, quantity: number) {
  const order = await placeOrder(ctx, shopper, [{ skuId, quantity }]);
  transactions++;
  const answer = await notify(
    ctx,
    ctx.signPayment({
      outTradeNo: order.orderNo,
      transactionId: `sbx_returns_${transactions}`,
      amountFen: order.payableFen,
      status: "paid",
      providerStatus: "SUCCESS",
      paidAtMs: ctx.clock.now().getTime(),
    }),
  );
  expect(answer.statusCode).toBe(204);
  return order as { id: number; orderNo: string; payableFen: number; items: Array<{ id: number }> };
}

const stockOf = async (productId: number) =>
  (await client.get(`/api/admin/v1/products/${productId}`, owner)).body.skus[0].stock as number;
const move = async (path: string, body: unknown, token = owner) => {
  const res = await client.post(`/api/admin/v1/after-sales/${path}`, body, token);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.afterSale;
};

describe("a 退货退款 from request to restock", () => {
  test("return address shown once approved; confirming the parcel restocks with a log row naming the after-sale", async () => {
    const address = { name: "王仓管", phone: "0755-88886666", address: "深圳市南山区科技园仓库 3 号门" };
    const saved = await client.patch("/api/admin/v1/settings", { returns: address }, owner);
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const product = await createProduct(ctx, owner, { skus: [{ priceFen: 3000, stock: 10 }] });
    const skuId = product.skus[0]!.id;
    const shopper = await shopperWithAddress(ctx);
    const order = await paidOrder(shopper, skuId, 3);
    expect(await stockOf(product.id)).toBe(7);
    await client.post(
      `/api/admin/v1/orders/${order.id}/ship`,
      { parcels: [{ carrier: "顺丰", trackingNo: "SF7000001" }] },
      owner,
    );

    const asked = await client.post(
      `/api/v1/orders/${order.id}/after-sales`,
      {
        kind: "return_refund",
        items: [{ orderItemId: order.items[0]!.id, quantity: 2 }],
        reason: "尺码不合适",
      },
      shopper.token,
    );
    expect(asked.status).toBe(201);
    expect(asked.body.returnAddress).toBeNull();
    await move(`${asked.body.id}/approve`, { note: "请寄回" }, support);
    const seen = await client.get(`/api/v1/after-sales/${asked.body.id}`, shopper.token);
    expect(seen.body).toMatchObject({ status: "approved", returnAddress: address });
    await client.post(
      `/api/v1/after-sales/${asked.body.id}/return-parcel`,
      { carrier: "顺丰", trackingNo: "SFBACK0001" },
      shopper.token,
    );

    const preview = await client.get(`/api/admin/v1/after-sales/${asked.body.id}/refund-preview`, support);
    expect(preview.body).toMatchObject({
      refundFen: 6000,
      maxFen: 6000,
      destination: { provider: "sandbox" },
      restock: [expect.objectContaining({ quantity: 2 })],
    });
    // Support confirms the parcel: the goods are back on the shelf, the refund waits for finance.
    const returned = await move(`${asked.body.id}/confirm-return`, { restock: true }, support);
    expect(returned).toMatchObject({ status: "returned", restocked: true, returnAddress: null });
    expect(await stockOf(product.id)).toBe(9);
    const log = await client.get(`/api/admin/v1/stock-log?skuId=${skuId}`, owner);
    expect(log.body.items[0]).toMatchObject({
      reason: "after_sale_return",
      delta: 2,
      stockAfter: 9,
      orderId: order.id,
      afterSaleId: asked.body.id,
    });
    // Confirming again is refused and restocks nothing more.
    const twice = await client.post(`/api/admin/v1/after-sales/${asked.body.id}/confirm-return`, {}, owner);
    expect([twice.status, twice.body.error.code]).toEqual([409, "AFTER_SALE_STATE_INVALID"]);
    expect(await stockOf(product.id)).toBe(9);

    const refunded = await move(`${asked.body.id}/refund`, {}, finance);
    expect(refunded.status).toBe("refunded");
    expect((await client.get(`/api/v1/orders/${order.id}`, shopper.token)).body.refundedFen).toBe(6000);
  });

  test("damaged goods: the return is confirmed without restocking and the stock log has no row for it", async () => {
    const product = await createProduct(ctx, owner, { skus: [{ priceFen: 2000, stock: 5 }] });
    const skuId = product.skus[0]!.id;
    const shopper = await shopperWithAddress(ctx);
    const order = await paidOrder(shopper, skuId, 1);
    await client.post(
      `/api/admin/v1/orders/${order.id}/ship`,
      { parcels: [{ carrier: "顺丰", trackingNo: "SF7000002" }] },
      owner,
    );
    const asked = await client.post(
      `/api/v1/orders/${order.id}/after-sales`,
      {
        kind: "return_refund",
        items: [{ orderItemId: order.items[0]!.id, quantity: 1 }],
        reason: "质量问题",
      },
      shopper.token,
    );
    await move(`${asked.body.id}/approve`, {});
    await client.post(
      `/api/v1/after-sales/${asked.body.id}/return-parcel`,
      { carrier: "顺丰", trackingNo: "SFBACK0002" },
      shopper.token,
    );
    const done = await move(`${asked.body.id}/confirm-return`, { restock: false });
    expect(done).toMatchObject({ status: "refunded", restocked: false });
    expect(await stockOf(product.id)).toBe(4);
    const rows = await queryRows<{ n: number }>(
      deps.db,
      sql`select count(*)::int n from stock_logs where after_sale_id = ${asked.body.id}`,
    );
    expect(rows[0]!.n).toBe(0);
  });
});

describe("a partial refund by finance", () => {
  test("commissions shrink by the refunded share, exactly as the preview said; a reason is required", async () => {
    await enableDistribution(ctx, owner);
    const product = await createProduct(ctx, owner, { skus: [{ priceFen: 10_000, stock: 10 }] });
    const a = await distributor(ctx);
    const b = await distributor(ctx, a.code);
    const c = await shopperVia(ctx, b.code);
    const order = await paidOrder(c, product.skus[0]!.id, 1);
    expect((await wallet(ctx, b.token)).frozenFen).toBe(1000);
    expect((await wallet(ctx, a.token)).frozenFen).toBe(500);

    const asked = await client.post(
      `/api/v1/orders/${order.id}/after-sales`,
      { kind: "refund_only", items: [{ orderItemId: order.items[0]!.id, quantity: 1 }], reason: "少发配件" },
      c.token,
    );
    const approved = await move(`${asked.body.id}/approve`, { note: "协商部分退款" }, support);
    expect(approved.status).toBe("approved");

    const preview = await client.get(
      `/api/admin/v1/after-sales/${asked.body.id}/refund-preview?refundFen=4000`,
      finance,
    );
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body).toMatchObject({
      refundFen: 4000,
      maxFen: 10_000,
      destination: { provider: "sandbox" },
    });
    const byEarner = (rows: Array<{ earnerUserId: number; takeBackFen: number; outcome: string }>) =>
      Object.fromEntries(rows.map((r) => [r.earnerUserId, [r.takeBackFen, r.outcome]]));
    expect(byEarner(preview.body.commissions)).toEqual({
      [b.userId]: [400, "reduced"],
      [a.userId]: [200, "reduced"],
    });

    const noReason = await client.post(
      `/api/admin/v1/after-sales/${asked.body.id}/refund`,
      { refundFen: 4000 },
      finance,
    );
    expect([noReason.status, noReason.body.error.code]).toEqual([422, "REFUND_REASON_REQUIRED"]);
    const tooMuch = await client.post(
      `/api/admin/v1/after-sales/${asked.body.id}/refund`,
      { refundFen: 10_001, refundReason: "多退" },
      finance,
    );
    expect([tooMuch.status, tooMuch.body.error.code]).toEqual([409, "REFUND_AMOUNT_EXCEEDED"]);
    expect((await client.get(`/api/admin/v1/after-sales/${asked.body.id}`, owner)).body).toMatchObject({
      status: "approved",
      refundFen: 10_000,
    });
    expect((await wallet(ctx, b.token)).frozenFen).toBe(1000);

    const done = await move(
      `${asked.body.id}/refund`,
      { refundFen: 4000, refundReason: "配件缺失，协商退 ¥40" },
      finance,
    );
    expect(done).toMatchObject({
      status: "refunded",
      refundFen: 4000,
      requestedRefundFen: 10_000,
      refundAdjustReason: "配件缺失，协商退 ¥40",
    });
    expect((await wallet(ctx, b.token)).frozenFen).toBe(600);
    expect((await wallet(ctx, a.token)).frozenFen).toBe(300);
    const refundRows = await queryRows<{ amount_fen: number; status: string }>(
      deps.db,
      sql`select amount_fen, status from refunds where after_sale_id = ${asked.body.id}`,
    );
    expect(refundRows.map((r) => [Number(r.amount_fen), r.status])).toEqual([[4000, "succeeded"]]);
    expect((await client.get(`/api/v1/orders/${order.id}`, c.token)).body.refundedFen).toBe(4000);
    const commissions = await client.get(`/api/admin/v1/distribution/commissions?orderId=${order.id}`, owner);
    expect(
      commissions.body.items.map((x: { level: number; clawedBackFen: number; status: string }) => [
        x.level,
        x.clawedBackFen,
        x.status,
      ]),
    ).toEqual(
      expect.arrayContaining([
        [1, 400, "frozen"],
        [2, 200, "frozen"],
      ]),
    );
    const audit = await client.get("/api/admin/v1/audit-log?limit=20", owner);
    const entry = audit.body.items.find(
      (e: { action: string; entityId: string }) =>
        e.action === "after_sale.refund" && e.entityId === String(asked.body.id),
    );
    expect(entry).toBeDefined();
  });

  test("after settlement the refunded share is clawed back from the available balance, as previewed", async () => {
    // Release at receipt: the commissions settle while the after-sale window is still open.
    await enableDistribution(ctx, owner, {
      plan: {
        enabled: true,
        levels: 2,
        ratesBps: [1000, 500, 0],
        release: { mode: "after_receipt", days: 0 },
      },
    });
    const product = await createProduct(ctx, owner, { skus: [{ priceFen: 10_000, stock: 10 }] });
    const a = await distributor(ctx);
    const b = await distributor(ctx, a.code);
    const c = await shopperVia(ctx, b.code);
    const order = await paidOrder(c, product.skus[0]!.id, 1);
    await shipAndReceive(ctx, owner, order, c.token);
    ctx.clock.advance(1000);
    await releaseDueCommissions(ctx.deps, ctx.deps.now());
    expect(await wallet(ctx, b.token)).toMatchObject({ frozenFen: 0, availableFen: 1000 });
    expect(await wallet(ctx, a.token)).toMatchObject({ frozenFen: 0, availableFen: 500 });

    const asked = await client.post(
      `/api/v1/orders/${order.id}/after-sales`,
      { kind: "refund_only", items: [{ orderItemId: order.items[0]!.id, quantity: 1 }], reason: "有瑕疵" },
      c.token,
    );
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    const preview = await client.get(
      `/api/admin/v1/after-sales/${asked.body.id}/refund-preview?refundFen=5000`,
      owner,
    );
    const byEarner = Object.fromEntries(
      preview.body.commissions.map((r: { earnerUserId: number; takeBackFen: number; outcome: string }) => [
        r.earnerUserId,
        [r.takeBackFen, r.outcome],
      ]),
    );
    expect(byEarner).toEqual({ [b.userId]: [500, "clawed_back"], [a.userId]: [250, "clawed_back"] });
    const done = await move(
      `${asked.body.id}/approve`,
      { note: "同意", refundFen: 5000, refundReason: "轻微瑕疵，退一半" },
      owner,
    );
    expect(done).toMatchObject({ status: "refunded", refundFen: 5000 });
    expect(await wallet(ctx, b.token)).toMatchObject({ availableFen: 500 });
    expect(await wallet(ctx, a.token)).toMatchObject({ availableFen: 250 });
  });
});
