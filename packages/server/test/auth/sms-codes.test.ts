// Phone ownership by SMS code, as a shopper meets it: sign-up, 忘记密码 and a new phone each need the 6-digit
// code sent to that phone; a code lives 5 minutes (the injected clock, no sleeps), allows 5 tries and is used
// once, is stored only hashed; one send a minute per phone, a daily cap per phone and per address; in demo
// mode the sandbox hands the code back to the app; a reset ends every other session.
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, test } from "vitest";
import { createPaymentProviders, paymentConfig } from "../../src/adapters/payment/index.ts";
import { createAliyunSms } from "../../src/adapters/sms/index.ts";
import { loadConfig } from "../../src/config.ts";
import { queryRows } from "../../src/db/client.ts";
import { type AliyunSmsFake, startAliyunSmsFake } from "../fake-gateways/aliyun-sms-gateway.ts";
import { startTestApp, type TestContext } from "../support/test-app.ts";
import { onPostgres } from "../support/test-database.ts";

const ctx = await startTestApp();
const { client, clock, sms } = ctx;
let serial = 0;
const freshPhone = () =>
  `137${String(Date.now() % 1e5).padStart(5, "0")}${String(serial++).padStart(3, "0")}`;
const askCode = (phone: string, purpose = "register", c: TestContext = ctx) =>
  c.client.post("/api/v1/auth/sms-codes", { phone, purpose });
const register = (phone: string, code: string, password = "shopper-pass-1") =>
  client.post("/api/v1/auth/register", { phone, password, code });

describe("sign-up", () => {
  test("needs the code sent to the phone; a wrong one says how many tries are left; a code works once", async () => {
    const phone = freshPhone();
    const noCode = await client.post("/api/v1/auth/register", { phone, password: "shopper-pass-1" });
    expect(noCode.status).toBe(422);

    const sent = await askCode(phone);
    expect(sent.status).toBe(200);
    expect(sent.body).toEqual({
      sentTo: `${phone.slice(0, 3)}****${phone.slice(7)}`,
      expiresInSeconds: 300,
      resendAfterSeconds: 60,
      demoCode: null,
    });
    const code = sms.lastCode(phone);
    expect(code).toMatch(/^\d{6}$/);

    const wrong = await register(phone, code === "000000" ? "000001" : "000000");
    expect(wrong.status).toBe(422);
    expect(wrong.body.error).toMatchObject({ code: "SMS_CODE_INVALID", details: { attemptsLeft: 4 } });
    expect((await register(phone, code)).status).toBe(201);
    // a registered phone gets no sign-up code
    clock.advance(61_000);
    expect((await askCode(phone)).body.error.code).toBe("PHONE_TAKEN");
  });

  test("the code is stored only as a hash", async () => {
    const phone = freshPhone();
    await askCode(phone);
    const code = sms.lastCode(phone);
    const rows = await queryRows<Record<string, unknown>>(
      ctx.deps.db,
      sql`select * from sms_codes where phone = ${phone}`,
    );
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(`"${code}"`);
    expect(String(rows[0]!.code_hash)).toMatch(/^[0-9a-f]{64}$/);
  });

  test("a code expires after 5 minutes", async () => {
    const late = freshPhone();
    await askCode(late);
    clock.advance(5 * 60_000);
    const expired = await register(late, sms.lastCode(late));
    expect(expired.status).toBe(422);
    expect(expired.body.error.code).toBe("SMS_CODE_EXPIRED");

    const justInTime = freshPhone();
    await askCode(justInTime);
    clock.advance(5 * 60_000 - 1000);
    expect((await register(justInTime, sms.lastCode(justInTime))).status).toBe(201);
  });

  test("after 5 wrong tries even the right code is refused", async () => {
    const phone = freshPhone();
    await askCode(phone);
    const code = sms.lastCode(phone);
    const other = code === "123456" ? "654321" : "123456";
    const left: number[] = [];
    for (let i = 0; i < 5; i++) left.push((await register(phone, other)).body.error.details.attemptsLeft);
    expect(left).toEqual([4, 3, 2, 1, 0]);
    const refused = await register(phone, code);
    expect(refused.body.error.code).toBe("SMS_CODE_ATTEMPTS_EXCEEDED");
    // a new code starts over
    clock.advance(60_000);
    await askCode(phone);
    expect((await register(phone, sms.lastCode(phone))).status).toBe(201);
  });
});

describe("sending", () => {
  test("one code a minute per phone: the second says how long to wait", async () => {
    const phone = freshPhone();
    expect((await askCode(phone)).status).toBe(200);
    clock.advance(20_000);
    const again = await askCode(phone);
    expect(again.status).toBe(429);
    expect(again.body.error).toMatchObject({ code: "SMS_CODE_TOO_SOON", details: { retryAfterSeconds: 40 } });
    expect(again.headers["retry-after"]).toBe("40");
    clock.advance(40_000);
    expect((await askCode(phone)).status).toBe(200);
  });

  test("at most 10 codes a day to one phone", async () => {
    const phone = freshPhone();
    for (let i = 0; i < 10; i++) {
      expect((await askCode(phone)).status, `send ${i + 1}`).toBe(200);
      clock.advance(61_000);
    }
    const capped = await askCode(phone);
    expect(capped.status).toBe(429);
    expect(capped.body.error).toMatchObject({
      code: "SMS_DAILY_LIMIT",
      details: { reason: "PHONE_DAILY_LIMIT" },
    });
    // the first of the ten leaves the 24-hour window after 24 h − 10 × 61 s
    expect(capped.body.error.details.retryAfterSeconds).toBe(24 * 3600 - 10 * 61);
    clock.advance(capped.body.error.details.retryAfterSeconds * 1000);
    expect((await askCode(phone)).status).toBe(200);
  });

  test("a daily cap per address, whatever the phones", async () => {
    const capped = await startTestApp({
      config: { ...loadConfig({ LOG_LEVEL: "silent" }), smsDailyLimitPerIp: 3 },
    });
    const from = (remoteAddress: string) =>
      capped.app.inject({
        method: "POST",
        url: "/api/v1/auth/sms-codes",
        payload: { phone: freshPhone(), purpose: "register" },
        remoteAddress,
      });
    for (let i = 0; i < 3; i++) expect((await from("198.51.100.5")).statusCode).toBe(200);
    const refused = await from("198.51.100.5");
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.details.reason).toBe("IP_DAILY_LIMIT");
    expect((await from("198.51.100.6")).statusCode).toBe(200);
  });

  test("a provider failure is a 502 that does not use up the minute", async () => {
    const phone = freshPhone();
    const sandbox = ctx.deps.sms;
    ctx.deps.sms = {
      kind: "aliyun",
      send: async () => ({ ok: false, code: "PROVIDER_UNAVAILABLE", message: "down" }),
    };
    try {
      const failed = await askCode(phone);
      expect(failed.status).toBe(502);
      expect(failed.body.error).toMatchObject({
        code: "SMS_SEND_FAILED",
        details: { reason: "PROVIDER_UNAVAILABLE" },
      });
    } finally {
      ctx.deps.sms = sandbox;
    }
    expect((await askCode(phone)).status).toBe(200);
  });
});

describe("demo mode", () => {
  test("with the sandbox switch on the app gets the code; switched off it does not", async () => {
    const demo = await startTestApp({
      paymentProviders: createPaymentProviders(paymentConfig({ enabled: ["sandbox"] })),
    });
    const phone = freshPhone();
    const shown = await askCode(phone, "register", demo);
    expect(shown.body.demoCode).toBe(demo.sms.lastCode(phone));

    const owner = await demo.client.loginOwner();
    await demo.client.put("/api/admin/v1/payments/settings/sandbox", { enabled: false }, owner);
    demo.clock.advance(61_000);
    const hidden = await askCode(phone, "register", demo);
    expect(hidden.status).toBe(200);
    expect(hidden.body.demoCode).toBeNull();
  });
});

describe("忘记密码", () => {
  test("a reset with the code sets the password and ends every other session", async () => {
    const shopper = await client.registerShopper();
    const otherDevice = (
      await client.post("/api/v1/auth/login", { phone: shopper.phone, password: "shopper-pass-1" })
    ).body.token;
    clock.advance(61_000);
    expect((await askCode(shopper.phone, "reset_password")).status).toBe(200);
    const reset = await client.post("/api/v1/auth/reset-password", {
      phone: shopper.phone,
      code: sms.lastCode(shopper.phone),
      password: "brand-new-pass",
    });
    expect(reset.status).toBe(200);
    expect((await client.get("/api/v1/me", reset.body.token)).status).toBe(200);
    for (const old of [shopper.token, otherDevice])
      expect((await client.get("/api/v1/me", old)).body.error.code).toBe("UNAUTHENTICATED");
    const oldPassword = await client.post("/api/v1/auth/login", {
      phone: shopper.phone,
      password: "shopper-pass-1",
    });
    expect(oldPassword.status).toBe(401);
    expect(
      (await client.post("/api/v1/auth/login", { phone: shopper.phone, password: "brand-new-pass" })).status,
    ).toBe(200);
  });

  test("a reset lifts the wait of a throttled account; an unknown phone gets no code", async () => {
    const shopper = await client.registerShopper();
    for (let i = 0; i < 6; i++)
      await client.post("/api/v1/auth/login", { phone: shopper.phone, password: "nope" });
    clock.advance(61_000);
    await askCode(shopper.phone, "reset_password");
    await client.post("/api/v1/auth/reset-password", {
      phone: shopper.phone,
      code: sms.lastCode(shopper.phone),
      password: "brand-new-pass",
    });
    expect(
      (await client.post("/api/v1/auth/login", { phone: shopper.phone, password: "brand-new-pass" })).status,
    ).toBe(200);
    const unknown = await askCode(freshPhone(), "reset_password");
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe("PHONE_NOT_REGISTERED");
  });

  test("a sign-up code does not reset a password", async () => {
    const shopper = await client.registerShopper();
    clock.advance(61_000);
    const reset = await client.post("/api/v1/auth/reset-password", {
      phone: shopper.phone,
      code: sms.lastCode(shopper.phone),
      password: "brand-new-pass",
    });
    expect(reset.body.error.code).toBe("SMS_CODE_INVALID");
  });
});

describe("changing the phone", () => {
  test("the new phone's code moves the login there; a taken phone is refused", async () => {
    const shopper = await client.registerShopper();
    const newPhone = freshPhone();
    const sent = await client.post("/api/v1/me/phone/sms-codes", { phone: newPhone }, shopper.token);
    expect(sent.status).toBe(200);
    const moved = await client.put(
      "/api/v1/me/phone",
      { phone: newPhone, code: sms.lastCode(newPhone) },
      shopper.token,
    );
    expect(moved.status).toBe(200);
    expect(moved.body.phone).toBe(`${newPhone.slice(0, 3)}****${newPhone.slice(7)}`);
    expect(
      (await client.post("/api/v1/auth/login", { phone: newPhone, password: "shopper-pass-1" })).status,
    ).toBe(200);
    expect(
      (await client.post("/api/v1/auth/login", { phone: shopper.phone, password: "shopper-pass-1" })).status,
    ).toBe(401);

    const other = await client.registerShopper();
    const taken = await client.post("/api/v1/me/phone/sms-codes", { phone: other.phone }, shopper.token);
    expect(taken.body.error.code).toBe("PHONE_TAKEN");
    expect((await client.post("/api/v1/me/phone/sms-codes", { phone: newPhone }, null)).status).toBe(401);
  });
});

describe("Alibaba Cloud SMS", async () => {
  const fake: AliyunSmsFake = await startAliyunSmsFake(() => aliyun.clock.now().getTime());
  afterAll(() => fake.close());
  const aliyun = await startTestApp({
    sms: createAliyunSms(
      {
        accessKeyId: fake.accessKeyId,
        accessKeySecret: fake.accessKeySecret,
        signName: fake.signName,
        templateCode: fake.templateCode,
        endpoint: fake.url,
      },
      () => aliyun.clock.now(),
    ),
    paymentProviders: createPaymentProviders(paymentConfig({ enabled: ["sandbox"] })),
  });

  test("sign-up with the code the signed SendSms delivered; never shown in the app, even in demo mode", async () => {
    const phone = freshPhone();
    const sent = await askCode(phone, "register", aliyun);
    expect(sent.status).toBe(200);
    expect(sent.body.demoCode).toBeNull();
    const delivered = fake.sent.at(-1)!;
    expect(delivered.phone).toBe(phone);
    const signedUp = await aliyun.client.post("/api/v1/auth/register", {
      phone,
      password: "shopper-pass-1",
      code: delivered.templateParam.code,
    });
    expect(signedUp.status).toBe(201);
  });
});

describe.runIf(onPostgres)("races on PostgreSQL", () => {
  test("two sends to one phone at once: one SMS", async () => {
    const phone = freshPhone();
    const before = sms.sent.length;
    const answers = await Promise.all([askCode(phone), askCode(phone), askCode(phone)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 429, 429]);
    expect(sms.sent.length - before).toBe(1);
  });

  test("one code used by two sign-ups at once: one account", async () => {
    const phone = freshPhone();
    await askCode(phone);
    const code = sms.lastCode(phone);
    const answers = await Promise.all([register(phone, code), register(phone, code)]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 422]);
  });
});
