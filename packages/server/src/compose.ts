// Builds the object graph one API process runs on: adapters from config, the modules' wiring. The server
// (serve.ts) uses it, and so do tests that sweep a running server's database from outside.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createKuaidi100 } from "./adapters/carriers/index.ts";
import { createPaymentProviders, paymentConfig } from "./adapters/payment/index.ts";
import { wxaCode } from "./adapters/posters/code-source.ts";
import { createSmsProvider } from "./adapters/sms/index.ts";
import { createWechatApi } from "./adapters/wechat-api/client.ts";
import { createJsSdkSigner } from "./adapters/wechat-api/js-sdk.ts";
import { createSubscribeMessageSender } from "./adapters/wechat-api/subscribe-message.ts";
import { createWechatLoginFromConfig } from "./adapters/wechat-login/index.ts";
import type { Config } from "./config.ts";
import type { Database } from "./db/client.ts";
import type { AppDeps } from "./deps.ts";
import { createSecretBox, loadSecret } from "./lib/secret-box.ts";
import { registerDistributionHooks } from "./modules/commissions/hooks.ts";
import { wirePayments } from "./modules/payments/wiring.ts";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

export function composeDeps(
  config: Config,
  database: Database,
  options: { now: () => Date; log: (line: string) => void },
): AppDeps {
  const wechatLogin = createWechatLoginFromConfig(
    config.wechatOfficialAccount ? { officialAccount: config.wechatOfficialAccount } : undefined,
  );
  const sandbox = config.sandboxPaymentKey ? { privateKeyPem: config.sandboxPaymentKey } : undefined;
  const deps: AppDeps = {
    config,
    database,
    db: database.db,
    now: options.now,
    wechatCodeExchange: (code) => wechatLogin.exchangeCode(code),
    wechatLoginIsSandbox: !config.wechatOfficialAccount,
    // The sandbox writes each code to the log.
    sms: createSmsProvider(config.aliyunSms, options.log),
    secretBox: createSecretBox(loadSecret(config.secretKey, config.dataDir)),
    onSignup: [],
    paymentProviders: createPaymentProviders(
      paymentConfig({ enabled: ["sandbox"], ...(sandbox ? { sandbox } : {}) }),
    ),
    staticRoots: {
      shop: path.join(repoRoot, "apps/shop/dist"),
      admin: path.join(repoRoot, "apps/admin/dist"),
    },
  };
  if (config.wechatOfficialAccount)
    deps.wechatJsSdk = createJsSdkSigner(createWechatApi(config.wechatOfficialAccount));
  if (config.wechatMiniProgram) {
    const miniProgram = createWechatApi(config.wechatMiniProgram);
    deps.posterCodes = wxaCode(miniProgram);
    // subscription messages stay off until the merchant names a template for at least one kind of notice
    if (Object.keys(config.wechatSubscribeTemplates).length > 0)
      deps.wechatMessages = createSubscribeMessageSender(miniProgram);
  }
  if (config.kuaidi100) deps.parcelCarrier = createKuaidi100(config.kuaidi100);
  registerDistributionHooks(deps);
  wirePayments(deps);
  return deps;
}
