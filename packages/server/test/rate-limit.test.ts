// Repeated login failures and sign-ups from one address are slowed down: after the limit, 429 RATE_LIMITED.
// A wrong password never tells whether the account exists.
import { sql } from "drizzle-orm";
import { expect, test } from "vitest";
import { loadConfig } from "../src/config.ts";
import { queryRows } from "../src/db/client.ts";
import { startTestApp } from "./support/test-app.ts";

const config = { ...loadConfig({ LOG_LEVEL: "silent" }), rateLimitLoginPerMinute: 3 };
const { client, deps } = await startTestApp({ config });

test("the fourth login attempt in a minute is refused with 429 and does not check the password", async () => {
  const attempt = () =>
    client.post("/api/v1/auth/login", { phone: "13900000001", password: "wrong-password" });
  const statuses = [];
  for (let i = 0; i < 4; i++) statuses.push((await attempt()).status);
  expect(statuses).toEqual([401, 401, 401, 429]);
  const limited = await attempt();
  expect(limited.body.error.code).toBe("RATE_LIMITED");
  expect(deps.config.rateLimitLoginPerMinute).toBe(3);
});

test("staff login is limited the same way", async () => {
  const attempt = () =>
    client.post("/api/admin/v1/auth/login", { username: "owner", password: "wrong-password" });
  const statuses = [];
  for (let i = 0; i < 4; i++) statuses.push((await attempt()).status);
  expect(statuses.at(-1)).toBe(429);
});

test("registration and SMS codes are limited too, and the refused sign-up creates no account", async () => {
  const codes: string[] = [];
  for (let i = 0; i < 3; i++) codes.push(await client.smsCode(`1380000000${i}`));
  const fourthCode = await client.post("/api/v1/auth/sms-codes", {
    phone: "13800000003",
    purpose: "register",
  });
  expect(fourthCode.status).toBe(429);
  const register = (i: number) =>
    client.post("/api/v1/auth/register", {
      phone: `1380000000${i}`,
      password: "secret-pass",
      code: codes[i] ?? "123456",
    });
  const statuses = [];
  for (let i = 0; i < 4; i++) statuses.push((await register(i)).status);
  expect(statuses).toEqual([201, 201, 201, 429]);
  const rows = await queryRows<{ phone: string }>(
    deps.db,
    sql`select phone from users where phone like '1380000000%' order by phone`,
  );
  expect(rows.map((r) => r.phone)).toEqual(["13800000000", "13800000001", "13800000002"]);
});

test("a staff login with a wrong password and with an unknown username answer the same 401", async () => {
  const { client: fresh } = await startTestApp();
  const wrong = await fresh.post("/api/admin/v1/auth/login", {
    username: "owner",
    password: "wrong-password",
  });
  const unknown = await fresh.post("/api/admin/v1/auth/login", {
    username: "nobody",
    password: "wrong-password",
  });
  expect([wrong.status, unknown.status]).toEqual([401, 401]);
  expect(wrong.body).toEqual(unknown.body);
});
