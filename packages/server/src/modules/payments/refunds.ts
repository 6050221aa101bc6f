// Refunds through the provider: a pending row is saved first (its out_refund_no is re-sent on retry, never
// replaced while the outcome is unknown), the provider is called outside any transaction, and its answer is
// applied in one transaction: refund row, ledger, and the after-sale (completeAfterSaleRefund / fail...).
import type { PaymentProvider, ProviderResult, RefundSnapshot } from "../../adapters/payment/index.ts";
import { inTransaction } from "../../db/transaction.ts";
import type { AppDeps } from "../../deps.ts";
import { completeAfterSaleRefund, failAfterSaleRefund } from "../aftersales/service.ts";
import { ledgerAccount } from "../ledger/accounts.ts";
import { postLedgerTransaction } from "../ledger/service.ts";
import { providerNamed } from "./providers.ts";
import {
  findOrderPayment,
  findPaidPayment,
  findRefundsOf,
  finishRefund,
  insertRefund,
  type RefundRow,
} from "./repo.ts";

type Deps = Pick<AppDeps, "db" | "now" | "orderHooks" | "paymentProviders">;
export type RefundStartInput = NonNullable<AppDeps["refunds"]>["start"] extends (i: infer I) => unknown
  ? I
  : never;

/** deps.refunds for the after-sales area. */
export function createRefunds(deps: Deps): NonNullable<AppDeps["refunds"]> {
  return { start: (input) => startAfterSaleRefund(deps, input) };
}

/** Refunds an after-sale; calling it again (a retry) re-sends a pending number or, after a failure, a new one. */
export async function startAfterSaleRefund(deps: Deps, input: RefundStartInput): Promise<void> {
  const payment = await findPaidPayment(deps.db, input.orderId);
  const order = await findOrderPayment(deps.db, input.orderId);
  const providerName = payment?.provider ?? order?.payment_provider ?? "sandbox";
  const earlier = await findRefundsOf(deps.db, { afterSaleId: input.afterSaleId });
  const open = earlier.find((r) => r.status !== "failed");
  const row =
    open ??
    (await insertRefund(deps.db, {
      afterSaleId: input.afterSaleId,
      orderId: input.orderId,
      orderNo: input.orderNo,
      provider: providerName,
      outRefundNo: `RF${input.afterSaleId}A${earlier.length + 1}`,
      amountFen: input.amountFen,
      reason: input.reason || "after-sale",
      at: deps.now(),
    }));
  const trade = {
    outTradeNo: payment?.out_trade_no ?? input.orderNo,
    totalFen: payment?.amount_fen ?? order?.payable_fen ?? input.amountFen,
  };
  await sendRefund(deps, row, trade);
}

/** Refunds money that arrived for an order that could not take it (closed, or already paid). */
export async function startAutomaticRefund(
  deps: Deps,
  input: {
    provider: PaymentProvider;
    orderId: number;
    orderNo: string;
    transactionId: string;
    amountFen: number;
    reason: string;
  },
): Promise<void> {
  const row = await insertRefund(deps.db, {
    afterSaleId: null,
    orderId: input.orderId,
    orderNo: input.orderNo,
    provider: input.provider.name,
    outRefundNo: `RFT${input.transactionId}`.slice(0, 64),
    amountFen: input.amountFen,
    reason: `automatic: ${input.reason}`,
    at: deps.now(),
  });
  await sendRefund(deps, row, { outTradeNo: input.orderNo, totalFen: input.amountFen });
}

async function sendRefund(deps: Deps, row: RefundRow, trade: { outTradeNo: string; totalFen: number }) {
  if (row.status === "succeeded") return applyRefundResult(deps, row, null);
  const provider = providerNamed(deps, row.provider);
  const result: ProviderResult<{ refund: RefundSnapshot }> = provider
    ? await provider.refund({
        outTradeNo: trade.outTradeNo,
        outRefundNo: row.out_refund_no,
        refundFen: row.amount_fen,
        totalFen: trade.totalFen,
        reason: row.reason.slice(0, 80),
      })
    : {
        ok: false,
        code: "INVALID_REQUEST",
        message: `payment provider ${row.provider} is not configured`,
        retryable: false,
      };
  await applyRefundResult(deps, row, result);
}

/** Applies the provider's answer; null re-applies a refund already succeeded (an after-sale retry). */
async function applyRefundResult(
  deps: Deps,
  row: RefundRow,
  result: ProviderResult<{ refund: RefundSnapshot }> | null,
): Promise<void> {
  const at = deps.now();
  if (result?.ok && result.refund.status === "processing") return;
  const succeeded = result === null || (result.ok && result.refund.status === "succeeded");
  await inTransaction(deps.db, async (tx) => {
    if (succeeded) {
      const refundId = result?.ok ? result.refund.refundId : row.provider_refund_id;
      await finishRefund(tx, row.id, { status: "succeeded", providerRefundId: refundId, at });
      await postLedgerTransaction(tx, {
        key: `refund:${row.provider}:${row.out_refund_no}`,
        kind: "refund",
        at,
        meta: { orderNo: row.order_no, afterSaleId: row.after_sale_id },
        entries: [
          {
            account:
              row.after_sale_id === null ? ledgerAccount.refundClearing : ledgerAccount.merchantRevenue,
            amountFen: row.amount_fen,
          },
          { account: ledgerAccount.gatewayClearing(row.provider), amountFen: -row.amount_fen },
        ],
      });
      if (row.after_sale_id !== null) {
        await completeAfterSaleRefund(
          tx,
          { afterSaleId: row.after_sale_id, refundId: row.out_refund_no, at },
          deps,
        );
      }
      return;
    }
    const reason = result && !result.ok ? `${result.code}: ${result.message}` : "provider closed the refund";
    // An unknown outcome keeps the row pending so a retry re-sends the SAME number.
    const definite = !(result && !result.ok && result.retryable);
    if (definite) await finishRefund(tx, row.id, { status: "failed", failureReason: reason, at });
    if (row.after_sale_id !== null)
      await failAfterSaleRefund(tx, { afterSaleId: row.after_sale_id, reason, at });
  });
}
