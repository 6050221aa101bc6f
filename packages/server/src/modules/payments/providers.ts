// Looks up an enabled payment provider by its name from the composition root's set.
import type { PaymentProvider } from "../../adapters/payment/index.ts";
import type { AppDeps } from "../../deps.ts";

export function providerNamed(deps: Pick<AppDeps, "paymentProviders">, name: string): PaymentProvider | null {
  const providers = deps.paymentProviders ?? {};
  return (providers as Record<string, PaymentProvider | undefined>)[name] ?? null;
}
