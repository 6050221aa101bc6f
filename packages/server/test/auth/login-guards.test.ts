// Who is trying to log in, and how often: the client's address comes from the socket unless TRUST_PROXY
// names the proxies in front, so a forged X-Forwarded-For neither escapes the per-IP limit nor lands in the
// audit log; and each account (shopper phone, staff username) waits longer after every failure beyond five,
// from whatever address, with the right password refused until the wait is over.
import { sql } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { loadConfig, parseTrustProxy } from "../../src/config.ts";
import { queryRows } from "../../src/db/client.ts";
import { OWNER, startTestApp, type TestContext } from "../support/test-app.ts";
import { onPostgres } from "../support/test-database.ts";

const baseConfig = { ...loadConfig({ LOG_LEVEL: "silent" }), rateLimitLoginPerMinute: 1000 };

/** A login attempt from a given socket address, optionally claiming another one in X-Forwarded-For. */
async function attempt(
  ctx: TestContext,
  url: string,
  body: Record<string, string>,
  from: { remoteAddress?: string; forwardedFor?: string } = {},
) {
  const res = await ctx.app.inject({
    method: "POST",
    url,
    payload: body,
    remoteAddress: from.remoteAddress ?? "127.0.0.1",
    headers: from.forwardedFor ? { "x-forwarded-for": from.forwardedFor } : {},
  });
  return { status: res.statusCode, body: res.json(), headers: res.headers };
}

type AuditRow = { action: string; staff_username: string; staff_id: number | null; ip: string; after: any };
const auditOf = (ctx: TestContext, actions: string[]) =>
  queryRows<AuditRow>(
    ctx.deps.db,
    sql`select action, staff_username, staff_id, ip, after from audit_log
        where action in (${sql.join(
          actions.map((a) => sql`${a}`),
          sql`, `,
        )}) order by id`,
  );

describe("the per-IP limit", async () => {
  const ctx = await startTestApp({ config: { ...baseConfig, rateLimitLoginPerMinute: 3 } });

  test("a different X-Forwarded-For on each request does not escape it; the 429 says how long to wait", async () => {
    const statuses: number[] = [];
    let last: Awaited<ReturnType<typeof attempt>> | undefined;
    for (let i = 0; i < 4; i++) {
      last = await attempt(
        ctx,
        "/api/v1/auth/login",
        { phone: `1390000010${i}`, password: "wrong-password" },
        { forwardedFor: `198.51.100.${i + 1}` },
      );
      statuses.push(last.status);
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
    expect(last!.body.error.code).toBe("RATE_LIMITED");
    const wait = last!.body.error.details.retryAfterSeconds;
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60);
    expect(last!.headers["retry-after"]).toBe(String(wait));
  });
});

describe("the per-account throttle", async () => {
  const ctx = await startTestApp({ config: baseConfig });
  const { client, clock } = ctx;

  test("100 wrong passwords on one phone from 100 addresses: five are checked, the rest wait", async () => {
    const shopper = await client.registerShopper();
    const codes: string[] = [];
    for (let i = 0; i < 100; i++) {
      const res = await attempt(
        ctx,
        "/api/v1/auth/login",
        { phone: shopper.phone, password: `guess-${i}` },
        { remoteAddress: `203.0.113.${i + 1}` },
      );
      codes.push(res.body.error.code);
    }
    expect(codes.slice(0, 5)).toEqual(Array(5).fill("INVALID_CREDENTIALS"));
    expect(new Set(codes.slice(5))).toEqual(new Set(["ACCOUNT_THROTTLED"]));
  });

  test("the right password is refused during the wait (429, Retry-After, when) and accepted after it", async () => {
    const shopper = await client.registerShopper();
    for (let i = 0; i < 5; i++)
      await client.post("/api/v1/auth/login", { phone: shopper.phone, password: "wrong-password" });
    const refused = await client.post("/api/v1/auth/login", {
      phone: shopper.phone,
      password: "shopper-pass-1",
    });
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatchObject({
      code: "ACCOUNT_THROTTLED",
      details: { retryAfterSeconds: 30, retryAt: new Date(clock.now().getTime() + 30_000).toISOString() },
    });
    expect(refused.headers["retry-after"]).toBe("30");

    clock.advance(30_000);
    const ok = await client.post("/api/v1/auth/login", { phone: shopper.phone, password: "shopper-pass-1" });
    expect(ok.status).toBe(200);
    // a success forgets the failures: four more wrong passwords are each checked again
    for (let i = 0; i < 4; i++) {
      const wrong = await client.post("/api/v1/auth/login", { phone: shopper.phone, password: "wrong" });
      expect(wrong.body.error.code).toBe("INVALID_CREDENTIALS");
    }
  });

  test("each failure after the wait doubles the next wait", async () => {
    const shopper = await client.registerShopper();
    const fail = () =>
      client.post("/api/v1/auth/login", { phone: shopper.phone, password: "wrong-password" });
    for (let i = 0; i < 5; i++) await fail();
    clock.advance(30_000);
    expect((await fail()).status).toBe(401);
    expect((await fail()).body.error.details.retryAfterSeconds).toBe(60);
    clock.advance(60_000);
    await fail();
    expect((await fail()).body.error.details.retryAfterSeconds).toBe(120);
  });

  test("staff: failed and throttled logins are in the audit log, without the password", async () => {
    const fail = (username: string) =>
      attempt(
        ctx,
        "/api/admin/v1/auth/login",
        { username, password: "not-the-Passw0rd" },
        {
          remoteAddress: "192.0.2.44",
        },
      );
    for (let i = 0; i < 5; i++) expect((await fail(OWNER.username)).status).toBe(401);
    const throttled = await fail(OWNER.username);
    expect(throttled.status).toBe(429);
    expect(throttled.body.error.code).toBe("ACCOUNT_THROTTLED");
    expect((await fail("nobody-here")).status).toBe(401);

    const rows = await auditOf(ctx, ["staff.login_failed", "staff.login_throttled"]);
    expect(rows.map((r) => [r.action, r.staff_username, r.ip])).toEqual([
      ...Array(5).fill(["staff.login_failed", "owner", "192.0.2.44"]),
      ["staff.login_throttled", "owner", "192.0.2.44"],
      ["staff.login_failed", "nobody-here", "192.0.2.44"],
    ]);
    expect(rows[0]!.staff_id).toBeTypeOf("number");
    expect(rows[4]!.after).toMatchObject({ reason: "wrong_password", failures: 5 });
    expect(rows[6]).toMatchObject({ staff_id: null, after: { reason: "unknown_username" } });
    expect(JSON.stringify(rows)).not.toContain("not-the-Passw0rd");
  });
});

describe("TRUST_PROXY", () => {
  test("parses a hop count or a list of addresses and ranges, and refuses anything else", () => {
    expect(parseTrustProxy(undefined)).toBe(false);
    expect(parseTrustProxy("0")).toBe(false);
    expect(parseTrustProxy("1")).toBe(1);
    expect(parseTrustProxy("10.0.0.0/8, 127.0.0.1,fd00::/8,loopback")).toEqual([
      "10.0.0.0/8",
      "127.0.0.1",
      "fd00::/8",
      "loopback",
    ]);
    for (const bad of ["true", "10.0.0.0/33", "proxy.local", "1.2.3", "99"])
      expect(() => parseTrustProxy(bad), bad).toThrow();
  });

  test("unset: the audit log records the socket's address, not the claimed one", async () => {
    const ctx = await startTestApp({ config: baseConfig });
    await attempt(
      ctx,
      "/api/admin/v1/auth/login",
      { username: "owner", password: "wrong-password" },
      {
        remoteAddress: "10.0.0.2",
        forwardedFor: "203.0.113.7",
      },
    );
    expect((await auditOf(ctx, ["staff.login_failed"]))[0]!.ip).toBe("10.0.0.2");
  });

  test("TRUST_PROXY=1: the address the proxy forwards is the client's, in the audit log and the limit", async () => {
    const ctx = await startTestApp({
      config: { ...baseConfig, rateLimitLoginPerMinute: 2, trustProxy: parseTrustProxy("1") },
    });
    const viaProxy = (client: string, i: number) =>
      attempt(
        ctx,
        "/api/admin/v1/auth/login",
        { username: `clerk${i}`, password: "wrong-password" },
        {
          remoteAddress: "10.0.0.2",
          forwardedFor: `198.51.100.99, ${client}`,
        },
      );
    expect((await viaProxy("203.0.113.7", 1)).status).toBe(401);
    expect((await viaProxy("203.0.113.7", 2)).status).toBe(401);
    expect((await viaProxy("203.0.113.7", 3)).status).toBe(429);
    // another client behind the same proxy has its own allowance
    expect((await viaProxy("203.0.113.8", 4)).status).toBe(401);
    const ips = (await auditOf(ctx, ["staff.login_failed"])).map((r) => r.ip);
    expect(ips).toEqual(["203.0.113.7", "203.0.113.7", "203.0.113.8"]);
  });
});

describe.runIf(onPostgres)("the per-account throttle on PostgreSQL", () => {
  test("twenty wrong passwords at once on one account are each counted (no lost update)", async () => {
    const ctx = await startTestApp({ config: baseConfig });
    const shopper = await ctx.client.registerShopper();
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        attempt(ctx, "/api/v1/auth/login", { phone: shopper.phone, password: `guess-${i}` }),
      ),
    );
    const checked = answers.filter((a) => a.status === 401).length;
    const [row] = await queryRows<{ failures: number }>(
      ctx.deps.db,
      sql`select failures from login_throttles where key = ${`user:${shopper.phone}`}`,
    );
    expect(row!.failures).toBe(checked);
    expect(answers.every((a) => a.status === 401 || a.body.error.code === "ACCOUNT_THROTTLED")).toBe(true);
  });
});
