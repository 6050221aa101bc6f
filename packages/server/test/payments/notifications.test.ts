// Payment notifications end to end: the sandbox pay page pays an order through HTTP; duplicates, tampering
// and wrong amounts are refused or ignored; a payment for a closed order is refunded automatically.
import { sql } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { queryRows } from "../../src/db/client.ts";
import { createProduct, placeOrder, shopperWithAddress } from "../commerce/fixtures.ts";
import { notify, startPaymentsApp } from "./support.ts";

const ctx = await startPaymentsApp();
const { client, deps } = ctx;
const owner = await client.loginOwner();
const product = await createProduct(ctx, owner, { skus: [{ priceFen: 12_300, stock: 100 }] });
const shopper = await shopperWithAddress(ctx);

const newOrder = () => placeOrder(ctx, shopper, [{ skuId: product.skus[0]!.id, quantity: 1 }]);
const orderOf = async (id: number) => (await client.get(`/api/v1/orders/${id}`, shopper.token)).body;
const count = async (query: ReturnType<typeof sql>) =>
  Number((await queryRows<{ n: number }>(deps.db, query))[0]!.n);
/** The sandbox pay link's query for the shopper's order, as the pay page receives it. */
const sandboxLinkOf = async (order: { orderNo: string }) => {
  const link = await client.post(
    `/api/v1/orders/${order.orderNo}/pay`,
    { provider: "sandbox" },
    shopper.token,
  );
  expect(link.status, JSON.stringify(link.body)).toBe(200);
  return Object.fromEntries(new URL(link.body.url, "http://shop.local").searchParams);
};
const paidResource = (
  order: { orderNo: string; payableFen: number },
  transactionId: string,
  amountFen = order.payableFen,
) => ({
  outTradeNo: order.orderNo,
  transactionId,
  amountFen,
  status: "paid",
  providerStatus: "SUCCESS",
  paidAtMs: ctx.clock.now().getTime(),
});

describe("paying through the sandbox", () => {
  test("pay link → sandbox page → paid order, payment row and ledger", async () => {
    const order = await newOrder();
    const link = await client.post(
      `/api/v1/orders/${order.orderNo}/pay`,
      { provider: "sandbox" },
      shopper.token,
    );
    expect(link.status, JSON.stringify(link.body)).toBe(200);
    expect(link.body.kind).toBe("redirect");
    const url = new URL(link.body.url, "http://shop.local");
    expect(url.pathname).toBe("/pay/sandbox");
    const query = Object.fromEntries(url.searchParams);
    const checked = await client.get(`/api/v1/pay/sandbox/check?${url.searchParams}`);
    expect(checked.body).toMatchObject({ outTradeNo: order.orderNo, amountFen: order.payableFen });

    const forged = await client.get(
      `/api/v1/pay/sandbox/check?${new URLSearchParams({ ...query, amount: "1" })}`,
    );
    expect(forged.status).toBe(422);
    expect(JSON.stringify(forged.body)).toContain("PAY_LINK_INVALID");

    const done = await client.post(
      "/api/v1/pay/sandbox/complete",
      { ...query, result: "paid" },
      shopper.token,
    );
    expect(done.body, JSON.stringify(done.body)).toMatchObject({ orderNo: order.orderNo, paid: true });
    expect((await orderOf(order.id)).status).not.toBe("pending_payment");
    const rows = await queryRows<{ status: string; transaction_id: string }>(
      deps.db,
      sql`select status, transaction_id from payments where order_no = ${order.orderNo}`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.status).toBe("paid");
    expect(
      await count(
        sql`select count(*) n from ledger_transactions where idempotency_key = ${`pay:sandbox:${rows[0]!.transaction_id}`}`,
      ),
    ).toBe(1);
  });

  test("the sandbox page's signed notification is applied in this process, not sent to the public URL", async () => {
    const publicUrl = deps.config.publicUrl;
    deps.config.publicUrl = "http://127.0.0.1:9"; // nothing listens there
    try {
      const order = await newOrder();
      const query = await sandboxLinkOf(order);
      const done = await client.post(
        "/api/v1/pay/sandbox/complete",
        { ...query, result: "paid" },
        shopper.token,
      );
      expect(done.body, JSON.stringify(done.body)).toMatchObject({ orderNo: order.orderNo, paid: true });
      // verified and logged like any provider's notification
      expect(
        await count(
          sql`select count(*) n from provider_events where order_no = ${order.orderNo} and outcome = 'paid'`,
        ),
      ).toBe(1);
    } finally {
      deps.config.publicUrl = publicUrl;
    }
  });

  test("choosing fail on the sandbox page leaves the order unpaid and the payment failed", async () => {
    const order = await newOrder();
    const query = await sandboxLinkOf(order);
    const done = await client.post(
      "/api/v1/pay/sandbox/complete",
      { ...query, result: "failed" },
      shopper.token,
    );
    expect(done.body).toMatchObject({ orderNo: order.orderNo, status: "pending_payment", paid: false });
    const rows = await queryRows<{ status: string }>(
      deps.db,
      sql`select status from payments where order_no = ${order.orderNo}`,
    );
    expect(rows).toEqual([{ status: "failed" }]);
  });

  test("1,000 concurrent duplicates of one payment: one paid transition, one row, one ledger posting", async () => {
    const order = await newOrder();
    const resource = paidResource(order, "sbx_tx_dup_1000");
    // The same delivery re-sent verbatim is a replay; WeChat-style re-deliveries carry new nonces.
    const replayed = ctx.signPayment(resource);
    const copies = [replayed, ...Array.from({ length: 999 }, () => ctx.signPayment(resource))];
    const answers = await Promise.all([...copies, replayed].map((signed) => notify(ctx, signed)));
    expect(answers.filter((a) => a.statusCode === 204)).toHaveLength(1000);
    expect(answers.filter((a) => a.statusCode !== 204)).toHaveLength(1);
    expect(
      await count(sql`select count(*) n from order_events where order_id = ${order.id} and kind = 'pay'`),
    ).toBe(1);
    expect(
      await count(sql`select count(*) n from payments where order_no = ${order.orderNo} and status = 'paid'`),
    ).toBe(1);
    expect(
      await count(
        sql`select count(*) n from ledger_transactions where idempotency_key = 'pay:sandbox:sbx_tx_dup_1000'`,
      ),
    ).toBe(1);
    expect(
      await count(
        sql`select count(*) n from provider_events where transaction_id = 'sbx_tx_dup_1000' and outcome = 'paid'`,
      ),
    ).toBe(1);
  });

  test("a tampered signature is refused, logged, and changes nothing", async () => {
    const order = await newOrder();
    const signed = ctx.signPayment(paidResource(order, "sbx_tx_tampered"));
    const tampered = {
      ...signed,
      body: signed.body.replace(String(order.payableFen), String(order.payableFen - 1)),
    };
    const answer = await notify(ctx, tampered);
    expect(answer.statusCode).toBeGreaterThanOrEqual(400);
    expect((await orderOf(order.id)).status).toBe("pending_payment");
    expect(
      await count(
        sql`select count(*) n from provider_events where outcome = 'refused' and reason like 'NOTIFY_SIGNATURE_INVALID%'`,
      ),
    ).toBeGreaterThan(0);
  });

  test("a wrong amount is refused and recorded for the merchant", async () => {
    const order = await newOrder();
    const answer = await notify(ctx, ctx.signPayment(paidResource(order, "sbx_tx_wrong_amount", 1)));
    expect(answer.statusCode).toBeGreaterThanOrEqual(400);
    expect((await orderOf(order.id)).status).toBe("pending_payment");
    const events = await queryRows<{ outcome: string; reason: string }>(
      deps.db,
      sql`select outcome, reason from provider_events where transaction_id = 'sbx_tx_wrong_amount'`,
    );
    expect(events).toEqual([
      { outcome: "amount_mismatch", reason: `amount 1 ≠ payable ${order.payableFen}` },
    ]);
    expect(
      await count(sql`select count(*) n from payments where transaction_id = 'sbx_tx_wrong_amount'`),
    ).toBe(0);
  });

  test("a payment for a cancelled order is recorded and refunded automatically", async () => {
    const order = await newOrder();
    const cancelled = await client.post(`/api/v1/orders/${order.id}/cancel`, {}, shopper.token);
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    const answer = await notify(ctx, ctx.signPayment(paidResource(order, "sbx_tx_late")));
    expect(answer.statusCode).toBe(204);
    const refunds = await queryRows<{ status: string; reason: string; amount_fen: number }>(
      deps.db,
      sql`select status, reason, amount_fen from refunds where order_no = ${order.orderNo}`,
    );
    expect(refunds).toHaveLength(1);
    expect(refunds[0]).toMatchObject({ status: "succeeded", amount_fen: order.payableFen });
    expect(refunds[0]!.reason).toContain("automatic: order is");
  });
});

describe("a second charge for a paid order", () => {
  test("is recorded and refunded automatically; the order keeps its first payment", async () => {
    const order = await newOrder();
    expect((await notify(ctx, ctx.signPayment(paidResource(order, "sbx_tx_first")))).statusCode).toBe(204);
    expect((await notify(ctx, ctx.signPayment(paidResource(order, "sbx_tx_second")))).statusCode).toBe(204);
    const refunds = await queryRows<{ status: string; reason: string }>(
      deps.db,
      sql`select status, reason from refunds where order_no = ${order.orderNo}`,
    );
    expect(refunds).toEqual([
      { status: "succeeded", reason: "automatic: order already paid by sbx_tx_first" },
    ]);
    expect(
      await count(sql`select count(*) n from order_events where order_id = ${order.id} and kind = 'pay'`),
    ).toBe(1);
  });
});

describe("the merchant's records", () => {
  test("payments, refunds and the daily report need payments.read", async () => {
    const finance = await client.createStaff(owner, "finance");
    const support = await client.createStaff(owner, "support");
    expect((await client.get("/api/admin/v1/payments", support)).status).toBe(403);

    const first = await client.get("/api/admin/v1/payments?limit=2&status=paid", finance);
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(2);
    const rest = await client.get(
      `/api/admin/v1/payments?limit=4&status=paid&cursor=${first.body.nextCursor}`,
      finance,
    );
    expect(rest.body.items).toHaveLength(4);
    expect(rest.body.nextCursor).toBeNull();

    const refunds = await client.get("/api/admin/v1/refunds?provider=sandbox", finance);
    expect(refunds.body.items).toHaveLength(2);
    expect(refunds.body.items[0]).toMatchObject({ status: "succeeded", afterSaleId: null });

    const report = await client.get("/api/admin/v1/payments/report?date=2026-11-23", finance);
    expect(report.body.payments).toEqual([{ provider: "sandbox", count: 6, totalFen: expect.any(Number) }]);
    expect(report.body.refunds).toEqual([
      { provider: "sandbox", count: 2, totalFen: refunds.body.items[0].amountFen * 2 },
    ]);
    const other = await client.get("/api/admin/v1/payments/report?date=2026-11-22", finance);
    expect(other.body).toEqual({ date: "2026-11-22", payments: [], refunds: [], payouts: [] });
  });
});

describe("placing an order with its payment in one request", () => {
  const place = (pay: unknown, key: string) =>
    client.post(
      "/api/v1/orders",
      { items: [{ skuId: product.skus[0]!.id, quantity: 1 }], addressId: shopper.addressId, pay },
      shopper.token,
      { "idempotency-key": key },
    );

  test("answers the order and its pay link; paying it pays the order; a repeat answers the paid order", async () => {
    const key = `pay-on-place-${Date.now()}`;
    const placed = await place({ provider: "sandbox" }, key);
    expect(placed.status, JSON.stringify(placed.body)).toBe(201);
    expect(placed.body.status).toBe("pending_payment");
    expect(placed.body.payment.kind).toBe("redirect");
    const url = new URL(placed.body.payment.url, "http://shop.local");
    expect(url.searchParams.get("tradeNo")).toBe(placed.body.orderNo);
    expect(url.searchParams.get("amount")).toBe(String(placed.body.payableFen));
    const done = await client.post(
      "/api/v1/pay/sandbox/complete",
      { ...Object.fromEntries(url.searchParams), result: "paid" },
      shopper.token,
    );
    expect(done.body).toMatchObject({ orderNo: placed.body.orderNo, paid: true });
    // the client retries the same request (a lost answer): the same order, paid, and no second payment step
    const again = await place({ provider: "sandbox" }, key);
    expect(again.status).toBe(201);
    expect(again.headers["idempotent-replayed"]).toBe("true");
    expect(again.body.id).toBe(placed.body.id);
    expect(again.body.status).not.toBe("pending_payment");
    expect(again.body.payment).toBeUndefined();
  });

  test("a provider the shop has not switched on: the order stands, unpaid, and the answer says why", async () => {
    const before = await count(sql`select count(*) n from orders`);
    const placed = await place({ provider: "alipay" }, `pay-off-${Date.now()}`);
    expect(placed.status, JSON.stringify(placed.body)).toBe(201);
    expect(placed.body.status).toBe("pending_payment");
    expect(placed.body.payment).toBeUndefined();
    expect(placed.body.paymentError.code).toBe("PAYMENT_PROVIDER_UNAVAILABLE");
    expect(await count(sql`select count(*) n from orders`)).toBe(before + 1);
    expect(await count(sql`select count(*) n from payments where order_no = ${placed.body.orderNo}`)).toBe(0);
  });

  test("the shop balance cannot be chosen at placing (its part depends on the final total): 422, no order", async () => {
    const before = await count(sql`select count(*) n from orders`);
    const placed = await place({ provider: "balance" }, `pay-bal-${Date.now()}`);
    expect(placed.status).toBe(422);
    expect(placed.body.error.code).toBe("VALIDATION_FAILED");
    expect(await count(sql`select count(*) n from orders`)).toBe(before);
  });
});

describe("whose pay link it is", () => {
  test("the pay link is the buyer's: another shopper cannot complete it, nor make it theirs by editing it", async () => {
    const order = await newOrder();
    const query = await sandboxLinkOf(order);
    const stranger = await shopperWithAddress(ctx);
    const theirs = await client.post(
      "/api/v1/pay/sandbox/complete",
      { ...query, result: "paid" },
      stranger.token,
    );
    expect(theirs.status).toBe(404);
    const edited = await client.post(
      "/api/v1/pay/sandbox/complete",
      { ...query, payer: String(stranger.userId), result: "paid" },
      stranger.token,
    );
    expect(edited.status).toBe(422);
    expect(JSON.stringify(edited.body)).toContain("PAY_LINK_INVALID");
    expect((await orderOf(order.id)).status).toBe("pending_payment");
    const mine = await client.post(
      "/api/v1/pay/sandbox/complete",
      { ...query, result: "paid" },
      shopper.token,
    );
    expect(mine.body).toMatchObject({ orderNo: order.orderNo, paid: true });
  });
});
