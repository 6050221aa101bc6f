// The composition root: reads config, opens and migrates the database, seeds a fresh one, serves.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createPaymentProviders, paymentConfig } from "./adapters/payment/index.ts";
import { createSmsProvider } from "./adapters/sms/index.ts";
import { createWechatLoginFromConfig } from "./adapters/wechat-login/index.ts";
import { loadConfig } from "./config.ts";
import { openConfiguredDatabase } from "./db/open.ts";
import type { AppDeps } from "./deps.ts";
import { buildApp } from "./http/app.ts";
import { startScheduler } from "./jobs/scheduler.ts";
import { generatePassword } from "./lib/password.ts";
import { createSecretBox, loadSecret } from "./lib/secret-box.ts";
import { registerDistributionHooks } from "./modules/commissions/hooks.ts";
import { emptyOrderHooks } from "./modules/orders/events.ts";
import { loadStoredPaymentProviders } from "./modules/payments/settings.ts";
import { wirePayments } from "./modules/payments/wiring.ts";
import { ensureOwner } from "./modules/staff/service.ts";
import { seedDemo } from "./seed/demo.ts";

const startedAt = performance.now();
const config = loadConfig();
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const database = await openConfiguredDatabase(config);
const now = () => new Date();
const wechatLogin = createWechatLoginFromConfig(
  config.wechatOfficialAccount ? { officialAccount: config.wechatOfficialAccount } : undefined,
);

const deps: AppDeps = {
  config,
  database,
  db: database.db,
  now,
  wechatCodeExchange: (code) => wechatLogin.exchangeCode(code),
  wechatLoginIsSandbox: !config.wechatOfficialAccount,
  // The sandbox writes each code to the log (the app exists by the time anyone asks for a code).
  sms: createSmsProvider(config.aliyunSms, (line) => app.log.info(line)),
  secretBox: createSecretBox(loadSecret(config.secretKey, config.dataDir)),
  onSignup: [],
  orderHooks: emptyOrderHooks(),
  paymentProviders: createPaymentProviders(paymentConfig({ enabled: ["sandbox"] })),
  staticRoots: {
    shop: path.join(repoRoot, "apps/shop/dist"),
    admin: path.join(repoRoot, "apps/admin/dist"),
  },
};

registerDistributionHooks(deps);
// WeChat Pay / Alipay as the merchant configured them in the admin (keys sealed with SECRET_KEY).
const unloadablePayments = await loadStoredPaymentProviders(deps);
wirePayments(deps);

const owner = await ensureOwner(deps, {
  username: config.ownerUsername,
  password: config.ownerPassword,
  generatePassword: () => generatePassword(),
});
if (owner.created && config.seedDemo) await seedDemo(deps.db, now());

const app = await buildApp(deps, { logger: { level: config.logLevel } });
for (const provider of unloadablePayments)
  app.log.error(
    { provider },
    "stored payment settings do not open with this SECRET_KEY; re-enter them in the admin",
  );
await app.listen({ port: config.port, host: config.host });
const scheduler = startScheduler(deps, {
  log: (level, message, data) => app.log[level](data ?? {}, message),
});

if (owner.created) {
  const password = owner.generatedPassword ?? "(from OWNER_PASSWORD)";
  app.log.info({ username: owner.username }, "created the shop owner account");
  // Printed once, on the first start only; it is not stored anywhere in clear.
  console.log(`\n  Owner account: ${owner.username} / ${password}\n`);
}
console.log(startBanner(performance.now() - startedAt));

let closing = false;
async function shutdown(signal: string): Promise<void> {
  if (closing) return;
  closing = true;
  app.log.info({ signal }, "shutting down");
  await scheduler.stop();
  await app.close();
  await database.close();
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));

/** One readable line for the terminal: how long the start took and where each part is. */
function startBanner(ms: number): string {
  const base = config.publicUrl;
  return `Liebian ready in ${Math.round(ms)} ms (${database.engine}) · shop ${base}/ · admin ${base}/admin/ · docs ${base}/api/docs`;
}
