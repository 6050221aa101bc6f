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

/** Payouts through `providerName` (the sandbox by default). */
export function createPayouts(deps: Pick<AppDeps, "paymentProviders">, providerName = "sandbox"): Payouts {
  const provider = () => {
    const found = providerNamed(deps, providerName);
    if (!found) throw new Error(`payment provider ${providerName} is not enabled for payouts`);
    return found;
  };
  return {
    async send(input) {
      const payee =
        input.method === "alipay"
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
        await provider().payout({
          outPayoutNo: input.outBillNo,
          amountFen: input.amountFen,
          payee,
          remark: "佣金提现",
        }),
      );
    },
    async query(outBillNo) {
      return toResult(await provider().queryPayout(outBillNo));
    },
  };
}
