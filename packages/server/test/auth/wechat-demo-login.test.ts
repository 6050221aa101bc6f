// The demo WeChat login (no official account configured) signs in whoever names a user, so it follows the
// owner's sandbox switch in 支付设置: on, "demo-alice" is Alice; off, the route is gone (404) and the login
// page is told not to offer it. A real official account is not affected by the switch.
import { describe, expect, test } from "vitest";
import { createPaymentProviders, paymentConfig } from "../../src/adapters/payment/index.ts";
import { startTestApp } from "../support/test-app.ts";

const withSandbox = () => ({
  paymentProviders: createPaymentProviders(paymentConfig({ enabled: ["sandbox"] })),
});

describe("the demo WeChat login", async () => {
  const { client } = await startTestApp(withSandbox());
  const owner = await client.loginOwner();
  const sandbox = (enabled: boolean) =>
    client.put("/api/admin/v1/payments/settings/sandbox", { enabled }, owner);

  test("works while the sandbox is on, is 404 once the owner switches it off, and back when on", async () => {
    expect((await client.get("/api/v1/auth/options")).body).toEqual({ demo: true, wechat: "sandbox" });
    const alice = await client.post("/api/v1/auth/wechat", { code: "demo-alice" });
    expect(alice.status).toBe(200);

    expect((await sandbox(false)).status).toBe(200);
    const refused = await client.post("/api/v1/auth/wechat", { code: "demo-alice" });
    expect(refused.status).toBe(404);
    expect(refused.body.error.code).toBe("NOT_FOUND");
    expect((await client.get("/api/v1/auth/options")).body).toEqual({ demo: false, wechat: null });

    await sandbox(true);
    const again = await client.post("/api/v1/auth/wechat", { code: "demo-alice" });
    expect(again.body.user.id).toBe(alice.body.user.id);
  });

  test("an install that never had the sandbox has no demo login", async () => {
    const { client: live } = await startTestApp();
    expect((await live.post("/api/v1/auth/wechat", { code: "demo-alice" })).status).toBe(404);
  });

  test("a configured official account keeps working with the sandbox off", async () => {
    const { client: real } = await startTestApp({
      wechatLoginIsSandbox: false,
      wechatCodeExchange: async (code) =>
        code === "real-code" ? { ok: true, openid: "o-real" } : { ok: false, code: "CODE_INVALID" },
    });
    expect((await real.get("/api/v1/auth/options")).body).toEqual({
      demo: false,
      wechat: "official_account",
    });
    expect((await real.post("/api/v1/auth/wechat", { code: "real-code" })).status).toBe(200);
  });
});
