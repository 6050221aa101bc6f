// Wires the payments area into the dependencies: the shop balance's hold returned when an unpaid order ends,
// provider-backed refunds for after-sales and payouts for withdrawals (each method to its provider: WeChat
// merchant transfer, Alipay transfer, else the sandbox).
import type { AppDeps } from "../../deps.ts";
import { releaseWalletHold } from "../wallet/hold.ts";
import { createPayouts } from "./payouts.ts";
import { createRefunds } from "./refunds.ts";

export function wirePayments(deps: AppDeps): void {
  if (!deps.orderHooks.onCancelled.includes(releaseWalletHold))
    deps.orderHooks.onCancelled.push(releaseWalletHold);
  if (!deps.paymentProviders) return;
  deps.refunds ??= createRefunds(deps);
  deps.payouts ??= createPayouts(deps);
}
