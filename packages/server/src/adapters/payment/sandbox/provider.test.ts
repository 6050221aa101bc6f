// The sandbox end to end: createPayment links to the hosted pay page, simulate() delivers a
// signed notification to a real HTTP notify endpoint that verifies it through the same path as
// WeChat Pay (window, serial, nonce), refunds and payouts succeed — or fail on ..99 fen — and notify.

import { generateKeyPairSync } from "node:crypto";
import { afterAll, beforeAll, expect, test } from "vitest";
import { type FakeServer, startFakeServer } from "../../../../test/fake-gateways/http-server.ts";
import { createNonceCache } from "../nonce-cache.ts";
import type { NotificationInput, NotificationResult } from "../provider.ts";
import { createSandboxProvider, type SandboxProvider } from "./provider.ts";

let receiver: FakeServer;
let sandbox: SandboxProvider;
const nonces = createNonceCache();
const received: { path: string; result: NotificationResult<unknown> }[] = [];

beforeAll(async () => {
  // Stands in for our notify routes: raw body in, parse, answer the provider's ack.
  receiver = await startFakeServer((request) => {
    const input: NotificationInput = {
      headers: request.headers,
      rawBody: request.rawBody,
      nowMs: Date.now(),
      seenNonce: nonces.seen,
    };
    const result =
      request.path === "/notify/refund"
        ? sandbox.parseRefundNotification(input)
        : request.path === "/notify/payout"
          ? sandbox.parsePayoutNotification(input)
          : sandbox.parsePaymentNotification(input);
    received.push({ path: request.path, result });
    return { status: result.ack.status, body: result.ack.body };
  });
  sandbox = createSandboxProvider({
    notifyUrls: { refund: `${receiver.url}/notify/refund`, payout: `${receiver.url}/notify/payout` },
  });
});
afterAll(() => receiver.close());

const order = (outTradeNo: string, amountFen = 1230) => ({
  outTradeNo,
  amountFen,
  description: "demo",
  channel: "jsapi" as const,
  notifyUrl: `${receiver.url}/notify/payment`,
  returnUrl: "/orders/1",
  expiresAtMs: Date.now() + 15 * 60_000,
});

test("createPayment redirects to the signed pay-page link, which checks out and resists edits", async () => {
  const created = await sandbox.createPayment(order("ord_sbx_1"));
  expect(created.ok && created.kind).toBe("redirect");
  if (!created.ok || created.kind !== "redirect") return;
  const url = new URL(created.url, "http://shop.local");
  expect(url.pathname).toBe("/pay/sandbox");
  const query = Object.fromEntries(url.searchParams);
  expect(sandbox.checkPayLink(query, Date.now())).toMatchObject({
    ok: true,
    outTradeNo: "ord_sbx_1",
    amountFen: 1230,
    returnUrl: "/orders/1",
  });
  expect(sandbox.checkPayLink({ ...query, amount: "1" }, Date.now())).toEqual({
    ok: false,
    code: "PAY_LINK_INVALID",
  });
  expect(sandbox.checkPayLink(query, Date.now() + 16 * 60_000)).toEqual({
    ok: false,
    code: "PAY_LINK_EXPIRED",
  });
  // a cut or foreign tag: refused, never thrown
  expect(sandbox.checkPayLink({ ...query, sig: query.sig!.slice(0, 10) }, Date.now()).ok).toBe(false);
  const other = createSandboxProvider({});
  expect(other.checkPayLink(query, Date.now())).toEqual({ ok: false, code: "PAY_LINK_INVALID" });
});

test("simulate paid: one verified delivery, answered 204, and the query agrees", async () => {
  await sandbox.createPayment(order("ord_sbx_2"));
  const simulated = await sandbox.simulate({ outTradeNo: "ord_sbx_2", result: "paid", deliver: "once" });
  expect(simulated.ok && simulated.deliveries).toEqual([{ delivered: true, status: 204, body: "" }]);
  const last = received.at(-1)?.result;
  expect(last?.ok && last.event).toMatchObject({ outTradeNo: "ord_sbx_2", amountFen: 1230, status: "paid" });
  const queried = await sandbox.queryPayment("ord_sbx_2");
  expect(queried.ok && queried.payment.status).toBe("paid");
});

test("deliver twice: two independently signed deliveries of the SAME payment (dedupe is the caller's)", async () => {
  await sandbox.createPayment(order("ord_sbx_3"));
  const before = received.length;
  const simulated = await sandbox.simulate({ outTradeNo: "ord_sbx_3", result: "paid", deliver: "twice" });
  expect(simulated.ok && simulated.deliveries.map((d) => d.delivered && d.status)).toEqual([204, 204]);
  const events = received
    .slice(before)
    .map((r) => (r.result.ok ? (r.result.event as { transactionId: string }).transactionId : null));
  expect(events).toHaveLength(2);
  expect(events[0]).toBeTruthy();
  expect(events[0]).toBe(events[1]);
});

test("deliver late waits before delivering; failed results notify as failed", async () => {
  await sandbox.createPayment(order("ord_sbx_4"));
  const started = Date.now();
  const simulated = await sandbox.simulate({
    outTradeNo: "ord_sbx_4",
    result: "failed",
    deliver: "late",
    delayMs: 150,
  });
  expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  expect(simulated.ok && simulated.payment.status).toBe("failed");
  const last = received.at(-1)?.result;
  expect(last?.ok && (last.event as { status: string }).status).toBe("failed");
});

test("unknown trades need the amount from a checked pay link", async () => {
  const unknown = await sandbox.simulate({ outTradeNo: "ord_sbx_lost", result: "paid", deliver: "once" });
  expect(unknown.ok ? "ok" : unknown.code).toBe("NOT_FOUND");
  const adopted = await sandbox.simulate({
    outTradeNo: "ord_sbx_lost",
    result: "paid",
    deliver: "once",
    amountFen: 500,
  });
  expect(adopted.ok && adopted.deliveries).toEqual([{ delivered: false, reason: "NO_NOTIFY_URL" }]);
});

test("another sandbox's key, a replayed nonce or a stale timestamp are refused like a real provider's", async () => {
  const stranger = createSandboxProvider({
    privateKeyPem: generateKeyPairSync("ed25519")
      .privateKey.export({ type: "pkcs8", format: "pem" })
      .toString(),
  });
  await stranger.createPayment(order("ord_sbx_5"));
  const forged = await stranger.simulate({ outTradeNo: "ord_sbx_5", result: "paid", deliver: "once" });
  expect(forged.ok && forged.deliveries[0]).toMatchObject({ delivered: true, status: 401 });
  expect(received.at(-1)?.result).toMatchObject({ ok: false, code: "NOTIFY_SERIAL_UNKNOWN" });

  // Capture one genuine delivery, then replay its exact bytes.
  let captured: NotificationInput | undefined;
  const tap = await startFakeServer((request) => {
    captured = { headers: request.headers, rawBody: request.rawBody, nowMs: Date.now() };
    return { status: 204 };
  });
  try {
    const tapped = createSandboxProvider({ notifyUrls: { payment: tap.url } });
    await tapped.simulate({ outTradeNo: "ord_sbx_6", result: "paid", deliver: "once", amountFen: 100 });
    if (!captured) throw new Error("nothing captured");
    const cache = createNonceCache();
    expect(tapped.parsePaymentNotification({ ...captured, seenNonce: cache.seen }).ok).toBe(true);
    expect(tapped.parsePaymentNotification({ ...captured, seenNonce: cache.seen })).toMatchObject({
      code: "NOTIFY_NONCE_REPLAYED",
    });
    expect(tapped.parsePaymentNotification({ ...captured, nowMs: Date.now() + 301_000 })).toMatchObject({
      code: "NOTIFY_TIMESTAMP_STALE",
    });
    const flipped = Buffer.from(captured.rawBody);
    flipped.writeUInt8(flipped.readUInt8(10) ^ 1, 10);
    expect(tapped.parsePaymentNotification({ ...captured, rawBody: flipped })).toMatchObject({
      code: "NOTIFY_SIGNATURE_INVALID",
    });
  } finally {
    await tap.close();
  }
});

test("refunds succeed at once and notify; an amount ending in 99 fen fails; re-sending is idempotent", async () => {
  await sandbox.createPayment(order("ord_sbx_7", 10_000));
  await sandbox.simulate({ outTradeNo: "ord_sbx_7", result: "paid", deliver: "once" });
  const ok = await sandbox.refund({
    outTradeNo: "ord_sbx_7",
    outRefundNo: "rf_1",
    refundFen: 500,
    totalFen: 10_000,
    reason: "r",
  });
  const again = await sandbox.refund({
    outTradeNo: "ord_sbx_7",
    outRefundNo: "rf_1",
    refundFen: 500,
    totalFen: 10_000,
    reason: "r",
  });
  const bad = await sandbox.refund({
    outTradeNo: "ord_sbx_7",
    outRefundNo: "rf_2",
    refundFen: 199,
    totalFen: 10_000,
    reason: "r",
  });
  const tooMuch = await sandbox.refund({
    outTradeNo: "ord_sbx_7",
    outRefundNo: "rf_3",
    refundFen: 9_600,
    totalFen: 10_000,
    reason: "r",
  });
  expect(ok.ok && ok.refund.status).toBe("succeeded");
  expect(again.ok && again.refund.refundId).toBe(ok.ok && ok.refund.refundId);
  expect(bad.ok && bad.refund.status).toBe("closed");
  expect(tooMuch.ok ? "ok" : tooMuch.code).toBe("PROVIDER_REJECTED");
  await sandbox.settle();
  const refundEvents = received
    .filter((r) => r.path === "/notify/refund")
    .map((r) => r.result.ok && (r.result.event as { status: string }).status);
  expect(refundEvents).toEqual(["succeeded", "closed"]);
});

test("payouts succeed at once and notify; ..99 fen fails", async () => {
  const paid = await sandbox.payout({
    outPayoutNo: "po1",
    amountFen: 1000,
    payee: { kind: "wechat_openid", openid: "sandbox-a" },
    remark: "佣金",
  });
  const failed = await sandbox.payout({
    outPayoutNo: "po2",
    amountFen: 1099,
    payee: { kind: "wechat_openid", openid: "sandbox-a" },
    remark: "佣金",
  });
  expect(paid.ok && paid.payout.status).toBe("succeeded");
  expect(failed.ok && failed.payout.status).toBe("failed");
  await sandbox.settle();
  const events = received
    .filter((r) => r.path === "/notify/payout")
    .map((r) => r.result.ok && (r.result.event as { outPayoutNo: string; status: string }));
  expect(events).toEqual([
    expect.objectContaining({ outPayoutNo: "po1", status: "succeeded" }),
    expect.objectContaining({ outPayoutNo: "po2", status: "failed" }),
  ]);
  const queried = await sandbox.queryPayout("po2");
  expect(queried.ok && queried.payout.failReason).toBe("SANDBOX_AMOUNT_ENDS_IN_99");
});

test("an RSA key from PEM works as well as the generated Ed25519 one", async () => {
  const pem = generateKeyPairSync("rsa", { modulusLength: 2048 })
    .privateKey.export({ type: "pkcs8", format: "pem" })
    .toString();
  const rsa = createSandboxProvider({
    privateKeyPem: pem,
    payPagePath: "https://shop.example.com/pay/sandbox",
  });
  const created = await rsa.createPayment(order("ord_sbx_rsa"));
  if (!created.ok || created.kind !== "redirect") throw new Error("expected a redirect");
  const url = new URL(created.url);
  expect(rsa.checkPayLink(Object.fromEntries(url.searchParams), Date.now()).ok).toBe(true);
  expect(rsa.serial).toMatch(/^SANDBOX_[0-9A-F]{16}$/);
});
