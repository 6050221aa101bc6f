// Wires distribution into sign-up (called from the composition root and tests): a new account is bound to
// the distributor whose link brought it. An order's money moves reach commissions by direct calls instead.
import type { AppDeps } from "../../deps.ts";
import { bindOnSignup } from "../binding/service.ts";

export function registerDistributionHooks(deps: Pick<AppDeps, "onSignup">): void {
  if (!deps.onSignup.includes(bindOnSignup)) deps.onSignup.push(bindOnSignup);
}
