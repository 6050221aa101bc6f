// deps.payouts for withdrawals: sends a distributor's withdrawal through a provider's transfer, keyed by the
// withdrawal's stable out_bill_no; an unknown outcome answers "processing" so the caller queries, never re-sends.
import type { PaymentProvider, PayoutSnapshot, ProviderResult } from "../../adapters/payment/index.ts";
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

const API_METHODS: Record<string, "wechat" | "alipay"> = { wechat_api: "wechat", alipay_api: "alipay" };

/**
 * Who pays a withdrawal method: WeChat merchant transfer for `wechat_api`, Alipay transfer for `alipay_api`;
 * while the sandbox runs (the demo) it stands in for a missing one and pays the manual methods too.
 * Without the sandbox, a manual method (bank card, QR) is paid by finance outside Liebian, so approving it
 * records the payout ("offline"); an API method whose provider is off has nobody to pay it (null).
 */
export function payoutProviderFor(
  deps: Pick<AppDeps, "paymentProviders">,
  method: string,
): PaymentProvider | "offline" | null {
  const api = API_METHODS[method];
  const sandbox = providerNamed(deps, "sandbox");
  if (api) return providerNamed(deps, api) ?? sandbox;
  return sandbox ?? "offline";
}

const NO_PROVIDER = (method: string): PayoutResult => ({
  status: "failed",
  reason: `no payment provider pays ${method}: switch it on in 支付设置, then approve again`,
});

/** deps.payouts: each withdrawal goes to its method's provider under its stable out_bill_no. */
export function createPayouts(deps: Pick<AppDeps, "paymentProviders">): Payouts {
  return {
    async send(input) {
      const provider = payoutProviderFor(deps, input.method);
      if (provider === "offline") return { status: "succeeded" };
      if (!provider) return NO_PROVIDER(input.method);
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
      const provider = payoutProviderFor(deps, method ?? "sandbox");
      if (provider === "offline") return { status: "succeeded" };
      if (!provider) return NO_PROVIDER(method ?? "sandbox");
      return toResult(await provider.queryPayout(outBillNo));
    },
  };
}
