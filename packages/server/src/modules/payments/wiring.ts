// Wires the payments area into the dependencies: provider-backed refunds for after-sales and payouts for
// withdrawals (each method to its provider: WeChat merchant transfer, Alipay transfer, else the sandbox).
import type { AppDeps } from "../../deps.ts";
import { createPayouts } from "./payouts.ts";
import { createRefunds } from "./refunds.ts";

export function wirePayments(deps: AppDeps): void {
  if (!deps.paymentProviders) return;
  deps.refunds ??= createRefunds(deps);
  deps.payouts ??= createPayouts(deps);
}
