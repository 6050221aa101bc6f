// Round trips against the fake WeChat Pay gateway, which verifies OUR request signatures:
// create (JSAPI/H5/Native), query, refund (+ idempotent re-send), transfer with encrypted
// user_name, a timed-out transfer found by query instead of re-issued, and a bad answer
// signature treated as "outcome unknown".

import { createPublicKey, verify } from "node:crypto";
import { afterAll, beforeAll, expect, test } from "vitest";
import { rsaPair } from "../../../../test/fake-gateways/keys.ts";
import { startWechatPayFake, type WechatFake } from "../../../../test/fake-gateways/wechat-pay-gateway.ts";
import type { WechatPayConfig } from "./config.ts";
import { createWechatPayProvider } from "./provider.ts";

let fake: WechatFake;
let config: WechatPayConfig;

beforeAll(async () => {
  fake = await startWechatPayFake();
  config = {
    mchid: fake.mchid,
    appid: fake.appid,
    merchantSerial: fake.merchantSerial,
    merchantPrivateKeyPem: fake.merchant.privateKeyPem,
    apiV3Key: fake.apiV3Key,
    wechatpayPublicKeys: { [fake.publicKeyId]: fake.platform.publicKeyPem },
    baseUrl: fake.url,
    timeoutMs: 2_000,
  };
});
afterAll(() => fake.close());

const order = (outTradeNo: string, channel: "jsapi" | "h5" | "native" | "wap") => ({
  outTradeNo,
  amountFen: 1230,
  description: "裂变小店-订单",
  channel,
  payerOpenid: "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o",
  payerClientIp: "203.0.113.7",
  notifyUrl: "https://shop.example.com/api/v1/payments/wechat/notify",
  returnUrl: "https://shop.example.com/orders/1",
  expiresAtMs: Date.parse("2026-01-01T02:15:00Z"),
});

test("JSAPI: the prepay_id comes back as paySign params the merchant key signed", async () => {
  const result = await createWechatPayProvider(config).createPayment(order("ord_jsapi_1", "jsapi"));
  expect(result.ok && result.kind).toBe("jsapi_params");
  if (!result.ok || result.kind !== "jsapi_params") return;
  const { params } = result;
  expect(params.package).toMatch(/^prepay_id=wx/);
  expect(params.signType).toBe("RSA");
  const message = `${params.appId}\n${params.timeStamp}\n${params.nonceStr}\n${params.package}\n`;
  expect(
    verify(
      "sha256",
      Buffer.from(message),
      createPublicKey(fake.merchant.publicKeyPem),
      Buffer.from(params.paySign, "base64"),
    ),
  ).toBe(true);
  const sent = fake.accepted.at(-1)?.body as Record<string, unknown>;
  expect(sent).toMatchObject({
    appid: fake.appid,
    mchid: fake.mchid,
    out_trade_no: "ord_jsapi_1",
    amount: { total: 1230, currency: "CNY" },
    payer: { openid: "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o" },
    time_expire: "2026-01-01T10:15:00+08:00",
  });
});

test("H5 redirects to h5_url with our return page; Native gives a code_url; wap is Alipay's", async () => {
  const provider = createWechatPayProvider(config);
  const h5 = await provider.createPayment(order("ord_h5_1", "h5"));
  expect(h5.ok && h5.kind === "redirect" && h5.url).toContain(
    `redirect_url=${encodeURIComponent("https://shop.example.com/orders/1")}`,
  );
  expect((fake.accepted.at(-1)?.body as { scene_info?: unknown } | undefined)?.scene_info).toEqual({
    payer_client_ip: "203.0.113.7",
    h5_info: { type: "Wap" },
  });
  const native = await provider.createPayment(order("ord_native_1", "native"));
  expect(native.ok && native.kind === "qr" && native.codeUrl).toBe("weixin://wxpay/bizpayurl?pr=fake");
  const wap = await provider.createPayment(order("ord_wap_1", "wap"));
  expect(wap.ok ? "ok" : wap.code).toBe("CHANNEL_UNSUPPORTED");
});

test("a wrong merchant key is refused by the gateway (our signature is really checked)", async () => {
  const wrong = createWechatPayProvider({ ...config, merchantPrivateKeyPem: rsaPair().privateKeyPem });
  const result = await wrong.createPayment(order("ord_wrongkey", "native"));
  expect(result.ok ? "ok" : [result.code, result.providerCode]).toEqual(["PROVIDER_REJECTED", "SIGN_ERROR"]);
});

test("query: NOTPAY is pending, SUCCESS is paid with the transaction id; unknown is NOT_FOUND", async () => {
  const provider = createWechatPayProvider(config);
  await provider.createPayment(order("ord_q_1", "native"));
  const pending = await provider.queryPayment("ord_q_1");
  expect(pending.ok && pending.payment.status).toBe("pending");
  const trade = fake.markPaid("ord_q_1");
  const paid = await provider.queryPayment("ord_q_1");
  expect(paid.ok && paid.payment).toMatchObject({
    status: "paid",
    amountFen: 1230,
    transactionId: trade.transaction_id,
  });
  const missing = await provider.queryPayment("ord_nope");
  expect(missing.ok ? "ok" : missing.code).toBe("NOT_FOUND");
});

test("refund: accepted as processing, re-sending the same out_refund_no refunds once, query finds it", async () => {
  const provider = createWechatPayProvider(config);
  await provider.createPayment(order("ord_r_1", "native"));
  fake.markPaid("ord_r_1");
  const input = {
    outTradeNo: "ord_r_1",
    outRefundNo: "rf_r_1",
    refundFen: 300,
    totalFen: 1230,
    reason: "尺码不合适",
  };
  const first = await provider.refund(input);
  const again = await provider.refund(input);
  expect(first.ok && first.refund).toMatchObject({ status: "processing", refundFen: 300 });
  expect(again.ok && again.refund.refundId).toBe(first.ok && first.refund.refundId);
  const queried = await provider.queryRefund({ outTradeNo: "ord_r_1", outRefundNo: "rf_r_1" });
  expect(queried.ok && queried.refund.outRefundNo).toBe("rf_r_1");
});

test("payout: transfer bill with the user name encrypted for WeChat, waiting for the user to confirm", async () => {
  const provider = createWechatPayProvider(config);
  const result = await provider.payout({
    outPayoutNo: "po20260101000001",
    amountFen: 250_000,
    payee: { kind: "wechat_openid", openid: "o-dist-1", realName: "张三" },
    remark: "佣金提现",
  });
  expect(result.ok && result.payout).toMatchObject({ status: "wait_user_confirm", amountFen: 250_000 });
  expect(result.ok && result.payout.packageInfo).toBeTruthy();
  const bill = fake.transfers.get("po20260101000001");
  expect(bill).toMatchObject({
    user_name_plain: "张三",
    transfer_scene_id: "1005",
    transfer_amount: 250_000,
  });
  expect(bill?.transfer_scene_report_infos).toEqual([
    { info_type: "岗位类型", info_content: "分销员" },
    { info_type: "报酬说明", info_content: "分销佣金提现" },
  ]);
});

test("payout that times out is PROVIDER_UNAVAILABLE (retryable); the query then finds the same transfer", async () => {
  const provider = createWechatPayProvider({ ...config, timeoutMs: 200 });
  fake.behaviour.transferDelayMs = 1_000;
  try {
    const input = {
      outPayoutNo: "po20260101000002",
      amountFen: 500,
      payee: { kind: "wechat_openid" as const, openid: "o-2" },
      remark: "佣金",
    };
    const result = await provider.payout(input);
    expect(result.ok ? "ok" : [result.code, result.retryable]).toEqual(["PROVIDER_UNAVAILABLE", true]);
    const queried = await provider.queryPayout("po20260101000002");
    expect(queried.ok && queried.payout).toMatchObject({ outPayoutNo: "po20260101000002", amountFen: 500 });
    const posts = fake.accepted.filter(
      (r) => r.method === "POST" && (r.body as { out_bill_no?: string }).out_bill_no === "po20260101000002",
    );
    expect(posts).toHaveLength(1);
  } finally {
    fake.behaviour.transferDelayMs = 0;
  }
});

test("a 5xx is unavailable; an answer whose signature does not verify is 'outcome unknown'", async () => {
  const provider = createWechatPayProvider(config);
  fake.behaviour.failNext = 1;
  const busy = await provider.queryPayment("ord_q_1");
  expect(busy.ok ? "ok" : [busy.code, busy.retryable]).toEqual(["PROVIDER_UNAVAILABLE", true]);
  fake.behaviour.breakResponseSignature = true;
  try {
    const forged = await provider.queryPayment("ord_q_1");
    expect(forged.ok ? "ok" : [forged.code, forged.retryable]).toEqual(["PROVIDER_RESPONSE_INVALID", true]);
  } finally {
    fake.behaviour.breakResponseSignature = false;
  }
});

test("a gateway nobody listens on is PROVIDER_UNAVAILABLE", async () => {
  const provider = createWechatPayProvider({ ...config, baseUrl: "http://127.0.0.1:9" });
  const result = await provider.queryPayment("ord_q_1");
  expect(result.ok ? "ok" : result.code).toBe("PROVIDER_UNAVAILABLE");
});
