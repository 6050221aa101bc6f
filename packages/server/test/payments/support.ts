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
  return { ...ctx, providers, sandbox: providers.sandbox!, signPayment };
}

export async function notify(ctx: TestContext, signed: { headers: Record<string, string>; body: string }) {
  return ctx.app.inject({
    method: "POST",
    url: "/api/v1/payments/notify/sandbox",
    headers: signed.headers,
    payload: signed.body,
  });
}
