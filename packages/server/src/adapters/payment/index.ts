// Builds the enabled payment providers from configuration; the composition root calls this once.
// A provider that is enabled without its section is a configuration error, thrown at startup.

import { createAlipayProvider } from "./alipay/provider.ts";
import type { PaymentConfig } from "./config.ts";
import type { PaymentProvider } from "./provider.ts";
import { createSandboxProvider, type SandboxProvider } from "./sandbox/provider.ts";
import { createWechatPayProvider } from "./wechat-pay/provider.ts";

export type PaymentProviders = {
  sandbox?: SandboxProvider;
  wechat?: PaymentProvider;
  alipay?: PaymentProvider;
};

export type ProviderDeps = { now?: () => number };

export function createPaymentProviders(config: PaymentConfig, deps: ProviderDeps = {}): PaymentProviders {
  const providers: PaymentProviders = {};
  for (const name of config.enabled) {
    if (name === "sandbox") providers.sandbox = createSandboxProvider(config.sandbox, deps);
    if (name === "wechat") {
      if (!config.wechat) throw new Error("payment provider wechat is enabled but not configured");
      providers.wechat = createWechatPayProvider(config.wechat, deps);
    }
    if (name === "alipay") {
      if (!config.alipay) throw new Error("payment provider alipay is enabled but not configured");
      providers.alipay = createAlipayProvider(config.alipay, deps);
    }
  }
  return providers;
}

export type { AlipayConfig } from "./alipay/config.ts";
export { createAlipayProvider } from "./alipay/provider.ts";
export { type PaymentConfig, paymentConfig } from "./config.ts";
export { createNonceCache, type NonceCache } from "./nonce-cache.ts";
export type * from "./provider.ts";
export type { SandboxConfig } from "./sandbox/config.ts";
export type { PayLinkCheck } from "./sandbox/pay-link.ts";
export {
  createSandboxProvider,
  type SandboxProvider,
  type SimulateInput,
  type SimulateResult,
} from "./sandbox/provider.ts";
export type { WechatPayConfig } from "./wechat-pay/config.ts";
export { createWechatPayProvider } from "./wechat-pay/provider.ts";
export { fenToYuan, yuanToFen } from "./yuan.ts";
