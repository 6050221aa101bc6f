// Issue 8 item 4: a failed query once logged its parameters, so one NUL byte in a sign-up wrote the phone
// and the full scrypt hash to the log. Here database errors are provoked with a known phone and hash, with
// the logger at debug level, and the whole captured log is searched for them and for other secrets.
import { Writable } from "node:stream";
import { sql } from "drizzle-orm";
import { DrizzleQueryError } from "drizzle-orm/errors";
import { describe, expect, test } from "vitest";
import { hashPassword } from "../../src/lib/password.ts";
import { insertUser } from "../../src/modules/accounts/repo.ts";
import { startTestApp } from "../support/test-app.ts";

const log: string[] = [];
const stream = new Writable({
  write(chunk, _encoding, done) {
    log.push(String(chunk));
    done();
  },
});
const ctx = await startTestApp({}, { logger: { level: "debug", stream } });
const { app, client, deps } = ctx;

const PHONE = "13712345678";
const PASSWORD = "known-pass-4321";
const HASH = await hashPassword(PASSWORD);
const HASH_TAIL = HASH.split("$").at(-1)!;
const REAL_NAME = "欧阳娜娜";

// Routes that fail the way a use case can: a value PostgreSQL refuses, an unknown relation (a fault that
// stays a 500), and a lost connection whose Drizzle wrapper still lists the parameters.
app.post("/test/refused-value", async () => {
  await insertUser(deps.db, { phone: PHONE, passwordHash: HASH, nickname: "x\u0000y" });
  return {};
});
app.post("/test/unknown-table", async () => {
  await deps.db.execute(sql`select * from no_such_table where phone = ${PHONE} and hash = ${HASH}`);
  return {};
});
app.post("/test/lost-connection", async () => {
  throw new DrizzleQueryError(
    "insert into users (phone, password_hash) values ($1, $2)",
    [PHONE, HASH],
    new Error("Connection terminated"),
  );
});
app.post("/test/log-fields", async (request) => {
  request.log.info(
    { user: { phone: PHONE, passwordHash: HASH, realName: REAL_NAME }, token: "tok-secret-123" },
    "a use case logged a row",
  );
  return {};
});

describe("the log holds no SQL parameters, bodies or personal fields", () => {
  test("database errors are answered by class and logged without their values", async () => {
    const refused = await client.post("/test/refused-value", {});
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe("DATABASE_VALUE_INVALID");
    const fault = await client.post("/test/unknown-table", {});
    expect(fault.status).toBe(500);
    expect(fault.body.error.code).toBe("INTERNAL");
    expect((await client.post("/test/lost-connection", {})).status).toBe(500);
    expect((await client.post("/test/log-fields", {})).status).toBe(200);
    // The log still says what went wrong, by SQLSTATE and statement, for whoever reads it.
    const text = log.join("");
    expect(text).toContain('"sqlState":"22021"');
    expect(text).toContain('"sqlState":"42P01"');
    expect(text).toContain("Connection terminated");
  });

  test("sign-up, login and search with the known phone and password", async () => {
    // sign-up proves the phone with the SMS code (the sandbox's code, read from the test's outbox)
    const code = await client.smsCode(PHONE);
    await client.post("/api/v1/auth/register", {
      phone: PHONE,
      password: PASSWORD,
      code,
      nickname: "a\u0000b",
    });
    const signedUp = await client.post("/api/v1/auth/register", {
      phone: PHONE,
      password: PASSWORD,
      code,
      nickname: REAL_NAME,
    });
    expect(signedUp.status).toBe(201);
    await client.post("/api/v1/auth/register", { phone: PHONE, password: PASSWORD, code });
    const token = signedUp.body.token as string;
    await client.request("GET", `/api/v1/products?q=${PHONE}`, {
      token,
      headers: { cookie: `session=${token}` },
    });
    await client.post("/api/v1/auth/login", { phone: PHONE, password: "wrong-password-1" });
    await client.post(
      "/api/v1/addresses",
      {
        name: REAL_NAME,
        phone: PHONE,
        provinceCode: "440000",
        cityCode: "440300",
        districtCode: "440305",
        detail: "科技园\u0000",
      },
      token,
    );
    const text = log.join("");
    expect(log.length).toBeGreaterThan(10);
    for (const secret of [PHONE, HASH_TAIL, PASSWORD, REAL_NAME, token, "tok-secret-123"])
      expect(text.includes(secret), `the log contains ${secret}`).toBe(false);
  });
});
