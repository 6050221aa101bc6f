// Looks up an enabled payment provider by its name from the composition root's set.
import type { PaymentProvider } from "../../adapters/payment/index.ts";
import type { AppDeps } from "../../deps.ts";

export function providerNamed(deps: Pick<AppDeps, "paymentProviders">, name: string): PaymentProvider | null {
  const providers = (deps.paymentProviders ?? {}) as Record<string, PaymentProvider | undefined>;
  // Own keys only: a path like /notify/valueOf/refund must not find Object.prototype.valueOf (was a 500).
  return Object.hasOwn(providers, name) ? (providers[name] ?? null) : null;
}
