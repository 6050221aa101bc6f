// Reads the environment once, validates it with zod and exits with a clear message when it is wrong.
import { isIP } from "node:net";
import os from "node:os";
import path from "node:path";
import { z } from "zod";
import type { Kuaidi100Config } from "./adapters/carriers/index.ts";
import type { AliyunSmsConfig } from "./adapters/sms/index.ts";
import { parseSubscribeTemplates, type SubscribeTemplates } from "./adapters/wechat-api/subscribe-message.ts";

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  DATA_DIR: z.string().default("./data"),
  DATABASE_URL: z.string().url().optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).optional(),
  WORKERS: z.coerce.number().int().min(1).max(64).optional(),
  SANDBOX_PAYMENT_KEY: z.string().optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  OWNER_USERNAME: z.string().min(3).default("owner"),
  OWNER_PASSWORD: z.string().min(8).optional(),
  SEED_DEMO: z.enum(["true", "false"]).default("true"),
  PUBLIC_URL: z.string().url().optional(),
  SECRET_KEY: z.string().min(32).optional(),
  RATE_LIMIT_LOGIN_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  WECHAT_OA_APP_ID: z.string().optional(),
  WECHAT_OA_APP_SECRET: z.string().optional(),
  WECHAT_MINI_APP_ID: z.string().optional(),
  WECHAT_MINI_APP_SECRET: z.string().optional(),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
  TRUST_PROXY: z.string().optional(),
  SMS_PROVIDER: z.enum(["sandbox", "aliyun"]).default("sandbox"),
  ALIYUN_SMS_ACCESS_KEY_ID: z.string().optional(),
  ALIYUN_SMS_ACCESS_KEY_SECRET: z.string().optional(),
  ALIYUN_SMS_SIGN_NAME: z.string().optional(),
  ALIYUN_SMS_TEMPLATE_CODE: z.string().optional(),
  ALIYUN_SMS_ENDPOINT: z.string().url().optional(),
  SMS_DAILY_LIMIT_PER_PHONE: z.coerce.number().int().min(1).default(10),
  SMS_DAILY_LIMIT_PER_IP: z.coerce.number().int().min(1).default(30),
  JOB_EVERY_MS: z.string().optional(),
  KUAIDI100_CUSTOMER: z.string().optional(),
  KUAIDI100_KEY: z.string().optional(),
  KUAIDI100_URL: z.string().url().optional(),
  PARCEL_REFRESH_MINUTES: z.coerce.number().int().min(1).max(1440).default(120),
  PARCEL_SANDBOX_STEP_MINUTES: z.coerce.number().min(0.01).max(1440).default(120),
  WECHAT_SUBSCRIBE_TEMPLATES: z.string().optional(),
});

const ALIYUN_SMS_REQUIRED = [
  "ALIYUN_SMS_ACCESS_KEY_ID",
  "ALIYUN_SMS_ACCESS_KEY_SECRET",
  "ALIYUN_SMS_SIGN_NAME",
  "ALIYUN_SMS_TEMPLATE_CODE",
] as const;

/** The names proxy-addr (Fastify's trustProxy) knows for whole ranges. */
const NAMED_RANGES = new Set(["loopback", "linklocal", "uniquelocal"]);

/** An address, a CIDR range (`10.0.0.0/8`, `fd00::/8`) or a named range; null when it is none of these. */
function isTrustedProxyEntry(entry: string): boolean {
  if (NAMED_RANGES.has(entry)) return true;
  const [address = "", prefix, ...rest] = entry.split("/");
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * Per-sweep periods that replace the built-in ones: `release-commissions=1000,roll-up-tracking=500`.
 * Tests and demos use it so a browser test need not wait a minute for the release sweep.
 */
export function parseJobPeriods(value: string | undefined): Record<string, number> {
  const periods: Record<string, number> = {};
  for (const entry of (value ?? "").split(",")) {
    const text = entry.trim();
    if (!text) continue;
    const match = /^([a-z0-9-]+)=(\d+)$/.exec(text);
    if (!match || Number(match[2]) < 100)
      throw new Error(`"${text}" is not name=milliseconds (at least 100)`);
    periods[match[1]!] = Number(match[2]);
  }
  return periods;
}

/**
 * Which proxies may set the client's address (X-Forwarded-For). Unset or 0: none, the socket's peer is the
 * client. A number: that many proxies in front. A list: only these addresses/ranges are believed.
 */
export function parseTrustProxy(value: string | undefined): false | number | string[] {
  if (value === undefined || value.trim() === "" || value.trim() === "false") return false;
  const text = value.trim();
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops > 10) throw new Error("a hop count above 10 is surely a mistake");
    return hops === 0 ? false : hops;
  }
  if (text === "true")
    throw new Error(
      "true would let every client forge its address; give the hop count or the proxies' addresses",
    );
  const entries = text
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean);
  const bad = entries.filter((e) => !isTrustedProxyEntry(e));
  if (bad.length > 0)
    throw new Error(`not an address, CIDR range or loopback/linklocal/uniquelocal: ${bad.join(", ")}`);
  return entries;
}

/**
 * API processes on PostgreSQL when WORKERS is not set: the core count when the database runs on another
 * machine; half of it (at least one) when it runs on this one — a loopback host or a Unix socket — whose
 * backends need the other half. On this project's 2-core machine with the database on it, one process
 * checked out as many orders as two (201–208 against 183–203 orders/s at 32 shoppers) with a shorter tail
 * (p99 197–254 against 286–325 ms) and a quarter less server CPU per order (3.6 against 5.0–5.7 ms;
 * `npm run bench -- checkout`, alternating pairs): a second process only contends with the database.
 */
export function defaultWorkers(databaseUrl: string, cores = os.availableParallelism()): number {
  return databaseOnThisMachine(databaseUrl) ? Math.max(1, Math.floor(cores / 2)) : cores;
}

/** A loopback host, no host (the default socket) or a socket directory (`?host=/run/postgresql`). */
export function databaseOnThisMachine(databaseUrl: string): boolean {
  let url: URL;
  try {
    url = new URL(databaseUrl);
  } catch {
    return false;
  }
  const host = url.searchParams.get("host") ?? decodeURIComponent(url.hostname);
  return (
    host === "" ||
    host.startsWith("/") ||
    host === "localhost" ||
    host === "[::1]" ||
    host === "::1" ||
    /^127\.\d+\.\d+\.\d+$/.test(host)
  );
}

/**
 * About two connections per core in all, shared by the API processes (at least two each): PostgreSQL does
 * the most work per second with about that many statements running, and beyond it each backend costs more
 * CPU per order. On this project's 2-core machine, with the database on it and 32 shoppers, two processes of
 * 10 connections spent 18.8 and 22.3 ms of database CPU per checkout against 10.6 with 4 connections each
 * and 9.2 with 2 (bench checkout-cpu, same-run pairs on a busy machine). The core count is this machine's: a
 * database on its own larger machine wants DATABASE_POOL_SIZE set from its cores.
 */
export function defaultPoolSize(workers: number): number {
  return Math.max(2, Math.ceil((2 * os.availableParallelism()) / workers));
}

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** Connections per API process on PostgreSQL: DATABASE_POOL_SIZE, else defaultPoolSize(workers). */
  databasePoolSize: number;
  /** API processes sharing the port: 1 on the embedded engine (one process per data folder), else WORKERS or defaultWorkers. */
  workers: number;
  /** PEM of the sandbox payment key; unset: one is generated per start (pay links die with a restart). */
  sandboxPaymentKey: string | undefined;
  logLevel: z.infer<typeof EnvSchema>["LOG_LEVEL"];
  ownerUsername: string;
  ownerPassword: string | undefined;
  seedDemo: boolean;
  publicUrl: string;
  /** Encrypts secrets at rest (payment keys, payout identities). Generated into DATA_DIR when unset. */
  secretKey: string | undefined;
  rateLimitLoginPerMinute: number;
  bodyLimitBytes: number;
  /** Proxies believed about the client's address (TRUST_PROXY): none by default. */
  trustProxy: false | number | string[];
  /** Alibaba Cloud SMS when SMS_PROVIDER=aliyun; undefined: the sandbox (codes in the server log). */
  aliyunSms: AliyunSmsConfig | undefined;
  smsDailyLimitPerPhone: number;
  smsDailyLimitPerIp: number;
  /** Sweep periods overriding the built-in ones (JOB_EVERY_MS), by job name. */
  jobEveryMs: Record<string, number>;
  /** The official account used for WeChat web login; unset means the sandbox login. */
  wechatOfficialAccount: { appId: string; appSecret: string } | undefined;
  /** A mini-program whose code (wxacode) posters print instead of a QR code; unset: a standard QR code. */
  wechatMiniProgram: { appId: string; appSecret: string } | undefined;
  /** 快递100's enterprise account (KUAIDI100_CUSTOMER + KUAIDI100_KEY); unset: the sandbox parcel service. */
  kuaidi100: Kuaidi100Config | undefined;
  /** How often a parcel still on the road is asked about again. */
  parcelRefreshMs: number;
  /** The sandbox parcel service moves a parcel one step of its route per this long. */
  parcelSandboxStepMs: number;
  /**
   * Which notices go out as WeChat subscription messages, and with which template (WECHAT_SUBSCRIBE_TEMPLATES,
   * JSON); empty: none. They are sent only when the mini-program's keys are set too.
   */
  wechatSubscribeTemplates: SubscribeTemplates;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable counts as unset (`DATABASE_URL= npm start` means the embedded database).
  const given = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ""));
  const parsed = EnvSchema.safeParse(given);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    console.error(`Invalid configuration:\n${lines.join("\n")}`);
    process.exit(1);
  }
  const e = parsed.data;
  const missing = e.SMS_PROVIDER === "aliyun" ? ALIYUN_SMS_REQUIRED.filter((name) => !e[name]) : [];
  if (missing.length > 0) {
    console.error(`Invalid configuration:\n  SMS_PROVIDER=aliyun needs ${missing.join(", ")}`);
    process.exit(1);
  }
  if (!e.DATABASE_URL && e.WORKERS !== undefined && e.WORKERS > 1) {
    console.error(
      "Invalid configuration:\n  WORKERS: the embedded database is one process per data folder; set DATABASE_URL to run more",
    );
    process.exit(1);
  }
  let wechatSubscribeTemplates: SubscribeTemplates;
  try {
    wechatSubscribeTemplates = parseSubscribeTemplates(e.WECHAT_SUBSCRIBE_TEMPLATES);
  } catch (error) {
    console.error(`Invalid configuration:\n  WECHAT_SUBSCRIBE_TEMPLATES: ${(error as Error).message}`);
    process.exit(1);
  }
  let trustProxy: Config["trustProxy"];
  try {
    trustProxy = parseTrustProxy(e.TRUST_PROXY);
  } catch (error) {
    console.error(`Invalid configuration:\n  TRUST_PROXY: ${(error as Error).message}`);
    process.exit(1);
  }
  let jobEveryMs: Config["jobEveryMs"];
  try {
    jobEveryMs = parseJobPeriods(e.JOB_EVERY_MS);
  } catch (error) {
    console.error(`Invalid configuration:\n  JOB_EVERY_MS: ${(error as Error).message}`);
    process.exit(1);
  }
  const workers = e.DATABASE_URL ? (e.WORKERS ?? defaultWorkers(e.DATABASE_URL)) : 1;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE ?? defaultPoolSize(workers),
    workers,
    sandboxPaymentKey: e.SANDBOX_PAYMENT_KEY,
    logLevel: e.LOG_LEVEL,
    ownerUsername: e.OWNER_USERNAME,
    ownerPassword: e.OWNER_PASSWORD,
    seedDemo: e.SEED_DEMO === "true",
    publicUrl: e.PUBLIC_URL ?? `http://127.0.0.1:${e.PORT}`,
    secretKey: e.SECRET_KEY,
    rateLimitLoginPerMinute: e.RATE_LIMIT_LOGIN_PER_MINUTE,
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    trustProxy,
    aliyunSms:
      e.SMS_PROVIDER === "aliyun"
        ? {
            accessKeyId: e.ALIYUN_SMS_ACCESS_KEY_ID!,
            accessKeySecret: e.ALIYUN_SMS_ACCESS_KEY_SECRET!,
            signName: e.ALIYUN_SMS_SIGN_NAME!,
            templateCode: e.ALIYUN_SMS_TEMPLATE_CODE!,
            ...(e.ALIYUN_SMS_ENDPOINT ? { endpoint: e.ALIYUN_SMS_ENDPOINT } : {}),
          }
        : undefined,
    smsDailyLimitPerPhone: e.SMS_DAILY_LIMIT_PER_PHONE,
    smsDailyLimitPerIp: e.SMS_DAILY_LIMIT_PER_IP,
    jobEveryMs,
    wechatOfficialAccount:
      e.WECHAT_OA_APP_ID && e.WECHAT_OA_APP_SECRET
        ? { appId: e.WECHAT_OA_APP_ID, appSecret: e.WECHAT_OA_APP_SECRET }
        : undefined,
    wechatMiniProgram:
      e.WECHAT_MINI_APP_ID && e.WECHAT_MINI_APP_SECRET
        ? { appId: e.WECHAT_MINI_APP_ID, appSecret: e.WECHAT_MINI_APP_SECRET }
        : undefined,
    kuaidi100:
      e.KUAIDI100_CUSTOMER && e.KUAIDI100_KEY
        ? {
            customer: e.KUAIDI100_CUSTOMER,
            secretKey: e.KUAIDI100_KEY,
            ...(e.KUAIDI100_URL ? { baseUrl: e.KUAIDI100_URL } : {}),
          }
        : undefined,
    parcelRefreshMs: e.PARCEL_REFRESH_MINUTES * 60_000,
    parcelSandboxStepMs: Math.round(e.PARCEL_SANDBOX_STEP_MINUTES * 60_000),
    wechatSubscribeTemplates,
  };
}
