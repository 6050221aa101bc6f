// The foundation as a shopper and staff meet it: sign-up and login, roles, validation, settings, audit.
import { sql } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { createPaymentProviders, paymentConfig } from "../src/adapters/payment/index.ts";
import { queryRows } from "../src/db/client.ts";
import { permissionRoles } from "../src/http/permissions.ts";
import { startTestApp } from "./support/test-app.ts";

const { client } = await startTestApp();
/** Sign-up with the SMS code the sandbox sent (test/auth/sms-codes.test.ts has the code's own rules). */
const signUp = async (phone: string, password: string, c = client) =>
  c.post("/api/v1/auth/register", { phone, password, code: await c.smsCode(phone) });

describe("shopper accounts", () => {
  test("register, read my profile, log out revokes the token", async () => {
    const reg = await signUp("13912345678", "secret-pass");
    expect(reg.status).toBe(201);
    expect(reg.body.user.phone).toBe("139****5678");
    const me = await client.get("/api/v1/me", reg.body.token);
    expect(me.status).toBe(200);
    expect(me.body.nickname).toBe("用户5678");
    expect((await client.post("/api/v1/auth/logout", undefined, reg.body.token)).status).toBe(204);
    expect((await client.get("/api/v1/me", reg.body.token)).body.error.code).toBe("UNAUTHENTICATED");
  });

  test("the same phone cannot register twice", async () => {
    await signUp("13900000011", "secret-pass");
    // the sign-up code is refused already, so nobody learns a code for a registered phone
    const again = await client.post("/api/v1/auth/sms-codes", { phone: "13900000011", purpose: "register" });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("PHONE_TAKEN");
  });

  test("a wrong password and an unknown phone answer the same 401", async () => {
    await signUp("13900000012", "secret-pass");
    const wrong = await client.post("/api/v1/auth/login", { phone: "13900000012", password: "nope-nope" });
    const unknown = await client.post("/api/v1/auth/login", { phone: "13900000099", password: "nope-nope" });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    const ok = await client.post("/api/v1/auth/login", { phone: "13900000012", password: "secret-pass" });
    expect(ok.status).toBe(200);
  });

  test("passwords are never stored in clear", async () => {
    const fresh = await startTestApp();
    const { deps } = fresh;
    expect((await signUp("13900000013", "plain-text-pass", fresh.client)).status).toBe(201);
    const rows = await queryRows<{ password_hash: string | null }>(
      deps.db,
      sql`select password_hash from users`,
    );
    for (const row of rows) {
      expect(row.password_hash ?? "").not.toContain("plain-text-pass");
    }
  });

  test("WeChat sandbox login creates the account once and logs in again", async () => {
    // the demo login exists only while the sandbox switch is on (test/auth/wechat-demo-login.test.ts)
    const { client } = await startTestApp({
      paymentProviders: createPaymentProviders(paymentConfig({ enabled: ["sandbox"] })),
    });
    const first = await client.post("/api/v1/auth/wechat", { code: "demo-alice" });
    const second = await client.post("/api/v1/auth/wechat", { code: "demo-alice" });
    expect(first.status).toBe(200);
    expect(second.body.user.id).toBe(first.body.user.id);
    const bad = await client.post("/api/v1/auth/wechat", { code: "garbage" });
    expect(bad.body.error.code).toBe("WECHAT_LOGIN_FAILED");
  });
});

describe("bad input changes nothing", () => {
  test("malformed JSON → 400 MALFORMED_JSON", async () => {
    const res = await client.request("POST", "/api/v1/auth/register", { rawBody: '{"phone": "139' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("MALFORMED_JSON");
  });

  test("unknown and mistyped fields → 422 with the paths", async () => {
    const res = await client.post("/api/v1/auth/register", {
      phone: 13900000014,
      password: "secret-pass",
      code: "123456",
      admin: true,
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("VALIDATION_FAILED");
    const paths = res.body.error.details.issues.map((i: { path: string }) => i.path).join(" ");
    expect(paths).toContain("phone");
    const login = await client.post("/api/v1/auth/login", { phone: "13900000014", password: "secret-pass" });
    expect(login.status).toBe(401);
  });

  test("an oversized body → 413", async () => {
    const res = await client.post("/api/v1/auth/register", {
      phone: "13900000015",
      password: "x".repeat(2_000_000),
    });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe("PAYLOAD_TOO_LARGE");
  });

  test("an unknown route → 404 NOT_FOUND", async () => {
    const res = await client.get("/api/v1/nothing-here");
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("NOT_FOUND");
  });
});

describe("staff roles", () => {
  test("every admin route is reached only with a token", async () => {
    const res = await client.get("/api/admin/v1/settings");
    expect(res.status).toBe(401);
    const shopperToken = (await client.registerShopper()).token;
    expect((await client.get("/api/admin/v1/settings", shopperToken)).status).toBe(401);
  });

  test.each([
    { role: "operator" as const, canEditSettings: true, canManageStaff: false, canReadAudit: false },
    { role: "finance" as const, canEditSettings: false, canManageStaff: false, canReadAudit: true },
    { role: "support" as const, canEditSettings: false, canManageStaff: false, canReadAudit: false },
  ])("$role: settings $canEditSettings, staff $canManageStaff, audit $canReadAudit", async (c) => {
    const owner = await client.loginOwner();
    const token = await client.createStaff(owner, c.role);
    const edit = await client.patch(
      "/api/admin/v1/settings",
      { shop: { servicePhone: "400-111-2222" } },
      token,
    );
    expect(edit.status).toBe(c.canEditSettings ? 200 : 403);
    const staffList = await client.get("/api/admin/v1/staff", token);
    expect(staffList.status).toBe(c.canManageStaff ? 200 : 403);
    if (!c.canManageStaff) expect(staffList.body.error.code).toBe("FORBIDDEN");
    const audit = await client.get("/api/admin/v1/audit-log", token);
    expect(audit.status).toBe(c.canReadAudit ? 200 : 403);
  });

  test("support cannot approve a withdrawal; finance can (by the permission table)", () => {
    expect(permissionRoles["withdrawals.approve"]).not.toContain("support");
    expect(permissionRoles["withdrawals.approve"]).toContain("finance");
  });

  test("a disabled staff member is logged out at once", async () => {
    const owner = await client.loginOwner();
    const token = await client.createStaff(owner, "operator");
    const member = (await client.get("/api/admin/v1/me", token)).body;
    await client.patch(`/api/admin/v1/staff/${member.id}`, { disabled: true }, owner);
    expect((await client.get("/api/admin/v1/me", token)).status).toBe(401);
  });

  test("the last owner cannot be demoted", async () => {
    const owner = await client.loginOwner();
    const me = await client.get("/api/admin/v1/me", owner);
    const res = await client.patch(`/api/admin/v1/staff/${me.body.id}`, { role: "support" }, owner);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("LAST_OWNER");
  });
});

describe("settings and the audit log", () => {
  test("a settings change is validated, stored and audited with before and after", async () => {
    const owner = await client.loginOwner();
    const bad = await client.patch("/api/admin/v1/settings", { orders: { paymentTimeoutMinutes: 1 } }, owner);
    expect(bad.status).toBe(422);
    const res = await client.patch("/api/admin/v1/settings", { shop: { shopName: "林记水果" } }, owner);
    expect(res.status).toBe(200);
    expect(res.body.shop.shopName).toBe("林记水果");
    expect((await client.get("/api/v1/shop")).body.shopName).toBe("林记水果");
    const audit = await client.get("/api/admin/v1/audit-log?entity=settings", owner);
    const entry = audit.body.items[0];
    expect(entry.staffUsername).toBe("owner");
    expect(entry.action).toBe("settings.update");
    expect(entry.before.shopName).not.toBe("林记水果");
    expect(entry.after.shopName).toBe("林记水果");
  });
});
