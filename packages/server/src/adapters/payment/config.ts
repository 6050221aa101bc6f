// The payment configuration the composition root hands to createPaymentProviders: which
// providers are enabled and their keys. toJSON/inspect mask every secret (see secrets.ts).

import type { AlipayConfig } from "./alipay/config.ts";
import type { PaymentProviderName } from "./provider.ts";
import type { SandboxConfig } from "./sandbox/config.ts";
import { withMaskedSecrets } from "./secrets.ts";
import type { WechatPayConfig } from "./wechat-pay/config.ts";

export type PaymentConfig = {
  /** Which providers to build; "sandbox" alone is the keyless demo default. */
  enabled: readonly PaymentProviderName[];
  sandbox?: SandboxConfig;
  wechat?: WechatPayConfig;
  alipay?: AlipayConfig;
};

/** Wraps a config (and each provider section) so that printing it never shows a key. */
export function paymentConfig(config: PaymentConfig): PaymentConfig {
  for (const section of [config.sandbox, config.wechat, config.alipay]) {
    if (section) withMaskedSecrets(section);
  }
  return withMaskedSecrets(config);
}
