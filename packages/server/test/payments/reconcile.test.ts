// The reconcile sweep and notifications out of order, through the sandbox: a payment whose notification is
// lost is applied by the sweep; a refund that completes before the payment's own (late) notification arrives
// stays refunded; a stale "failed" after the payment changes nothing; money for a cancelled order found by the
// sweep is refunded automatically.
import { sql } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { queryRows } from "../../src/db/client.ts";
import { reconcilePayments } from "../../src/jobs/reconcile-payments.ts";
import { reconcilePendingPayments } from "../../src/modules/payments/reconcile.ts";
import { createProduct, placeOrder, shopperWithAddress } from "../commerce/fixtures.ts";
import { notify, notifyRefund, refundOneUnit, startPaymentsApp } from "./support.ts";

const ctx = await startPaymentsApp();
const { client, deps, clock, sandbox } = ctx;
const owner = await client.loginOwner();
const product = await createProduct(ctx, owner, { skus: [{ priceFen: 8_800, stock: 100 }] });
const shopper = await shopperWithAddress(ctx);

const sweep = () => reconcilePayments.run(deps, clock.now());
const count = async (query: ReturnType<typeof sql>) =>
  Number((await queryRows<{ n: number }>(deps.db, query))[0]!.n);
const orderStatus = async (id: number) =>
  (await client.get(`/api/v1/orders/${id}`, shopper.token)).body.status as string;

/** An order with a pay request at the sandbox (its pending payment row dated now). */
async function orderWithPayRequest() {
  const order = await placeOrder(ctx, shopper, [{ skuId: product.skus[0]!.id, quantity: 1 }]);
  const link = await client.post(
    `/api/v1/orders/${order.orderNo}/pay`,
    { provider: "sandbox" },
    shopper.token,
  );
  expect(link.status, JSON.stringify(link.body)).toBe(200);
  return order;
}

describe("a payment whose notification never arrives", () => {
  test("is applied by the sweep once it is 5 minutes old, exactly once", async () => {
    const order = await orderWithPayRequest();
    const paid = await sandbox.simulate({ outTradeNo: order.orderNo, result: "paid", deliver: "never" });
    expect(paid.ok && paid.deliveries).toEqual([]);
    const transactionId = paid.ok ? paid.payment.transactionId : null;
    expect(await orderStatus(order.id)).toBe("pending_payment");

    clock.advance(4 * 60_000);
    await sweep();
    expect(await orderStatus(order.id)).toBe("pending_payment");

    clock.advance(2 * 60_000);
    expect(await sweep()).toBeGreaterThanOrEqual(1);
    expect(await orderStatus(order.id)).toBe("paid");
    const rows = await queryRows<{ status: string; transaction_id: string }>(
      deps.db,
      sql`select status, transaction_id from payments where order_no = ${order.orderNo}`,
    );
    expect(rows).toEqual([{ status: "paid", transaction_id: transactionId }]);

    // A second sweep (or one in another process) finds nothing to do.
    await sweep();
    expect(
      await count(
        sql`select count(*) n from ledger_transactions where idempotency_key = ${`pay:sandbox:${transactionId}`}`,
      ),
    ).toBe(1);
    expect(
      await count(sql`select count(*) n from order_events where order_id = ${order.id} and kind = 'pay'`),
    ).toBe(1);
  });

  test("a trade still unpaid is left pending and asked about again", async () => {
    const order = await orderWithPayRequest();
    clock.advance(6 * 60_000);
    await sweep();
    expect(await orderStatus(order.id)).toBe("pending_payment");
    expect(
      await count(
        sql`select count(*) n from payments where order_no = ${order.orderNo} and status = 'pending'`,
      ),
    ).toBe(1);
  });

  test("abandoned pay requests cannot starve a newer lost notification: the longest-unasked go first", async () => {
    for (let i = 0; i < 3; i++) await orderWithPayRequest(); // never paid
    clock.advance(60_000);
    const lost = await orderWithPayRequest();
    await sandbox.simulate({ outTradeNo: lost.orderNo, result: "paid", deliver: "never" });
    clock.advance(6 * 60_000);
    const pending = await count(sql`select count(*) n from payments where status = 'pending'`);
    // Two trades per sweep: with oldest-first the paid one, the newest, would never be reached.
    for (let i = 0; i < Math.ceil(pending / 2); i++) {
      clock.advance(60_000);
      await reconcilePendingPayments(deps, clock.now(), 2);
    }
    expect(await orderStatus(lost.id)).toBe("paid");
  });

  test("money the sweep finds for a cancelled order is refunded automatically, with the reason", async () => {
    const order = await orderWithPayRequest();
    expect((await client.post(`/api/v1/orders/${order.id}/cancel`, {}, shopper.token)).status).toBe(200);
    await sandbox.simulate({ outTradeNo: order.orderNo, result: "paid", deliver: "never" });
    clock.advance(6 * 60_000);
    await sweep();
    expect(await orderStatus(order.id)).toBe("cancelled");
    const refunds = await queryRows<{ status: string; reason: string; amount_fen: number }>(
      deps.db,
      sql`select status, reason, amount_fen from refunds where order_no = ${order.orderNo}`,
    );
    expect(refunds).toEqual([
      { status: "succeeded", reason: "automatic: order is cancelled", amount_fen: order.payableFen },
    ]);
  });
});

describe("notifications out of order", () => {
  test("refund done before the payment's own notification: the late payment notification changes nothing", async () => {
    const order = await orderWithPayRequest();
    await sandbox.simulate({ outTradeNo: order.orderNo, result: "paid", deliver: "never" });
    clock.advance(6 * 60_000);
    await sweep();
    expect(await orderStatus(order.id)).toBe("paid");

    const afterSale = await refundOneUnit(ctx, owner, shopper, order);
    expect(afterSale.status).toBe("refunded");
    await sandbox.settle(); // the sandbox's REFUND.SUCCESS notification reached our refund route
    expect(await orderStatus(order.id)).toBe("refunded");
    const refundEvents = await queryRows<{ outcome: string }>(
      deps.db,
      sql`select outcome from provider_events where kind = 'refund' and order_no = ${order.orderNo}`,
    );
    expect(refundEvents).toEqual([{ outcome: "succeeded" }]);

    // Now the payment notification finally arrives (the sandbox re-delivers the same paid trade).
    const late = await sandbox.simulate({ outTradeNo: order.orderNo, result: "paid", deliver: "once" });
    expect(late.ok && late.deliveries[0]).toMatchObject({ delivered: true, status: 204 });
    expect(await orderStatus(order.id)).toBe("refunded");
    expect(await count(sql`select count(*) n from payments where order_no = ${order.orderNo}`)).toBe(1);
    expect(await count(sql`select count(*) n from refunds where order_no = ${order.orderNo}`)).toBe(1);
    expect(
      await count(
        sql`select count(*) n from provider_events where order_no = ${order.orderNo} and kind = 'payment' and outcome = 'duplicate'`,
      ),
    ).toBe(1);
  });

  test("a stale 'failed' delivered after the payment leaves the order paid", async () => {
    const order = await orderWithPayRequest();
    const paid = await sandbox.simulate({ outTradeNo: order.orderNo, result: "paid", deliver: "once" });
    expect(await orderStatus(order.id)).toBe("paid");
    const stale = ctx.signPayment(
      {
        outTradeNo: order.orderNo,
        transactionId: null,
        amountFen: order.payableFen,
        status: "failed",
        providerStatus: "PAYERROR",
        paidAtMs: null,
      },
      "evt_stale_failure",
    );
    expect((await notify(ctx, stale)).statusCode).toBe(204);
    expect(await orderStatus(order.id)).toBe("paid");
    const rows = await queryRows<{ status: string; transaction_id: string }>(
      deps.db,
      sql`select status, transaction_id from payments where order_no = ${order.orderNo}`,
    );
    expect(rows).toEqual([{ status: "paid", transaction_id: paid.ok ? paid.payment.transactionId : "" }]);
  });

  test("a refund notification for a refund we never asked for is refused, logged, and changes nothing", async () => {
    const order = await orderWithPayRequest();
    await sandbox.simulate({ outTradeNo: order.orderNo, result: "paid", deliver: "once" });
    const answer = await notifyRefund(
      ctx,
      ctx.signRefund({
        outTradeNo: order.orderNo,
        outRefundNo: "RF_NOT_OURS",
        refundId: "sbx_rf_x",
        refundFen: order.payableFen,
        status: "succeeded",
        providerStatus: "SUCCESS",
        succeededAtMs: clock.now().getTime(),
      }),
    );
    expect(answer.statusCode).toBeGreaterThanOrEqual(400);
    expect(await orderStatus(order.id)).toBe("paid");
    const events = await queryRows<{ outcome: string; reason: string }>(
      deps.db,
      sql`select outcome, reason from provider_events where kind = 'refund' and order_no = ${order.orderNo}`,
    );
    expect(events).toEqual([{ outcome: "unknown_refund", reason: "no refund RF_NOT_OURS" }]);
  });

  test("a refund notification repeated, or with another amount, applies once or not at all", async () => {
    const order = await orderWithPayRequest();
    await sandbox.simulate({ outTradeNo: order.orderNo, result: "paid", deliver: "once" });
    const afterSale = await refundOneUnit(ctx, owner, shopper, order);
    await sandbox.settle();
    const outRefundNo = `RF${afterSale.id}A1`;
    const resource = (refundFen: number) => ({
      outTradeNo: order.orderNo,
      outRefundNo,
      refundId: "sbx_rf_again",
      refundFen,
      status: "succeeded",
      providerStatus: "SUCCESS",
      succeededAtMs: clock.now().getTime(),
    });
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => notifyRefund(ctx, ctx.signRefund(resource(order.payableFen)))),
    );
    expect(answers.map((a) => a.statusCode)).toEqual([204, 204, 204, 204, 204]);
    const wrong = await notifyRefund(ctx, ctx.signRefund(resource(order.payableFen + 1)));
    expect(wrong.statusCode).toBeGreaterThanOrEqual(400);
    expect(
      await count(
        sql`select count(*) n from ledger_transactions where idempotency_key = ${`refund:sandbox:${outRefundNo}`}`,
      ),
    ).toBe(1);
    const after = (await client.get(`/api/v1/orders/${order.id}`, shopper.token)).body;
    expect(after.refundedFen).toBe(order.payableFen);
    expect(
      await count(
        sql`select count(*) n from provider_events where kind = 'refund' and order_no = ${order.orderNo} and outcome = 'amount_mismatch'`,
      ),
    ).toBe(1);
  });
});
