// Round trips against the fake Alipay gateway, which verifies OUR RSA2 request signatures:
// the wap.pay redirect, trade query, refund (+ re-send), refund query, transfer and its query,
// and a timed-out transfer that the query then finds (no re-issue).

import { afterAll, beforeAll, expect, test } from "vitest";
import { type AlipayFake, startAlipayFake } from "../../../../test/fake-gateways/alipay-gateway.ts";
import { rsaPair } from "../../../../test/fake-gateways/keys.ts";
import type { AlipayConfig } from "./config.ts";
import { createAlipayProvider } from "./provider.ts";

let fake: AlipayFake;
let config: AlipayConfig;
const nowMs = Date.parse("2026-01-01T02:00:00Z");

beforeAll(async () => {
  fake = await startAlipayFake();
  config = {
    appId: fake.appId,
    privateKey: fake.app.privateKeyPem,
    alipayPublicKey: fake.alipay.publicKeyPem,
    sellerId: fake.sellerId,
    gatewayUrl: fake.url,
    timeoutMs: 2_000,
  };
});
afterAll(() => fake.close());

test("wap.pay: a signed gateway URL with the amount as a yuan string and Beijing times", async () => {
  const provider = createAlipayProvider(config, { now: () => nowMs });
  const result = await provider.createPayment({
    outTradeNo: "ord_wap_1",
    amountFen: 1230,
    description: "裂变小店-订单",
    channel: "wap",
    notifyUrl: "https://shop.example.com/api/v1/payments/alipay/notify",
    returnUrl: "https://shop.example.com/orders/1",
    expiresAtMs: nowMs + 15 * 60_000,
  });
  expect(result.ok && result.kind).toBe("redirect");
  if (!result.ok || result.kind !== "redirect") return;
  const url = new URL(result.url);
  expect(`${url.origin}${url.pathname}`).toBe(fake.url);
  const params = Object.fromEntries(url.searchParams);
  expect(fake.verifyParams(params)).toBe(true);
  expect(params).toMatchObject({
    method: "alipay.trade.wap.pay",
    sign_type: "RSA2",
    timestamp: "2026-01-01 10:00:00",
  });
  expect(JSON.parse(params.biz_content ?? "{}")).toMatchObject({
    out_trade_no: "ord_wap_1",
    total_amount: "12.30",
    product_code: "QUICK_WAP_WAY",
    time_expire: "2026-01-01 10:15:00",
  });
  expect(
    fake.verifyParams({ ...params, biz_content: params.biz_content?.replace("12.30", "0.01") ?? "" }),
  ).toBe(false);
  const jsapi = await provider.createPayment({
    ...{ outTradeNo: "x", amountFen: 1, description: "d", notifyUrl: "n", expiresAtMs: 0 },
    channel: "jsapi",
  });
  expect(jsapi.ok ? "ok" : jsapi.code).toBe("CHANNEL_UNSUPPORTED");
});

test("trade.query: unknown is NOT_FOUND; paid reads exact fen; a wrong app key is rejected by the gateway", async () => {
  const provider = createAlipayProvider(config);
  const missing = await provider.queryPayment("ord_ali_q");
  expect(missing.ok ? "ok" : [missing.code, missing.providerCode]).toEqual([
    "NOT_FOUND",
    "ACQ.TRADE_NOT_EXIST",
  ]);
  const trade = fake.markPaid("ord_ali_q", "88.88");
  const paid = await provider.queryPayment("ord_ali_q");
  expect(paid.ok && paid.payment).toMatchObject({
    status: "paid",
    amountFen: 8888,
    transactionId: trade.trade_no,
  });
  const wrong = createAlipayProvider({ ...config, privateKey: rsaPair().privateKeyPem });
  const refused = await wrong.queryPayment("ord_ali_q");
  expect(refused.ok ? "ok" : [refused.code, refused.providerCode]).toEqual([
    "PROVIDER_REJECTED",
    "isv.invalid-signature",
  ]);
});

test("an answer whose signature does not verify is 'outcome unknown', never success", async () => {
  const provider = createAlipayProvider(config);
  fake.markPaid("ord_ali_sig", "1.00");
  fake.behaviour.breakResponseSignature = true;
  try {
    const result = await provider.queryPayment("ord_ali_sig");
    expect(result.ok ? "ok" : [result.code, result.retryable]).toEqual(["PROVIDER_RESPONSE_INVALID", true]);
  } finally {
    fake.behaviour.breakResponseSignature = false;
  }
});

test("refund: moves money once per out_request_no; the refund query confirms it", async () => {
  const provider = createAlipayProvider(config);
  fake.markPaid("ord_ali_r", "12.30");
  const input = {
    outTradeNo: "ord_ali_r",
    outRefundNo: "rf_ali_r1",
    refundFen: 305,
    totalFen: 1230,
    reason: "缺货",
  };
  const first = await provider.refund(input);
  expect(first.ok && first.refund).toMatchObject({ status: "succeeded", refundFen: 305 });
  const again = await provider.refund(input);
  expect(again.ok && again.refund.status).toBe("processing"); // fund_change N: ask the query
  expect(fake.refunds.size).toBe(1);
  const queried = await provider.queryRefund({ outTradeNo: "ord_ali_r", outRefundNo: "rf_ali_r1" });
  expect(queried.ok && queried.refund).toMatchObject({ status: "succeeded", refundFen: 305 });
  const none = await provider.queryRefund({ outTradeNo: "ord_ali_r", outRefundNo: "rf_ali_never" });
  expect(none.ok ? "ok" : none.code).toBe("NOT_FOUND");
});

test("payout to an Alipay account; a timeout is retryable and the query finds the transfer", async () => {
  const provider = createAlipayProvider(config);
  const done = await provider.payout({
    outPayoutNo: "po_ali_1",
    amountFen: 10_050,
    payee: { kind: "alipay_account", account: "distributor@example.com", realName: "李四" },
    remark: "佣金提现",
  });
  expect(done.ok && done.payout).toMatchObject({ status: "succeeded", amountFen: 10_050 });
  expect(fake.transfers.get("po_ali_1")).toMatchObject({ trans_amount: "100.50", payee_name: "李四" });

  const slow = createAlipayProvider({ ...config, timeoutMs: 200 });
  fake.behaviour.transferDelayMs = 1_000;
  try {
    const input = {
      outPayoutNo: "po_ali_2",
      amountFen: 700,
      payee: { kind: "alipay_account" as const, account: "2088102122524333", realName: "王五" },
      remark: "佣金",
    };
    const timedOut = await slow.payout(input);
    expect(timedOut.ok ? "ok" : [timedOut.code, timedOut.retryable]).toEqual(["PROVIDER_UNAVAILABLE", true]);
    const found = await slow.queryPayout("po_ali_2");
    expect(found.ok && found.payout).toMatchObject({ status: "succeeded", amountFen: 700 });
    expect(fake.transfers.size).toBe(2);
  } finally {
    fake.behaviour.transferDelayMs = 0;
  }
  const unknown = await provider.queryPayout("po_ali_missing");
  expect(unknown.ok ? "ok" : unknown.code).toBe("NOT_FOUND");
});
