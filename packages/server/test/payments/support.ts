// The payments tests' app: a sandbox provider with a key the test holds (so it can sign notifications
// itself), listening on 127.0.0.1 so the sandbox can deliver its notifications over HTTP.
import { generateKeyPairSync } from "node:crypto";
import { createPaymentProviders, paymentConfig } from "../../src/adapters/payment/index.ts";
import { loadSandboxKeys } from "../../src/adapters/payment/sandbox/keys.ts";
import {
  type SandboxEnvelope,
  signSandboxNotification,
} from "../../src/adapters/payment/sandbox/notification.ts";
import { startTestApp, type TestContext } from "../support/test-app.ts";

export async function startPaymentsApp() {
  const privateKeyPem = generateKeyPairSync("ed25519")
    .privateKey.export({ type: "pkcs8", format: "pem" })
    .toString();
  let clockNow = () => Date.now();
  const providers = createPaymentProviders(
    paymentConfig({ enabled: ["sandbox"], sandbox: { privateKeyPem } }),
    {
      now: () => clockNow(),
    },
  );
  const ctx = await startTestApp({ paymentProviders: providers });
  clockNow = () => ctx.clock.now().getTime();
  const address = await ctx.app.listen({ port: 0, host: "127.0.0.1" });
  ctx.deps.config.publicUrl = address;
  const keys = loadSandboxKeys(privateKeyPem);
  /** A payment notification exactly as the sandbox signs it, with a fresh nonce each call. */
  const signPayment = (
    resource: Record<string, unknown>,
    eventId = `evt_${String(resource.transactionId)}`,
  ) => {
    const envelope: SandboxEnvelope = {
      id: eventId,
      event_type: "TRANSACTION.SUCCESS",
      merchant_id: "sandbox-merchant",
      resource,
    };
    return signSandboxNotification(envelope, keys, ctx.clock.now().getTime());
  };
  /** A refund notification exactly as the sandbox signs it. */
  const signRefund = (resource: Record<string, unknown>, eventType = "REFUND.SUCCESS") =>
    signSandboxNotification(
      { id: `evt_rf_${Math.random()}`, event_type: eventType, merchant_id: "sandbox-merchant", resource },
      keys,
      ctx.clock.now().getTime(),
    );
  return { ...ctx, providers, sandbox: providers.sandbox!, signPayment, signRefund };
}

export async function notifyRefund(
  ctx: TestContext,
  signed: { headers: Record<string, string>; body: string },
  provider = "sandbox",
) {
  return ctx.app.inject({
    method: "POST",
    url: `/api/v1/payments/notify/${provider}/refund`,
    headers: signed.headers,
    payload: signed.body,
  });
}

/** Asks for a refund of one unit of the order's first line and has the merchant approve it. */
export async function refundOneUnit(
  ctx: TestContext,
  owner: string,
  shopper: { token: string },
  order: { id: number; items: Array<{ id: number }> },
) {
  const asked = await ctx.client.post(
    `/api/v1/orders/${order.id}/after-sales`,
    { kind: "refund_only", items: [{ orderItemId: order.items[0]!.id, quantity: 1 }], reason: "不想要了" },
    shopper.token,
  );
  if (asked.status !== 201) throw new Error(`after-sale: ${asked.status} ${JSON.stringify(asked.body)}`);
  await ctx.client.post(`/api/admin/v1/after-sales/${asked.body.id}/approve`, {}, owner);
  return (await ctx.client.get(`/api/admin/v1/after-sales/${asked.body.id}`, owner)).body;
}

export async function notify(ctx: TestContext, signed: { headers: Record<string, string>; body: string }) {
  return ctx.app.inject({
    method: "POST",
    url: "/api/v1/payments/notify/sandbox",
    headers: signed.headers,
    payload: signed.body,
  });
}
