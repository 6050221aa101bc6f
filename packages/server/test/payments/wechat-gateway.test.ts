// The whole server against the fake WeChat Pay v3 gateway (which checks our request signatures and signs its
// answers): an H5 payment found by the reconcile sweep's query, refunds that the synchronous answer only
// "accepts" and a notification or the sweep completes, a refund whose call failed re-sent under the SAME
// number, and a distributor's withdrawal paid by merchant transfer (transfer bills) with query-before-retry.
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, test } from "vitest";
import { createWechatPayProvider } from "../../src/adapters/payment/index.ts";
import { queryRows } from "../../src/db/client.ts";
import { pollPayouts } from "../../src/jobs/poll-payouts.ts";
import { reconcilePayments } from "../../src/jobs/reconcile-payments.ts";
import { releaseDueCommissions } from "../../src/modules/commissions/lifecycle.ts";
import { createProduct, placeOrder, SHENZHEN } from "../commerce/fixtures.ts";
import { DAY, distributor, enableDistribution, shipAndReceive, wallet } from "../distribution/support.ts";
import { startWechatPayFake } from "../fake-gateways/wechat-pay-gateway.ts";
import { startTestApp } from "../support/test-app.ts";
import { refundOneUnit } from "./support.ts";

const fake = await startWechatPayFake();
afterAll(() => fake.close());
// The adapter signs with the real clock (the fake checks ±5 min against it); the app's clock is the test's.
const wechat = createWechatPayProvider({
  mchid: fake.mchid,
  appid: fake.appid,
  merchantSerial: fake.merchantSerial,
  merchantPrivateKeyPem: fake.merchant.privateKeyPem,
  apiV3Key: fake.apiV3Key,
  wechatpayPublicKeys: { [fake.publicKeyId]: fake.platform.publicKeyPem },
  baseUrl: fake.url,
  timeoutMs: 3_000,
});
const ctx = await startTestApp({ paymentProviders: { wechat } });
const { client, deps, clock } = ctx;
ctx.deps.config.publicUrl = "https://shop.example.com";
const owner = await client.loginOwner();
const product = await createProduct(ctx, owner, { skus: [{ priceFen: 10_000, stock: 100 }] });

const sweep = () => reconcilePayments.run(deps, clock.now());
const rows = <T>(query: ReturnType<typeof sql>) => queryRows<T>(deps.db, query);
const withdrawalStatus = async (id: number) =>
  (await rows<{ status: string }>(sql`select status from withdrawals where id = ${id}`))[0]?.status;
const sent = (path: string) => fake.accepted.filter((r) => r.method === "POST" && r.path === path);

async function buyerFor(ref?: string) {
  const shopper = await client.registerShopper(ref ? { ref } : {});
  const address = await client.post(
    "/api/v1/addresses",
    { name: "林小姐", phone: "13912340000", ...SHENZHEN, detail: "科技园 1 号" },
    shopper.token,
  );
  return { ...shopper, addressId: address.body.id as number };
}

async function notifyWechat(path: string, n: { headers: Record<string, string>; rawBody: Buffer }) {
  return ctx.app.inject({
    method: "POST",
    url: path,
    headers: { ...n.headers, "content-type": "application/json" },
    payload: n.rawBody,
  });
}

/** An order paid through WeChat H5 whose notification is lost; the sweep finds it by query. */
async function paidBySweep(buyer: Awaited<ReturnType<typeof buyerFor>>) {
  const order = await placeOrder(ctx, buyer, [{ skuId: product.skus[0]!.id, quantity: 2 }]);
  const pay = await client.post(`/api/v1/orders/${order.orderNo}/pay`, { provider: "wechat" }, buyer.token);
  expect(pay.status, JSON.stringify(pay.body)).toBe(200);
  const trade = fake.markPaid(order.orderNo);
  clock.advance(6 * 60_000);
  await sweep();
  return { order, trade };
}

describe("paying by WeChat H5", () => {
  test("the pay request is signed and complete; a lost notification is found by the sweep; the late one is a no-op", async () => {
    const buyer = await buyerFor();
    const order = await placeOrder(ctx, buyer, [{ skuId: product.skus[0]!.id, quantity: 1 }]);
    const pay = await client.post(`/api/v1/orders/${order.orderNo}/pay`, { provider: "wechat" }, buyer.token);
    expect(pay.body).toMatchObject({ kind: "redirect" });
    expect(pay.body.url).toContain("https://wx.tenpay.com/");
    expect(sent("/v3/pay/transactions/h5").at(-1)?.body).toMatchObject({
      appid: fake.appid,
      mchid: fake.mchid,
      out_trade_no: order.orderNo,
      // what the shopper's WeChat cashier shows: the item bought, not the order number
      description: "测试商品",
      notify_url: "https://shop.example.com/api/v1/payments/notify/wechat",
      amount: { total: order.payableFen, currency: "CNY" },
      scene_info: { payer_client_ip: "127.0.0.1", h5_info: { type: "Wap" } },
    });

    const trade = fake.markPaid(order.orderNo);
    clock.advance(6 * 60_000);
    await sweep();
    const queried = fake.accepted.filter(
      (r) => r.method === "GET" && r.path === `/v3/pay/transactions/out-trade-no/${order.orderNo}`,
    );
    expect(queried).toHaveLength(1);
    expect((await client.get(`/api/v1/orders/${order.id}`, buyer.token)).body.status).toBe("paid");

    const late = fake.notification({
      eventType: "TRANSACTION.SUCCESS",
      originalType: "transaction",
      plain: trade,
      nowMs: clock.now().getTime(),
    });
    expect((await notifyWechat("/api/v1/payments/notify/wechat", late)).statusCode).toBe(204);
    const payments = await rows<{ status: string; transaction_id: string }>(
      sql`select status, transaction_id from payments where order_no = ${order.orderNo}`,
    );
    expect(payments).toEqual([{ status: "paid", transaction_id: trade.transaction_id }]);
  });
});

describe("refunds through WeChat", () => {
  test("accepted (PROCESSING) then completed by the REFUND.SUCCESS notification, once however often it comes", async () => {
    const buyer = await buyerFor();
    const { order } = await paidBySweep(buyer);
    const afterSale = await refundOneUnit(ctx, owner, buyer, order);
    expect(afterSale.status).toBe("refunding");
    const outRefundNo = `RF${afterSale.id}A1`;
    expect(sent("/v3/refund/domestic/refunds").at(-1)?.body).toMatchObject({
      out_trade_no: order.orderNo,
      out_refund_no: outRefundNo,
      notify_url: "https://shop.example.com/api/v1/payments/notify/wechat/refund",
      amount: { refund: 10_000, total: order.payableFen, currency: "CNY" },
    });

    const plain = fake.markRefunded(outRefundNo);
    const delivery = () =>
      fake.notification({
        eventType: "REFUND.SUCCESS",
        originalType: "refund",
        plain,
        nowMs: clock.now().getTime(),
      });
    const answers = await Promise.all(
      [1, 2, 3].map(() => notifyWechat("/api/v1/payments/notify/wechat/refund", delivery())),
    );
    expect(answers.map((a) => a.statusCode)).toEqual([204, 204, 204]);
    expect((await client.get(`/api/admin/v1/after-sales/${afterSale.id}`, owner)).body.status).toBe(
      "refunded",
    );
    const ledger = await rows<{ n: number }>(
      sql`select count(*) n from ledger_transactions where idempotency_key = ${`refund:wechat:${outRefundNo}`}`,
    );
    expect(Number(ledger[0]!.n)).toBe(1);
    expect((await client.get(`/api/v1/orders/${order.id}`, buyer.token)).body.refundedFen).toBe(10_000);

    // A payment notification posted to the refund route is not read as a refund.
    const wrongKind = fake.notification({
      eventType: "TRANSACTION.SUCCESS",
      originalType: "transaction",
      plain: { mchid: fake.mchid },
      nowMs: clock.now().getTime(),
    });
    expect((await notifyWechat("/api/v1/payments/notify/wechat/refund", wrongKind)).statusCode).toBe(400);
  });

  test("with no notification, the sweep's refund query completes it", async () => {
    const buyer = await buyerFor();
    const { order } = await paidBySweep(buyer);
    const afterSale = await refundOneUnit(ctx, owner, buyer, order);
    fake.markRefunded(`RF${afterSale.id}A1`);
    clock.advance(2 * 60_000);
    await sweep();
    expect((await client.get(`/api/admin/v1/after-sales/${afterSale.id}`, owner)).body.status).toBe(
      "refunded",
    );
    expect((await client.get(`/api/v1/orders/${order.id}`, buyer.token)).body.refundedFen).toBe(10_000);
  });

  test("a refund call that fails (500) stays pending and visible, and the sweep re-sends the SAME number", async () => {
    const buyer = await buyerFor();
    const { order } = await paidBySweep(buyer);
    fake.behaviour.failNext = 1;
    const afterSale = await refundOneUnit(ctx, owner, buyer, order);
    expect(afterSale.status).toBe("refunding");
    const outRefundNo = `RF${afterSale.id}A1`;
    const listed = await client.get(`/api/admin/v1/refunds?orderNo=${order.orderNo}`, owner);
    expect(listed.body.items).toEqual([
      expect.objectContaining({
        outRefundNo,
        status: "pending",
        failureReason: expect.stringContaining("PROVIDER_UNAVAILABLE"),
      }),
    ]);
    expect(fake.refunds.has(outRefundNo)).toBe(false);

    clock.advance(2 * 60_000);
    await sweep(); // query: the gateway never got it → re-sent under the same number → PROCESSING
    expect(fake.refunds.has(outRefundNo)).toBe(true);
    fake.markRefunded(outRefundNo);
    await sweep();
    expect((await client.get(`/api/admin/v1/after-sales/${afterSale.id}`, owner)).body.status).toBe(
      "refunded",
    );
    const numbers = await rows<{ out_refund_no: string; status: string }>(
      sql`select out_refund_no, status from refunds where after_sale_id = ${afterSale.id}`,
    );
    expect(numbers).toEqual([{ out_refund_no: outRefundNo, status: "succeeded" }]);
    expect(
      sent("/v3/refund/domestic/refunds").filter(
        (r) => (r.body as { out_refund_no: string }).out_refund_no === outRefundNo,
      ),
    ).toHaveLength(1);
  });
});

describe("a withdrawal paid by WeChat merchant transfer", () => {
  test("transfer bill under the withdrawal's number; a timed-out call is queried, never re-sent with a new number", async () => {
    await enableDistribution(ctx, owner);
    const seller = await distributor(ctx);
    const buyer = await buyerFor(seller.code);
    const order = await placeOrder(ctx, buyer, [{ skuId: product.skus[0]!.id, quantity: 1 }]);
    await client.post(`/api/v1/orders/${order.orderNo}/pay`, { provider: "wechat" }, buyer.token);
    const trade = fake.markPaid(order.orderNo);
    const paid = fake.notification({
      eventType: "TRANSACTION.SUCCESS",
      originalType: "transaction",
      plain: trade,
      nowMs: clock.now().getTime(),
    });
    expect((await notifyWechat("/api/v1/payments/notify/wechat", paid)).statusCode).toBe(204);
    await shipAndReceive(ctx, owner, order, buyer.token);
    clock.advance(7 * DAY + 60_000);
    await releaseDueCommissions(deps, clock.now());
    expect((await wallet(ctx, seller.token)).availableFen).toBe(1000);

    const wd = await client.post(
      "/api/v1/distribution/withdrawals",
      {
        method: "wechat_api",
        amountFen: 1000,
        realName: "王小二",
        account: "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o",
        consent: true,
      },
      seller.token,
    );
    expect(wd.status, JSON.stringify(wd.body)).toBe(201);
    fake.behaviour.transferDelayMs = 4_000; // longer than the adapter's 3 s deadline: outcome unknown
    const approved = await client.post(
      `/api/admin/v1/distribution/withdrawals/${wd.body.id}/approve`,
      {},
      owner,
    );
    fake.behaviour.transferDelayMs = 0;
    expect(approved.body.status).toBe("paying");
    const bills = sent("/v3/fund-app/mch-transfer/transfer-bills");
    expect(bills).toHaveLength(1);
    const bill = bills[0]!.body as Record<string, unknown>;
    expect(bill).toMatchObject({
      appid: fake.appid,
      openid: "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o",
      transfer_amount: 1000,
      transfer_scene_id: "1005",
      user_name_plain: "王小二",
    });
    expect(bill.out_bill_no).toMatch(/^[0-9A-Za-z]{1,32}$/);
    expect(bills[0]!.headers["wechatpay-serial"]).toBe(fake.publicKeyId);

    // The user has not confirmed yet (WAIT_USER_CONFIRM): polling leaves it paying.
    await pollPayouts.run(deps, clock.now());
    expect(await withdrawalStatus(wd.body.id)).toBe("paying");
    fake.transfers.get(String(bill.out_bill_no))!.state = "SUCCESS";
    await pollPayouts.run(deps, clock.now());
    expect(await withdrawalStatus(wd.body.id)).toBe("paid");
    expect(sent("/v3/fund-app/mch-transfer/transfer-bills")).toHaveLength(1);
    expect(await wallet(ctx, seller.token)).toMatchObject({ availableFen: 0, withdrawingFen: 0 });
  });
});
