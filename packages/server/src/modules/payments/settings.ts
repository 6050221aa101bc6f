// The merchant's payment settings per provider (WeChat Pay, Alipay), set in the admin. A save is checked by
// building the provider from it (a key that does not load is refused, naming the field), then stored with
// the secrets sealed by the secret box, and the running provider is replaced. Secrets never come back in
// full: private keys as the fingerprint of their public half, the APIv3 key as its last four characters.
import { createHash, createPrivateKey, createPublicKey, type KeyObject } from "node:crypto";
import { z } from "zod";
import { loadAlipayPrivateKey, loadAlipayPublicKey } from "../../adapters/payment/alipay/sign.ts";
import {
  type AlipayConfig,
  createAlipayProvider,
  createSandboxProvider,
  createWechatPayProvider,
  type PaymentProvider,
  type WechatPayConfig,
} from "../../adapters/payment/index.ts";
import { inTransaction } from "../../db/transaction.ts";
import type { AppDeps } from "../../deps.ts";
import { AppError } from "../../errors/app-error.ts";
import type { StaffActor } from "../../http/types.ts";
import { maskTail } from "../../lib/secret-box.ts";
import { recordAudit } from "../audit/service.ts";
import { notifyUrl } from "./pay.ts";
import { refundNotifyUrl } from "./refunds.ts";
import { findPaymentSettings, lockPaymentSettings, upsertPaymentSettings } from "./repo.ts";

const pem = z.string().min(1).max(10_000);
const httpsUrl = z.url({ protocol: /^https?$/ }).max(300);

export const WechatSettingsBody = z.strictObject({
  enabled: z.boolean(),
  mchid: z.string().regex(/^\d{6,20}$/),
  appid: z.string().min(1).max(32),
  merchantSerial: z.string().regex(/^[0-9A-Fa-f]{8,64}$/),
  /** Serial (platform certificate) or PUB_KEY_ID_… → PEM public key or certificate. Not secret. */
  wechatpayPublicKeys: z
    .record(z.string().min(1).max(64), pem)
    .refine((keys) => Object.keys(keys).length > 0, "at least one WeChat Pay public key"),
  baseUrl: httpsUrl.optional(),
  /** Secret. Leave out to keep the stored one. */
  merchantPrivateKeyPem: pem.optional(),
  /** Secret. Leave out to keep the stored one. */
  apiV3Key: z.string().length(32).optional(),
});

/** The sandbox takes "payments" that move no money: on for the demo, switched off before the shop goes live. */
export const SandboxSettingsBody = z.strictObject({ enabled: z.boolean() });

export const AlipaySettingsBody = z.strictObject({
  enabled: z.boolean(),
  appId: z.string().regex(/^\d{10,20}$/),
  sellerId: z.string().regex(/^2088\d{12}$/),
  alipayPublicKey: pem,
  gatewayUrl: httpsUrl.optional(),
  /** Secret. Leave out to keep the stored one. */
  privateKey: pem.optional(),
});

const SECRET_FIELDS = {
  wechat: ["merchantPrivateKeyPem", "apiV3Key"],
  alipay: ["privateKey"],
} as const;

export type ConfigurableProvider = keyof typeof SECRET_FIELDS;
type Deps = Pick<AppDeps, "db" | "config" | "secretBox" | "paymentProviders">;
type Secrets = Record<string, string>;

function invalid(field: string, message: string): never {
  throw new AppError("PAYMENT_SETTINGS_INVALID", message, { field });
}

function loadKey<T>(field: string, load: () => T): T {
  try {
    return load();
  } catch {
    return invalid(field, `${field} is not a key this provider can use`);
  }
}

/** Builds the provider from public fields + secrets; refuses, naming the field, what would not work. */
function buildProvider(
  provider: ConfigurableProvider,
  publicFields: Record<string, unknown>,
  secrets: Secrets,
) {
  for (const field of SECRET_FIELDS[provider])
    if (!secrets[field]) invalid(field, `${field} is required the first time`);
  if (provider === "wechat") {
    const config = { ...publicFields, ...secrets } as unknown as WechatPayConfig;
    loadKey("merchantPrivateKeyPem", () => createPrivateKey(config.merchantPrivateKeyPem));
    for (const [serial, key] of Object.entries(config.wechatpayPublicKeys))
      loadKey(`wechatpayPublicKeys.${serial}`, () => createPublicKey(key));
    return createWechatPayProvider(config);
  }
  const config = { ...publicFields, ...secrets } as unknown as AlipayConfig;
  loadKey("privateKey", () => loadAlipayPrivateKey(config.privateKey));
  loadKey("alipayPublicKey", () => loadAlipayPublicKey(config.alipayPublicKey));
  return createAlipayProvider(config);
}

function fingerprint(key: KeyObject): string {
  const der = createPublicKey(key).export({ type: "spki", format: "der" });
  return `SHA256:${createHash("sha256").update(der).digest("hex").slice(0, 16)}`;
}

/** What the admin may see of each secret: whether it is set, and a hint to recognise it by. */
function secretHints(provider: ConfigurableProvider, secrets: Secrets): Record<string, string | null> {
  const hints: Record<string, string | null> = {};
  for (const field of SECRET_FIELDS[provider]) {
    const value = secrets[field];
    if (!value) hints[field] = null;
    else if (field === "apiV3Key") hints[field] = maskTail(value);
    else
      hints[field] = fingerprint(
        provider === "alipay" ? loadAlipayPrivateKey(value) : createPrivateKey(value),
      );
  }
  return hints;
}

function splitBody(provider: ConfigurableProvider, body: Record<string, unknown>) {
  const { enabled, ...rest } = body;
  const publicFields: Record<string, unknown> = {};
  const secrets: Secrets = {};
  for (const [key, value] of Object.entries(rest)) {
    if ((SECRET_FIELDS[provider] as readonly string[]).includes(key)) secrets[key] = String(value);
    else publicFields[key] = value;
  }
  return { enabled: enabled === true, publicFields, secrets };
}

export async function listPaymentSettings(deps: Deps) {
  const stored = await findPaymentSettings(deps.db);
  const providers = ["sandbox", "wechat", "alipay"] as const;
  return providers.map((provider) => {
    const row = stored.find((r) => r.provider === provider);
    const urls = {
      paymentNotifyUrl: notifyUrl(deps, provider),
      refundNotifyUrl: refundNotifyUrl(deps, provider),
    };
    if (provider === "sandbox" || !row)
      return {
        provider,
        enabled: provider === "sandbox" ? Boolean(deps.paymentProviders?.sandbox) : false,
        configured: provider === "sandbox",
        settings: {},
        secrets: {},
        ...urls,
      };
    const secrets = JSON.parse(deps.secretBox.open(row.secrets_sealed)) as Secrets;
    return {
      provider,
      enabled: row.enabled,
      configured: true,
      settings: row.public,
      secrets: secretHints(provider, secrets),
      ...urls,
    };
  });
}

/** Saves one provider's settings (secrets left out are kept) and switches the running provider over. */
export async function savePaymentSettings(
  deps: Deps,
  actor: StaffActor,
  provider: ConfigurableProvider,
  body: z.infer<typeof WechatSettingsBody> | z.infer<typeof AlipaySettingsBody>,
  now: Date,
) {
  const { enabled, publicFields, secrets } = splitBody(provider, body);
  const built = await inTransaction(deps.db, async (tx) => {
    const before = await lockPaymentSettings(tx, provider);
    const kept = before ? (JSON.parse(deps.secretBox.open(before.secrets_sealed)) as Secrets) : {};
    const merged = { ...kept, ...secrets };
    const instance = buildProvider(provider, publicFields, merged);
    await upsertPaymentSettings(tx, {
      provider,
      enabled,
      public: publicFields,
      secretsSealed: deps.secretBox.seal(JSON.stringify(merged)),
      at: now,
    });
    await recordAudit(tx, actor, {
      action: "payments.configure",
      entity: "payment_settings",
      entityId: provider,
      before: before
        ? { enabled: before.enabled, settings: before.public, secrets: secretHints(provider, kept) }
        : null,
      after: { enabled, settings: publicFields, secrets: secretHints(provider, merged) },
    });
    return instance;
  });
  switchProvider(deps, provider, enabled ? built : null);
  return (await listPaymentSettings(deps)).find((s) => s.provider === provider)!;
}

/**
 * Whether the shop is in demo mode: the owner's sandbox switch is on. The demo stand-ins (sandbox payments,
 * the demo WeChat login, SMS codes shown in the app) work only then.
 */
export function sandboxSwitchedOn(deps: Pick<AppDeps, "paymentProviders">): boolean {
  return Boolean(deps.paymentProviders?.sandbox);
}

/**
 * Switches the sandbox on or off for checkout, its pay page and its notifications. Off, a shopper can no longer
 * "pay" without money, and withdrawals by API need the real provider. Stored, so a restart keeps it.
 */
export async function saveSandboxSetting(deps: Deps, actor: StaffActor, enabled: boolean, now: Date) {
  await inTransaction(deps.db, async (tx) => {
    const before = await lockPaymentSettings(tx, "sandbox");
    await upsertPaymentSettings(tx, {
      provider: "sandbox",
      enabled,
      public: {},
      secretsSealed: deps.secretBox.seal("{}"),
      at: now,
    });
    await recordAudit(tx, actor, {
      action: "payments.configure",
      entity: "payment_settings",
      entityId: "sandbox",
      before: { enabled: before ? before.enabled : Boolean(deps.paymentProviders?.sandbox) },
      after: { enabled },
    });
  });
  const running = deps.paymentProviders?.sandbox;
  switchProvider(deps, "sandbox", enabled ? (running ?? createSandboxProvider()) : null);
  return (await listPaymentSettings(deps)).find((s) => s.provider === "sandbox")!;
}

function switchProvider(
  deps: Deps,
  provider: ConfigurableProvider | "sandbox",
  instance: PaymentProvider | null,
) {
  deps.paymentProviders ??= {};
  // The map is typed per name; the callers pass the instance that belongs under that name.
  const providers = deps.paymentProviders as Record<string, PaymentProvider>;
  if (instance) providers[provider] = instance;
  else delete providers[provider];
}

/**
 * At start-up: the stored, enabled providers join the running set, and a sandbox the merchant switched off
 * leaves it; returns the ones that failed to load.
 */
export async function loadStoredPaymentProviders(deps: Deps): Promise<string[]> {
  const failed: string[] = [];
  for (const row of await findPaymentSettings(deps.db)) {
    if (row.provider === "sandbox") {
      if (!row.enabled) switchProvider(deps, "sandbox", null);
      continue;
    }
    if (!row.enabled) continue;
    const provider = row.provider as ConfigurableProvider;
    try {
      const secrets = JSON.parse(deps.secretBox.open(row.secrets_sealed)) as Secrets;
      switchProvider(deps, provider, buildProvider(provider, row.public, secrets));
    } catch {
      // Usually a changed SECRET_KEY: the sealed keys no longer open. The merchant re-enters them.
      failed.push(provider);
    }
  }
  return failed;
}
