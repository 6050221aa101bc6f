// Contract tests for Alipay async notifications (research §2.5 cases 1, 3, 4, 10, 11, 13–15):
// RSA2 over the decoded, sorted form; our app_id and seller_id; amounts to exact fen.

import { afterAll, beforeAll, expect, test } from "vitest";
import { type AlipayFake, startAlipayFake } from "../../../../test/fake-gateways/alipay-gateway.ts";
import { rsaPair } from "../../../../test/fake-gateways/keys.ts";
import type { PaymentProvider } from "../provider.ts";
import { createAlipayProvider } from "./provider.ts";

let fake: AlipayFake;
let provider: PaymentProvider;
const nowMs = Date.parse("2026-01-01T02:00:10Z");

function fields(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    notify_time: "2026-01-01 10:00:10",
    notify_type: "trade_status_sync",
    notify_id: "ac05099524730693a8b330c5ecf72da9786",
    charset: "utf-8",
    version: "1.0",
    app_id: fake.appId,
    seller_id: fake.sellerId,
    trade_no: "2026010122001400000000000001",
    out_trade_no: "ord_ali_1",
    buyer_id: "2088102122524333",
    trade_status: "TRADE_SUCCESS",
    total_amount: "12.30",
    receipt_amount: "12.30",
    buyer_pay_amount: "12.30",
    gmt_create: "2026-01-01 10:00:00",
    gmt_payment: "2026-01-01 10:00:05",
    subject: "裂变小店-订单",
    ...overrides,
  };
}

const parse = (rawBody: string) =>
  provider.parsePaymentNotification({ headers: {}, rawBody: Buffer.from(rawBody), nowMs });

beforeAll(async () => {
  fake = await startAlipayFake();
  provider = createAlipayProvider({
    appId: fake.appId,
    privateKey: fake.app.privateKeyPem,
    alipayPublicKey: fake.alipay.publicKeyPem,
    sellerId: fake.sellerId,
    gatewayUrl: fake.url,
  });
});
afterAll(() => fake.close());

test("a genuine TRADE_SUCCESS is paid, amount in exact fen, answered with the literal success", () => {
  const result = parse(fake.notification(fields()));
  expect(result.ok).toBe(true);
  if (!result.ok) return;
  expect(result.event).toMatchObject({
    provider: "alipay",
    outTradeNo: "ord_ali_1",
    transactionId: "2026010122001400000000000001",
    amountFen: 1230,
    status: "paid",
    paidAtMs: Date.parse("2026-01-01T02:00:05Z"),
    eventId: "ac05099524730693a8b330c5ecf72da9786",
  });
  expect(result.ack).toEqual({ status: 200, body: "success", contentType: "text/plain" });
  expect(result.nonce).toBeNull();
  expect(result.rejectAck.body).not.toBe("success");
});

test("sign_type excluded (documented rule) and included (older rule) both verify", () => {
  expect(parse(fake.notification(fields(), { signTypeSigned: false })).ok).toBe(true);
  expect(parse(fake.notification(fields(), { signTypeSigned: true })).ok).toBe(true);
});

test("values with %, +, CJK and an empty field verify after one decode", () => {
  const body = fake.notification(
    fields({ subject: "100% 纯棉 T恤 + 袜子", body: "a&b=c", passback_params: "" }),
  );
  const result = parse(body);
  expect(result.ok).toBe(true);
});

test("TRADE_FINISHED after TRADE_SUCCESS is the same payment (same transaction id), not a second one", () => {
  const first = parse(fake.notification(fields()));
  const finished = parse(fake.notification(fields({ trade_status: "TRADE_FINISHED", notify_id: "n2" })));
  expect(first.ok && finished.ok && [first.event.transactionId, finished.event.status]).toEqual([
    "2026010122001400000000000001",
    "paid",
  ]);
});

test.each([
  { label: "12.30", amount: "12.30", fen: 1230 },
  { label: "0.01", amount: "0.01", fen: 1 },
  { label: "0.1", amount: "0.1", fen: 10 },
  { label: "100000000.00", amount: "100000000.00", fen: 10_000_000_000 },
  { label: "19.99 (a float would give 1998.9999…)", amount: "19.99", fen: 1999 },
])("total_amount $label → $fen fen", ({ amount, fen }) => {
  const result = parse(fake.notification(fields({ total_amount: amount })));
  expect(result.ok && result.event.amountFen).toBe(fen);
});

const other = rsaPair();
type BadCase = {
  label: string;
  code: string;
  tamper?: (body: string) => string;
  signWith?: string;
  overrides?: Record<string, string>;
  raw?: string;
};
test.each<BadCase>([
  {
    label: "tampered amount",
    tamper: (b: string) => b.replace("total_amount=12.30", "total_amount=0.01"),
    code: "NOTIFY_SIGNATURE_INVALID",
  },
  { label: "signed by another key", signWith: other.privateKeyPem, code: "NOTIFY_SIGNATURE_INVALID" },
  { label: "another app_id", overrides: { app_id: "2021999999999999" }, code: "NOTIFY_MERCHANT_MISMATCH" },
  {
    label: "another seller_id",
    overrides: { seller_id: "2088999999999999" },
    code: "NOTIFY_MERCHANT_MISMATCH",
  },
  { label: "sign_type RSA (SHA1)", overrides: { sign_type: "RSA" }, code: "NOTIFY_SIGNATURE_INVALID" },
  { label: "three decimals", overrides: { total_amount: "12.301" }, code: "NOTIFY_MALFORMED" },
  { label: "exponent amount", overrides: { total_amount: "1e3" }, code: "NOTIFY_MALFORMED" },
  { label: "JSON instead of a form", raw: '{"trade_status":"TRADE_SUCCESS"}', code: "NOTIFY_MALFORMED" },
  { label: "no sign", raw: "out_trade_no=1&total_amount=1.00", code: "NOTIFY_MALFORMED" },
  { label: "a repeated key", tamper: (b: string) => `${b}&total_amount=99.00`, code: "NOTIFY_MALFORMED" },
])("$label → $code", ({ tamper, signWith, overrides, raw, code }) => {
  let body = raw ?? fake.notification(fields(overrides), { signWith });
  if (tamper) body = tamper(body);
  const result = parse(body);
  expect(result.ok ? "ok" : result.code).toBe(code);
  if (!result.ok) expect(result.ack.body).not.toBe("success");
});

test("TRADE_CLOSED after a full refund is 'refunded', an unpaid close is 'closed'", () => {
  const refunded = parse(
    fake.notification(fields({ trade_status: "TRADE_CLOSED", refund_fee: "12.30", out_biz_no: "rf" })),
  );
  const unpaid = parse(fake.notification(fields({ trade_status: "TRADE_CLOSED", gmt_payment: "" })));
  expect(refunded.ok && refunded.event.status).toBe("refunded");
  expect(unpaid.ok && unpaid.event.status).toBe("closed");
});

test("a refund sync (out_biz_no + refund_fee) reads as a refund event", () => {
  const result = provider.parseRefundNotification({
    headers: {},
    nowMs,
    rawBody: Buffer.from(
      fake.notification(
        fields({ out_biz_no: "rf_ali_1", refund_fee: "3.00", gmt_refund: "2026-01-01 11:00:00.123" }),
      ),
    ),
  });
  expect(result.ok && result.event).toMatchObject({
    outRefundNo: "rf_ali_1",
    refundFen: 300,
    status: "succeeded",
    succeededAtMs: Date.parse("2026-01-01T03:00:00.123Z"),
  });
});
