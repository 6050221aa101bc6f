// Wires the payments area into the dependencies: provider-backed refunds for after-sales and payouts for
// withdrawals, both through the enabled providers (the sandbox by default).
import type { AppDeps } from "../../deps.ts";
import { createPayouts } from "./payouts.ts";
import { createRefunds } from "./refunds.ts";

export function wirePayments(deps: AppDeps): void {
  if (!deps.paymentProviders) return;
  deps.refunds ??= createRefunds(deps);
  if (deps.paymentProviders.sandbox) deps.payouts ??= createPayouts(deps, "sandbox");
}
