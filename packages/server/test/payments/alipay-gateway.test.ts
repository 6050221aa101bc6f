// The whole server against the fake Alipay gateway (which checks our RSA2 request signatures and signs its
// answers): a WAP pay link, TRADE_SUCCESS then TRADE_FINISHED applied once, a lost notification found by
// the sweep's alipay.trade.query, a refund by out_request_no whose later trade_status_sync changes nothing,
// a foreign seller refused, and a withdrawal by alipay.fund.trans.uni.transfer under its stable number.
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, test } from "vitest";
import { createAlipayProvider } from "../../src/adapters/payment/index.ts";
import { queryRows } from "../../src/db/client.ts";
import { reconcilePayments } from "../../src/jobs/reconcile-payments.ts";
import { createProduct, placeOrder, shopperWithAddress } from "../commerce/fixtures.ts";
import { startAlipayFake } from "../fake-gateways/alipay-gateway.ts";
import { startTestApp } from "../support/test-app.ts";
import { refundOneUnit } from "./support.ts";

const fake = await startAlipayFake();
afterAll(() => fake.close());
const alipay = createAlipayProvider({
  appId: fake.appId,
  privateKey: fake.app.privateKeyPem,
  alipayPublicKey: fake.alipay.publicKeyPem,
  sellerId: fake.sellerId,
  gatewayUrl: fake.url,
  timeoutMs: 5_000,
});
const ctx = await startTestApp({ paymentProviders: { alipay } });
const { client, deps, clock } = ctx;
deps.config.publicUrl = "https://shop.example.com";
const owner = await client.loginOwner();
const product = await createProduct(ctx, owner, { skus: [{ priceFen: 1_999, stock: 100 }] });
const shopper = await shopperWithAddress(ctx);

const rows = <T>(query: ReturnType<typeof sql>) => queryRows<T>(deps.db, query);
const orderStatus = async (id: number) =>
  (await client.get(`/api/v1/orders/${id}`, shopper.token)).body.status as string;
const notify = (body: string) =>
  ctx.app.inject({
    method: "POST",
    url: "/api/v1/payments/notify/alipay",
    headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8" },
    payload: body,
  });
const syncFields = (trade: Record<string, string>, overrides: Record<string, string> = {}) => ({
  notify_time: "2026-11-23 10:00:10",
  notify_type: "trade_status_sync",
  notify_id: `nid_${Math.random().toString(36).slice(2)}`,
  charset: "utf-8",
  version: "1.0",
  app_id: fake.appId,
  seller_id: fake.sellerId,
  trade_no: trade.trade_no!,
  out_trade_no: trade.out_trade_no!,
  buyer_id: "2088102122524333",
  trade_status: "TRADE_SUCCESS",
  total_amount: trade.total_amount!,
  gmt_payment: "2026-11-23 10:00:05",
  ...overrides,
});

async function orderWithPayLink(quantity = 1) {
  const order = await placeOrder(ctx, shopper, [{ skuId: product.skus[0]!.id, quantity }]);
  const link = await client.post(
    `/api/v1/orders/${order.orderNo}/pay`,
    { provider: "alipay" },
    shopper.token,
  );
  expect(link.status, JSON.stringify(link.body)).toBe(200);
  return { order, url: new URL(link.body.url as string) };
}

describe("paying by Alipay WAP", () => {
  test("a signed wap.pay link; TRADE_SUCCESS pays, TRADE_FINISHED after it is the same payment", async () => {
    const { order, url } = await orderWithPayLink();
    const params = Object.fromEntries(url.searchParams);
    expect(url.origin + url.pathname).toBe(fake.url);
    expect(fake.verifyParams(params)).toBe(true);
    expect(params).toMatchObject({
      method: "alipay.trade.wap.pay",
      app_id: fake.appId,
      sign_type: "RSA2",
      notify_url: "https://shop.example.com/api/v1/payments/notify/alipay",
    });
    expect(JSON.parse(params.biz_content!)).toMatchObject({
      out_trade_no: order.orderNo,
      total_amount: "19.99",
      product_code: "QUICK_WAP_WAY",
    });

    const trade = fake.markPaid(order.orderNo, "19.99");
    const paid = await notify(fake.notification(syncFields(trade)));
    expect([paid.statusCode, paid.body]).toEqual([200, "success"]);
    expect(await orderStatus(order.id)).toBe("paid");
    const finished = await notify(fake.notification(syncFields(trade, { trade_status: "TRADE_FINISHED" })));
    expect(finished.body).toBe("success");
    expect(await rows(sql`select 1 from payments where order_no = ${order.orderNo}`)).toHaveLength(1);
    expect(
      await rows(sql`select 1 from order_events where kind = 'pay' and order_id = ${order.id}`),
    ).toHaveLength(1);
  });

  test("another seller's notification is refused with 'fail' and changes nothing", async () => {
    const { order } = await orderWithPayLink();
    const trade = fake.markPaid(order.orderNo, "19.99");
    const foreign = await notify(fake.notification(syncFields(trade, { seller_id: "2088999999999999" })));
    expect(foreign.body).not.toBe("success");
    expect(await orderStatus(order.id)).toBe("pending_payment");
    const [event] = await rows<{ reason: string }>(
      sql`select reason from provider_events order by id desc limit 1`,
    );
    expect(event!.reason).toContain("NOTIFY_MERCHANT_MISMATCH");
  });

  test("a lost notification is found by the sweep's trade query", async () => {
    const { order } = await orderWithPayLink();
    fake.markPaid(order.orderNo, "19.99");
    clock.advance(6 * 60_000);
    await reconcilePayments.run(deps, clock.now());
    expect(await orderStatus(order.id)).toBe("paid");
  });
});

describe("refunds and payouts through Alipay", () => {
  test("a refund by out_request_no is done at once; Alipay's later trade_status_sync about it changes nothing", async () => {
    const { order } = await orderWithPayLink(2);
    const trade = fake.markPaid(order.orderNo, "39.98");
    expect((await notify(fake.notification(syncFields(trade)))).body).toBe("success");
    const afterSale = await refundOneUnit(ctx, owner, shopper, order);
    expect(afterSale.status).toBe("refunded");
    expect(fake.refunds.get(`${order.orderNo}|RF${afterSale.id}A1`)).toMatchObject({
      refund_amount: "19.99",
    });

    const sync = syncFields(trade, {
      out_biz_no: `RF${afterSale.id}A1`,
      refund_fee: "19.99",
      gmt_refund: "2026-11-23 10:05:00.123",
    });
    expect((await notify(fake.notification(sync))).body).toBe("success");
    expect(await orderStatus(order.id)).toBe("paid");
    expect((await client.get(`/api/v1/orders/${order.id}`, shopper.token)).body.refundedFen).toBe(1_999);
    expect(await rows(sql`select 1 from payments where order_no = ${order.orderNo}`)).toHaveLength(1);
    expect(await rows(sql`select 1 from refunds where order_no = ${order.orderNo}`)).toHaveLength(1);
  });

  test("an alipay_api withdrawal is a uni.transfer under its number; the query reads it back", async () => {
    const account = { realName: "李四", account: "distributor@example.com" };
    const send = {
      withdrawalId: 9,
      outBillNo: "LBWD0000alipay9",
      amountFen: 10_050,
      method: "alipay_api",
      account,
    };
    expect(await deps.payouts!.send(send)).toEqual({ status: "succeeded" });
    expect(await deps.payouts!.send(send)).toEqual({ status: "succeeded" }); // same number: one transfer
    expect(fake.transfers.size).toBe(1);
    expect(fake.transfers.get("LBWD0000alipay9")).toMatchObject({
      trans_amount: "100.50",
      payee_name: "李四",
    });
    expect(await deps.payouts!.query("LBWD0000alipay9", "alipay_api")).toEqual({ status: "succeeded" });
  });
});
