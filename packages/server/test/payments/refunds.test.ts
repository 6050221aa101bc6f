// After-sale refunds through the sandbox provider: a refund ends `refunded` with its ledger posting, a
// provider refusal leaves the after-sale refund_failed and retryable; withdrawals pay out through the sandbox.
import { sql } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { queryRows } from "../../src/db/client.ts";
import { createProduct, placeOrder, shopperWithAddress } from "../commerce/fixtures.ts";
import { notify, startPaymentsApp } from "./support.ts";

const ctx = await startPaymentsApp();
const { client, deps } = ctx;
const owner = await client.loginOwner();
const shopper = await shopperWithAddress(ctx);

async function paidOrder(priceFen: number, transactionId: string) {
  const product = await createProduct(ctx, owner, { skus: [{ priceFen, stock: 10 }] });
  const order = await placeOrder(ctx, shopper, [{ skuId: product.skus[0]!.id, quantity: 2 }]);
  const answer = await notify(
    ctx,
    ctx.signPayment({
      outTradeNo: order.orderNo,
      transactionId,
      amountFen: order.payableFen,
      status: "paid",
      providerStatus: "SUCCESS",
      paidAtMs: ctx.clock.now().getTime(),
    }),
  );
  expect(answer.statusCode).toBe(204);
  return order;
}

async function refundOneUnit(order: { id: number; items: Array<{ id: number }> }) {
  const asked = await client.post(
    `/api/v1/orders/${order.id}/after-sales`,
    { kind: "refund_only", items: [{ orderItemId: order.items[0]!.id, quantity: 1 }], reason: "不想要了" },
    shopper.token,
  );
  expect(asked.status, JSON.stringify(asked.body)).toBe(201);
  await client.post(`/api/admin/v1/after-sales/${asked.body.id}/approve`, {}, owner);
  return (await client.get(`/api/admin/v1/after-sales/${asked.body.id}`, owner)).body;
}

describe("refunds through the provider", () => {
  test("an approved after-sale is refunded by the sandbox and posted to the ledger", async () => {
    const order = await paidOrder(5000, "sbx_tx_refund_ok");
    const afterSale = await refundOneUnit(order);
    expect(afterSale).toMatchObject({ status: "refunded" });
    const rows = await queryRows<{ status: string; out_refund_no: string; amount_fen: number }>(
      deps.db,
      sql`select status, out_refund_no, amount_fen from refunds where after_sale_id = ${afterSale.id}`,
    );
    expect(rows).toEqual([{ status: "succeeded", out_refund_no: `RF${afterSale.id}A1`, amount_fen: 5000 }]);
    const ledger = await queryRows<{ n: number }>(
      deps.db,
      sql`select count(*) n from ledger_transactions where idempotency_key = ${`refund:sandbox:RF${afterSale.id}A1`}`,
    );
    expect(Number(ledger[0]!.n)).toBe(1);
    const after = await client.get(`/api/v1/orders/${order.id}`, shopper.token);
    expect(after.body.refundedFen).toBe(5000);
  });

  test("a refund the provider refuses stays visible as failed and can be retried", async () => {
    const order = await paidOrder(1299, "sbx_tx_refund_fail");
    const afterSale = await refundOneUnit(order);
    expect(afterSale).toMatchObject({ status: "refund_failed" });
    const retried = await client.post(`/api/admin/v1/after-sales/${afterSale.id}/retry-refund`, {}, owner);
    expect(retried.status).toBe(200);
    const rows = await queryRows<{ status: string; out_refund_no: string }>(
      deps.db,
      sql`select status, out_refund_no from refunds where after_sale_id = ${afterSale.id} order by id`,
    );
    expect(rows).toEqual([
      { status: "failed", out_refund_no: `RF${afterSale.id}A1` },
      { status: "failed", out_refund_no: `RF${afterSale.id}A2` },
    ]);
  });
});

describe("a refund its approving process never started (it died after the commit)", () => {
  test("the reconcile sweep starts it a minute later, once", async () => {
    const order = await paidOrder(4000, "sbx_tx_refund_unstarted");
    const started = deps.refunds!;
    deps.refunds = { start: async () => {} }; // the process stops right after the approval commits
    const afterSale = await refundOneUnit(order);
    deps.refunds = started;
    expect(afterSale).toMatchObject({ status: "refunding" });
    const { reconcilePendingRefunds } = await import("../../src/modules/payments/reconcile.ts");
    expect(await reconcilePendingRefunds(deps, ctx.clock.now())).toBe(0); // not yet: it may still start
    const later = new Date(ctx.clock.now().getTime() + 2 * 60_000);
    expect(await reconcilePendingRefunds(deps, later)).toBe(1);
    await ctx.sandbox.settle();
    expect(await reconcilePendingRefunds(deps, later)).toBe(0);
    const rows = await queryRows<{ status: string; out_refund_no: string }>(
      deps.db,
      sql`select status, out_refund_no from refunds where after_sale_id = ${afterSale.id}`,
    );
    expect(rows).toEqual([{ status: "succeeded", out_refund_no: `RF${afterSale.id}A1` }]);
    const done = await client.get(`/api/admin/v1/after-sales/${afterSale.id}`, owner);
    expect(done.body.status).toBe("refunded");
  });
});

describe("payouts through the sandbox", () => {
  test("deps.payouts sends and queries by the stable bill number", async () => {
    const account = { realName: "林小姐", account: "openid-1" };
    const sent = await deps.payouts!.send({
      withdrawalId: 1,
      outBillNo: "WD1",
      amountFen: 5000,
      method: "wechat",
      account,
    });
    expect(sent).toEqual({ status: "succeeded" });
    expect(await deps.payouts!.query("WD1")).toEqual({ status: "succeeded" });
    const failed = await deps.payouts!.send({
      withdrawalId: 2,
      outBillNo: "WD2",
      amountFen: 5099,
      method: "wechat",
      account,
    });
    expect(failed.status).toBe("failed");
  });
});

describe("an automatic refund that fails", () => {
  test("stays visible as failed; staff retry it under a new number; an after-sale's refund is not retried here", async () => {
    const product = await createProduct(ctx, owner, { skus: [{ priceFen: 1299, stock: 10 }] });
    const order = await placeOrder(ctx, shopper, [{ skuId: product.skus[0]!.id, quantity: 1 }]);
    expect(order.payableFen % 100).toBe(99); // the sandbox refuses refunds of amounts ending in 99 fen
    await client.post(`/api/v1/orders/${order.id}/cancel`, {}, shopper.token);
    const late = ctx.signPayment({
      outTradeNo: order.orderNo,
      transactionId: "sbx_tx_auto_fail",
      amountFen: order.payableFen,
      status: "paid",
      providerStatus: "SUCCESS",
      paidAtMs: ctx.clock.now().getTime(),
    });
    expect((await notify(ctx, late)).statusCode).toBe(204);
    const listed = await client.get(`/api/admin/v1/refunds?orderNo=${order.orderNo}`, owner);
    expect(listed.body.items).toEqual([
      expect.objectContaining({
        outRefundNo: "RFTsbx_tx_auto_fail",
        status: "failed",
        failureReason: "provider CLOSED",
      }),
    ]);
    const failedId = listed.body.items[0].id;

    const support = await client.createStaff(owner, "support");
    expect((await client.post(`/api/admin/v1/refunds/${failedId}/retry`, {}, support)).status).toBe(403);
    const finance = await client.createStaff(owner, "finance");
    const retried = await client.post(`/api/admin/v1/refunds/${failedId}/retry`, {}, finance);
    expect(retried.status, JSON.stringify(retried.body)).toBe(200);
    expect(retried.body).toMatchObject({ outRefundNo: `RFTsbx_tx_auto_fail-R${failedId}`, status: "failed" });
    const again = await client.get(`/api/admin/v1/refunds?orderNo=${order.orderNo}`, owner);
    expect(again.body.items).toHaveLength(2);

    const afterSaleRefund = (
      await client.get("/api/admin/v1/refunds?status=succeeded", owner)
    ).body.items.find((r: { afterSaleId: number | null }) => r.afterSaleId !== null);
    const refused = await client.post(`/api/admin/v1/refunds/${afterSaleRefund.id}/retry`, {}, finance);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("REFUND_STATE_INVALID");
  });
});

describe("the reconciliation file finance ties the provider's statement to", () => {
  test("every payment and refund of the day (and any payout), each booked in the ledger for its amount, and the day's sums", async () => {
    const today = new Date(ctx.clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
    const res = await client.get(`/api/admin/v1/exports/reconciliation.csv?from=${today}&to=${today}`, owner);
    expect(res.status).toBe(200);
    const lines = String(res.body)
      .split("\r\n")
      .filter(Boolean)
      .slice(1)
      .map((l) => l.split(","));
    const moves = await queryRows<{ kind: string; no: string; fen: number }>(
      deps.db,
      sql`select * from (
            select 1 as o, id, '收款' as kind, out_trade_no as no, amount_fen::int as fen from payments where status = 'paid'
            union all select 2, id, '退款', out_refund_no, amount_fen::int from refunds where status = 'succeeded'
            union all select 3, id, '提现打款', out_bill_no, net_fen::int from withdrawals where status = 'paid') m
          order by o, id`,
    );
    expect(moves.some((m) => m.kind === "退款")).toBe(true);
    const yuan = (fen: number) => (fen / 100).toFixed(2);
    expect(lines.map((c) => [c[2], c[3], c[6], c[7], c[9]])).toEqual(
      moves.map((m) => [m.kind, m.no, yuan(m.fen), yuan(m.fen), "一致"]),
    );
    const daily = await client.get(
      `/api/admin/v1/exports/reconciliation-daily.csv?from=${today}&to=${today}`,
      owner,
    );
    const [sums] = await queryRows<{ p: number; r: number }>(
      deps.db,
      sql`select (select sum(amount_fen)::int from payments where status = 'paid' and provider = 'sandbox') as p,
                 (select sum(amount_fen)::int from refunds where status = 'succeeded' and provider = 'sandbox') as r`,
    );
    const sandbox = String(daily.body)
      .split("\r\n")
      .find((l) => l.includes(",沙箱,"))!
      .split(",");
    expect([sandbox[3], sandbox[4], sandbox[6], sandbox[7], sandbox[10], sandbox[11]]).toEqual([
      yuan(sums!.p),
      yuan(sums!.p),
      yuan(sums!.r),
      yuan(sums!.r),
      "0.00",
      "一致",
    ]);
  });
});
