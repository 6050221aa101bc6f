// deps.payouts for withdrawals: sends a distributor's withdrawal through a provider's transfer, keyed by the
// withdrawal's stable out_bill_no; an unknown outcome answers "processing" so the caller queries, never re-sends.
import type { PayoutSnapshot, ProviderResult } from "../../adapters/payment/index.ts";
import type { AppDeps, PayoutResult, Payouts } from "../../deps.ts";
import { providerNamed } from "./providers.ts";

function toResult(result: ProviderResult<{ payout: PayoutSnapshot }>): PayoutResult {
  if (!result.ok)
    return result.retryable ? { status: "processing" } : { status: "failed", reason: result.message };
  const { status, failReason } = result.payout;
  if (status === "succeeded") return { status: "succeeded" };
  if (status === "failed" || status === "cancelled")
    return { status: "failed", reason: failReason ?? status };
  return { status: "processing" };
}

/**
 * The provider that pays a withdrawal method: WeChat merchant transfer for `wechat_api`, Alipay
 * transfer for `alipay_api` when those are enabled; otherwise (manual methods, or no keys) the sandbox.
 */
export function payoutProviderFor(deps: Pick<AppDeps, "paymentProviders">, method: string) {
  const wanted = method === "wechat_api" ? "wechat" : method === "alipay_api" ? "alipay" : "sandbox";
  const found = providerNamed(deps, wanted) ?? providerNamed(deps, "sandbox");
  if (!found) throw new Error(`no payment provider can pay out ${method}`);
  return found;
}

/** deps.payouts: each withdrawal goes to its method's provider under its stable out_bill_no. */
export function createPayouts(deps: Pick<AppDeps, "paymentProviders">): Payouts {
  return {
    async send(input) {
      const provider = payoutProviderFor(deps, input.method);
      const payee =
        provider.name === "alipay"
          ? {
              kind: "alipay_account" as const,
              account: input.account.account,
              realName: input.account.realName,
            }
          : {
              kind: "wechat_openid" as const,
              openid: input.account.account,
              realName: input.account.realName,
            };
      return toResult(
        await provider.payout({
          outPayoutNo: input.outBillNo,
          amountFen: input.amountFen,
          payee,
          remark: "佣金提现",
        }),
      );
    },
    async query(outBillNo, method) {
      return toResult(await payoutProviderFor(deps, method ?? "sandbox").queryPayout(outBillNo));
    },
  };
}
