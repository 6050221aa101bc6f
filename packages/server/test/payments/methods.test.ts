// Checkout offers the payment methods the shop has switched on, and nothing else.
import { generateKeyPairSync } from "node:crypto";
import { expect, test } from "vitest";
import { createPaymentProviders, paymentConfig } from "../../src/adapters/payment/index.ts";
import { startTestApp } from "../support/test-app.ts";

const privateKeyPem = generateKeyPairSync("ed25519")
  .privateKey.export({ type: "pkcs8", format: "pem" })
  .toString();
const ctx = await startTestApp({
  paymentProviders: createPaymentProviders(
    paymentConfig({ enabled: ["sandbox"], sandbox: { privateKeyPem } }),
  ),
});

test("lists only the enabled providers, to anyone", async () => {
  const res = await ctx.client.get("/api/v1/payments/methods");
  expect(res.status).toBe(200);
  expect(res.body).toEqual({ methods: ["sandbox"] });

  ctx.deps.paymentProviders = {};
  expect((await ctx.client.get("/api/v1/payments/methods")).body).toEqual({ methods: [] });
});
