// Contract tests for WeChat Pay notifications (research §2.5, cases 1–11): only a genuine,
// fresh, first-time notification for our merchant becomes an event; everything else is a
// typed failure with WeChat's FAIL answer, so nothing changes state.

import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { rsaPair } from "../../../../test/fake-gateways/keys.ts";
import { startWechatPayFake, type WechatFake } from "../../../../test/fake-gateways/wechat-pay-gateway.ts";
import { createNonceCache } from "../nonce-cache.ts";
import type { PaymentProvider } from "../provider.ts";
import { createWechatPayProvider } from "./provider.ts";

let fake: WechatFake;
let provider: PaymentProvider;
const now = Date.now();

function paidPlain(overrides: Record<string, unknown> = {}) {
  return {
    mchid: fake.mchid,
    appid: fake.appid,
    out_trade_no: "ord_1217752501201407033233368018",
    transaction_id: "1217752501201407033233368018",
    trade_type: "JSAPI",
    trade_state: "SUCCESS",
    trade_state_desc: "支付成功",
    bank_type: "CMC",
    success_time: "2026-01-01T10:00:05+08:00",
    payer: { openid: "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o" },
    amount: { total: 1230, payer_total: 1230, currency: "CNY", payer_currency: "CNY" },
    ...overrides,
  };
}

const payment = (options: Parameters<WechatFake["notification"]>[0]) => {
  const built = fake.notification({ nowMs: now, ...options });
  return { headers: built.headers, rawBody: built.rawBody, nowMs: now };
};
const paid = (options: Partial<Parameters<WechatFake["notification"]>[0]> = {}) =>
  payment({ eventType: "TRANSACTION.SUCCESS", originalType: "transaction", plain: paidPlain(), ...options });

beforeAll(async () => {
  fake = await startWechatPayFake();
  provider = createWechatPayProvider(
    {
      mchid: fake.mchid,
      appid: fake.appid,
      merchantSerial: fake.merchantSerial,
      merchantPrivateKeyPem: fake.merchant.privateKeyPem,
      apiV3Key: fake.apiV3Key,
      wechatpayPublicKeys: { [fake.publicKeyId]: fake.platform.publicKeyPem },
      baseUrl: fake.url,
    },
    { now: () => now },
  );
});
afterAll(() => fake.close());

describe("a genuine payment notification", () => {
  test("verifies, decrypts and reads the amount as integer fen", () => {
    const result = provider.parsePaymentNotification(paid());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.event).toMatchObject({
      provider: "wechat",
      outTradeNo: "ord_1217752501201407033233368018",
      transactionId: "1217752501201407033233368018",
      amountFen: 1230,
      status: "paid",
      paidAtMs: Date.parse("2026-01-01T02:00:05Z"),
    });
    expect(result.ack).toEqual({ status: 204, body: "", contentType: null });
    expect(result.rejectAck.status).toBeGreaterThanOrEqual(400);
    expect(JSON.parse(result.rejectAck.body)).toEqual({ code: "FAIL", message: "失败" });
  });

  test("accepts the platform-certificate serial as well as the public-key id (migration)", () => {
    const certSerial = "7132D72A03E93CDDF8C03BBD1F37EEDF3B2BAC9A";
    const both = createWechatPayProvider(
      {
        mchid: fake.mchid,
        appid: fake.appid,
        merchantSerial: fake.merchantSerial,
        merchantPrivateKeyPem: fake.merchant.privateKeyPem,
        apiV3Key: fake.apiV3Key,
        wechatpayPublicKeys: {
          [fake.publicKeyId]: fake.platform.publicKeyPem,
          [certSerial]: fake.platform.publicKeyPem,
        },
      },
      { now: () => now },
    );
    expect(both.parsePaymentNotification(paid({ serial: certSerial })).ok).toBe(true);
  });

  test("a ±299 s clock difference is still fresh", () => {
    expect(provider.parsePaymentNotification(paid({ timestampOffsetS: -299 })).ok).toBe(true);
    expect(provider.parsePaymentNotification(paid({ timestampOffsetS: 299 })).ok).toBe(true);
  });
});

const other = rsaPair();
test.each([
  { label: "one body byte changed", options: {}, mutate: true, code: "NOTIFY_SIGNATURE_INVALID" },
  { label: "signature of another body", options: { signBody: "{}" }, code: "NOTIFY_SIGNATURE_INVALID" },
  { label: "WECHATPAY/SIGNTEST/ probe", options: { signtest: true }, code: "NOTIFY_SIGNATURE_INVALID" },
  {
    label: "signed by another key",
    options: { signWith: other.privateKeyPem },
    code: "NOTIFY_SIGNATURE_INVALID",
  },
  { label: "timestamp −301 s", options: { timestampOffsetS: -301 }, code: "NOTIFY_TIMESTAMP_STALE" },
  { label: "timestamp +301 s", options: { timestampOffsetS: 301 }, code: "NOTIFY_TIMESTAMP_STALE" },
  { label: "unknown serial", options: { serial: "PUB_KEY_ID_SOMEONE_ELSE" }, code: "NOTIFY_SERIAL_UNKNOWN" },
  { label: "wrong associated_data", options: { aadInEnvelope: "refund" }, code: "NOTIFY_SIGNATURE_INVALID" },
  { label: "tampered GCM tag", options: { tamperTag: true }, code: "NOTIFY_SIGNATURE_INVALID" },
  { label: "non-JSON body", options: { rawBodyOverride: "<xml>SUCCESS</xml>" }, code: "NOTIFY_MALFORMED" },
  {
    label: "another mchid",
    options: { plain: { mchid: "1900000000" } },
    code: "NOTIFY_MERCHANT_MISMATCH",
  },
  { label: "another appid", options: { plain: { appid: "wx_not_ours" } }, code: "NOTIFY_MERCHANT_MISMATCH" },
  {
    label: "a refund event sent as payment",
    options: { eventType: "REFUND.SUCCESS" },
    code: "NOTIFY_MALFORMED",
  },
  { label: "amount as a float", options: { plain: { amount: { total: 12.3 } } }, code: "NOTIFY_MALFORMED" },
])("$label → $code", ({ options, mutate, code }) => {
  const { plain: overrides, ...rest } = options as { plain?: Record<string, unknown> };
  const input = paid({ ...rest, ...(overrides ? { plain: paidPlain(overrides) } : {}) });
  if (mutate)
    input.rawBody.writeUInt8(
      input.rawBody.readUInt8(input.rawBody.length - 3) ^ 0x01,
      input.rawBody.length - 3,
    );
  const result = provider.parsePaymentNotification(input);
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.code).toBe(code);
  expect(result.ack.status).toBeGreaterThanOrEqual(400);
  expect(JSON.parse(result.ack.body).code).toBe("FAIL");
});

test("missing headers are malformed", () => {
  const input = paid();
  const result = provider.parsePaymentNotification({ ...input, headers: {} });
  expect(result.ok ? "ok" : result.code).toBe("NOTIFY_MALFORMED");
});

test("a replayed nonce fails the second time; the cache only records verified nonces", () => {
  const cache = createNonceCache(100);
  const forged = paid({ nonce: "nonce-A", signtest: true });
  expect(provider.parsePaymentNotification({ ...forged, seenNonce: cache.seen }).ok).toBe(false);
  expect(cache.size()).toBe(0);
  const genuine = paid({ nonce: "nonce-A" });
  expect(provider.parsePaymentNotification({ ...genuine, seenNonce: cache.seen }).ok).toBe(true);
  const replay = provider.parsePaymentNotification({ ...genuine, seenNonce: cache.seen });
  expect(replay.ok ? "ok" : replay.code).toBe("NOTIFY_NONCE_REPLAYED");
});

test("refund notifications decrypt to the refund record", () => {
  const input = payment({
    eventType: "REFUND.SUCCESS",
    originalType: "refund",
    plain: {
      mchid: fake.mchid,
      out_trade_no: "ord_1",
      transaction_id: "4200000000",
      out_refund_no: "rf_1",
      refund_id: "50000000382019052709732678859",
      refund_status: "SUCCESS",
      success_time: "2026-01-01T10:10:00+08:00",
      amount: { total: 1230, refund: 300, payer_total: 1230, payer_refund: 300 },
      user_received_account: "招商银行信用卡0403",
    },
  });
  const result = provider.parseRefundNotification(input);
  expect(result.ok && result.event).toMatchObject({
    outRefundNo: "rf_1",
    refundFen: 300,
    status: "succeeded",
  });
  expect(provider.parsePaymentNotification(input).ok).toBe(false);
});

test("transfer-finished notifications read the final state", () => {
  const result = provider.parsePayoutNotification(
    payment({
      eventType: "MCHTRANSFER.BILL.FINISHED",
      originalType: "mch_payment",
      plain: {
        out_bill_no: "po123",
        transfer_bill_no: "1330000071100999991182020050700019480001",
        state: "SUCCESS",
        mch_id: fake.mchid,
        transfer_amount: 2000,
        openid: "o-1",
        create_time: "2026-01-01T10:00:00+08:00",
        update_time: "2026-01-01T10:00:05+08:00",
      },
    }),
  );
  expect(result.ok && result.event).toMatchObject({
    outPayoutNo: "po123",
    amountFen: 2000,
    status: "succeeded",
  });
});
