// A whole application on a fresh test database, with a clock the test moves, and a small typed client.
import { afterAll } from "vitest";
import { createSandboxSms, type SmsMessage } from "../../src/adapters/sms/index.ts";
import { createSandboxLogin } from "../../src/adapters/wechat-login/index.ts";
import { loadConfig } from "../../src/config.ts";
import type { AppDeps } from "../../src/deps.ts";
import { buildApp } from "../../src/http/app.ts";
import type { App } from "../../src/http/types.ts";
import { createSecretBox } from "../../src/lib/secret-box.ts";
import { registerDistributionHooks } from "../../src/modules/commissions/hooks.ts";
import { wirePayments } from "../../src/modules/payments/wiring.ts";
import { ensureOwner } from "../../src/modules/staff/service.ts";
import { checkLedger } from "./ledger-audit.ts";
import { createTestDatabase } from "./test-database.ts";

export const OWNER = { username: "owner", password: "owner-pass-123" };

/** Checks run after each test file against its database (the ledger audit registers itself here). */
export const postSuiteChecks: Array<(deps: AppDeps) => Promise<void>> = [checkLedger];

export type TestClock = { now: () => Date; set(iso: string | Date): void; advance(ms: number): void };

export function testClock(start = "2026-11-23T02:00:00.000Z"): TestClock {
  let current = new Date(start).getTime();
  return {
    now: () => new Date(current),
    set: (at) => {
      current = new Date(at).getTime();
    },
    advance: (ms) => {
      current += ms;
    },
  };
}

/** The codes the sandbox SMS provider "sent", newest last; `lastCode(phone)` reads one. */
export type SmsOutbox = { sent: SmsMessage[]; lastCode(phone: string): string };

function smsOutbox(): SmsOutbox {
  const sent: SmsMessage[] = [];
  return {
    sent,
    lastCode(phone) {
      const message = sent.findLast((m) => m.phone === phone);
      if (!message) throw new Error(`no SMS code was sent to ${phone}`);
      return message.code;
    },
  };
}

export type TestContext = { app: App; deps: AppDeps; clock: TestClock; client: Client; sms: SmsOutbox };

/** Builds the app once for the file; closes it and runs the post-suite checks afterwards. */
export async function startTestApp(
  overrides: Partial<AppDeps> = {},
  options: Parameters<typeof buildApp>[1] = {},
): Promise<TestContext> {
  const database = await createTestDatabase();
  const clock = testClock();
  const config = {
    ...loadConfig({ DATA_DIR: "/nonexistent", LOG_LEVEL: "silent" }),
    rateLimitLoginPerMinute: 1000,
    // every test request comes from 127.0.0.1; the per-address cap has its own test
    smsDailyLimitPerIp: 100_000,
  };
  const sms = smsOutbox();
  const deps: AppDeps = {
    config,
    database,
    db: database.db,
    now: clock.now,
    wechatCodeExchange: (code) => createSandboxLogin().exchangeCode(code),
    wechatLoginIsSandbox: true,
    sms: createSandboxSms((_line, message) => sms.sent.push(message)),
    secretBox: createSecretBox("test-secret-key-that-is-long-enough-1234"),
    onSignup: [],
    ...overrides,
  };
  registerDistributionHooks(deps);
  // Provider-backed refunds and payouts only when the test passes providers (the payments tests do).
  wirePayments(deps);
  await ensureOwner(deps, { ...OWNER, generatePassword: () => OWNER.password });
  const app = await buildApp(deps, options);
  afterAll(async () => {
    try {
      for (const check of postSuiteChecks) await check(deps);
    } finally {
      await app.close();
      await database.close();
    }
  });
  return { app, deps, clock, client: new Client(app, sms), sms };
}

export type Reply<T = any> = { status: number; body: T; headers: Record<string, unknown> };

/** A thin client over fastify.inject; `as` picks a bearer token. */
export class Client {
  constructor(
    private readonly app: App,
    private readonly sms?: SmsOutbox,
  ) {}

  async request<T = any>(
    method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
    url: string,
    options: {
      body?: unknown;
      token?: string | null;
      headers?: Record<string, string>;
      rawBody?: string;
    } = {},
  ): Promise<Reply<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let payload: string | undefined;
    if (options.rawBody !== undefined) payload = options.rawBody;
    else if (options.body !== undefined) payload = JSON.stringify(options.body);
    if (payload !== undefined) headers["content-type"] ??= "application/json";
    const res = await this.app.inject({
      method,
      url,
      headers,
      ...(payload !== undefined ? { payload } : {}),
    });
    const text = res.body;
    let body: unknown = text;
    if ((res.headers["content-type"] ?? "").toString().includes("json") && text) body = JSON.parse(text);
    return { status: res.statusCode, body: body as T, headers: res.headers };
  }

  get<T = any>(url: string, token?: string | null) {
    return this.request<T>("GET", url, { token: token ?? null });
  }
  post<T = any>(url: string, body?: unknown, token?: string | null, headers?: Record<string, string>) {
    return this.request<T>("POST", url, {
      body: body ?? {},
      token: token ?? null,
      ...(headers ? { headers } : {}),
    });
  }
  patch<T = any>(url: string, body: unknown, token?: string | null) {
    return this.request<T>("PATCH", url, { body, token: token ?? null });
  }
  put<T = any>(url: string, body: unknown, token?: string | null) {
    return this.request<T>("PUT", url, { body, token: token ?? null });
  }
  delete<T = any>(url: string, token?: string | null) {
    return this.request<T>("DELETE", url, { token: token ?? null });
  }

  async loginOwner(): Promise<string> {
    const res = await this.post("/api/admin/v1/auth/login", OWNER);
    if (res.status !== 200) throw new Error(`owner login failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.token;
  }

  async createStaff(ownerToken: string, role: "owner" | "operator" | "finance" | "support"): Promise<string> {
    const username = `${role}_${Math.random().toString(36).slice(2, 8)}`;
    const created = await this.post(
      "/api/admin/v1/staff",
      { username, name: role, role, password: "staff-pass-1" },
      ownerToken,
    );
    if (created.status !== 201) throw new Error(`create staff failed: ${JSON.stringify(created.body)}`);
    const login = await this.post("/api/admin/v1/auth/login", { username, password: "staff-pass-1" });
    return login.body.token;
  }

  /** Asks for an SMS code and returns what the sandbox sent. */
  async smsCode(phone: string, purpose: "register" | "reset_password" = "register"): Promise<string> {
    if (!this.sms) throw new Error("this client has no SMS outbox");
    const sent = await this.post("/api/v1/auth/sms-codes", { phone, purpose });
    if (sent.status !== 200) throw new Error(`sms code failed: ${sent.status} ${JSON.stringify(sent.body)}`);
    return this.sms.lastCode(phone);
  }

  /** Registers a shopper with a fresh phone number and returns their token and id. */
  async registerShopper(
    extra: { ref?: string; nickname?: string } = {},
  ): Promise<{ token: string; userId: number; phone: string }> {
    const phone = `139${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`;
    const code = await this.smsCode(phone, "register");
    const res = await this.post("/api/v1/auth/register", {
      phone,
      password: "shopper-pass-1",
      code,
      ...extra,
    });
    if (res.status !== 201) throw new Error(`register failed: ${res.status} ${JSON.stringify(res.body)}`);
    return { token: res.body.token, userId: res.body.user.id, phone };
  }
}
