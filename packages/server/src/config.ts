// Reads the environment once, validates it with zod and exits with a clear message when it is wrong.
import path from "node:path";
import { z } from "zod";

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  DATA_DIR: z.string().default("./data"),
  DATABASE_URL: z.string().url().optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  OWNER_USERNAME: z.string().min(3).default("owner"),
  OWNER_PASSWORD: z.string().min(8).optional(),
  SEED_DEMO: z.enum(["true", "false"]).default("true"),
  PUBLIC_URL: z.string().url().optional(),
  SECRET_KEY: z.string().min(32).optional(),
  RATE_LIMIT_LOGIN_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  WECHAT_OA_APP_ID: z.string().optional(),
  WECHAT_OA_APP_SECRET: z.string().optional(),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  databasePoolSize: number;
  logLevel: z.infer<typeof EnvSchema>["LOG_LEVEL"];
  ownerUsername: string;
  ownerPassword: string | undefined;
  seedDemo: boolean;
  publicUrl: string;
  /** Encrypts secrets at rest (payment keys, payout identities). Generated into DATA_DIR when unset. */
  secretKey: string | undefined;
  rateLimitLoginPerMinute: number;
  bodyLimitBytes: number;
  /** The official account used for WeChat web login; unset means the sandbox login. */
  wechatOfficialAccount: { appId: string; appSecret: string } | undefined;
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
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    logLevel: e.LOG_LEVEL,
    ownerUsername: e.OWNER_USERNAME,
    ownerPassword: e.OWNER_PASSWORD,
    seedDemo: e.SEED_DEMO === "true",
    publicUrl: e.PUBLIC_URL ?? `http://127.0.0.1:${e.PORT}`,
    secretKey: e.SECRET_KEY,
    rateLimitLoginPerMinute: e.RATE_LIMIT_LOGIN_PER_MINUTE,
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    wechatOfficialAccount:
      e.WECHAT_OA_APP_ID && e.WECHAT_OA_APP_SECRET
        ? { appId: e.WECHAT_OA_APP_ID, appSecret: e.WECHAT_OA_APP_SECRET }
        : undefined,
  };
}
