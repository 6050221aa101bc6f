// Builders the commerce tests share: a freight template, products, a shopper with an address, and the
// sandbox payment (the confirm-payment use case inside a transaction, as a notification takes it).
import { expect } from "vitest";
import { inTransaction } from "../../src/db/transaction.ts";
import { confirmPayment } from "../../src/modules/payments/confirm-payment.ts";
import type { TestContext } from "../support/test-app.ts";

export const SHENZHEN = { provinceCode: "440000", cityCode: "440300", districtCode: "440305" };

export async function createFreight(ctx: TestContext, token: string, body: Record<string, unknown> = {}) {
  const res = await ctx.client.post(
    "/api/admin/v1/freight-templates",
    {
      name: "快递",
      mode: "by_piece",
      defaultRule: { firstUnits: 1, firstFeeFen: 800, additionalUnits: 1, additionalFeeFen: 0 },
      freeOverFen: 5000,
      ...body,
    },
    token,
  );
  expect(res.status).toBe(201);
  return res.body.id as number;
}

export type SkuSpec = { priceFen: number; stock: number; specValues?: string[]; code?: string };

export async function createProduct(
  ctx: TestContext,
  token: string,
  body: { title?: string; skus?: SkuSpec[]; specAxes?: unknown; [k: string]: unknown } = {},
) {
  const res = await ctx.client.post(
    "/api/admin/v1/products",
    {
      title: "测试商品",
      status: "on_sale",
      skus: [{ priceFen: 10000, stock: 10, specValues: [] }],
      ...body,
    },
    token,
  );
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: number; skus: Array<{ id: number; stock: number; priceFen: number }> };
}

export async function shopperWithAddress(ctx: TestContext, extra: { nickname?: string } = {}) {
  const shopper = await ctx.client.registerShopper(extra);
  const res = await ctx.client.post(
    "/api/v1/addresses",
    { name: "林小姐", phone: "13912340000", ...SHENZHEN, detail: "科技园 1 号" },
    shopper.token,
  );
  expect(res.status).toBe(201);
  return { ...shopper, addressId: res.body.id as number };
}

export async function placeOrder(
  ctx: TestContext,
  shopper: { token: string; addressId: number },
  items: Array<{ skuId: number; quantity: number }>,
) {
  const res = await ctx.client.post("/api/v1/orders", { items, addressId: shopper.addressId }, shopper.token);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

/**
 * Confirms the order's payment as a sandbox notification would (payment row, order, commissions, ledger)
 * and answers what became of the order: paid, already_paid (a repeat), not_payable or amount_mismatch.
 */
export async function pay(ctx: TestContext, order: { id: number; orderNo: string; payableFen: number }) {
  const confirmed = await inTransaction(ctx.deps.db, (tx) =>
    confirmPayment(tx, {
      orderNo: order.orderNo,
      provider: "sandbox",
      transactionId: `sbx-${order.id}`,
      amountFen: order.payableFen,
      paidAt: ctx.deps.now(),
    }),
  );
  const outcome =
    confirmed.kind === "recorded"
      ? confirmed.outcome
      : confirmed.kind === "duplicate"
        ? "already_paid"
        : confirmed.kind;
  return { ...confirmed, outcome };
}

export async function skuStock(ctx: TestContext, token: string, productId: number, skuId: number) {
  const res = await ctx.client.get(`/api/admin/v1/products/${productId}`, token);
  return res.body.skus.find((s: { id: number }) => s.id === skuId).stock as number;
}
