// Refunds through the provider: a pending row is saved first (its out_refund_no is re-sent on retry, never
// replaced while the outcome is unknown), the provider is called outside any transaction, and its answer is
// applied in one transaction: refund row, ledger, and the after-sale (completeAfterSaleRefund / fail...).
import { BALANCE_PROVIDER, buildRefundPosting } from "@liebian/domain";
import type { PaymentProvider, ProviderResult, RefundSnapshot } from "../../adapters/payment/index.ts";
import { inTransaction } from "../../db/transaction.ts";
import type { AppDeps } from "../../deps.ts";
import { AppError, notFound } from "../../errors/app-error.ts";
import type { StaffActor } from "../../http/types.ts";
import { completeAfterSaleRefund, failAfterSaleRefund } from "../aftersales/service.ts";
import { recordAudit } from "../audit/service.ts";
import { postLedgerTransaction } from "../ledger/service.ts";
import { providerNamed } from "./providers.ts";
import {
  findOrderPayment,
  findPaidPayment,
  findRefund,
  findRefundsOf,
  finishRefund,
  insertRefund,
  lockRefund,
  noteRefundAttempt,
  type RefundRow,
} from "./repo.ts";
import { refundWalletShare } from "./wallet-refund.ts";

type Deps = Pick<AppDeps, "db" | "now" | "config" | "paymentProviders">;
export type RefundStartInput = NonNullable<AppDeps["refunds"]>["start"] extends (i: infer I) => unknown
  ? I
  : never;

/** deps.refunds for the after-sales area. */
export function createRefunds(deps: Deps): NonNullable<AppDeps["refunds"]> {
  return { start: (input) => startAfterSaleRefund(deps, input) };
}

/**
 * Refunds an after-sale; calling it again (a retry) re-sends a pending number or, after a failure, a new one.
 * The shop balance's share of a balance-paid order goes back to the wallet first (wallet-refund.ts).
 */
export async function startAfterSaleRefund(deps: Deps, whole: RefundStartInput): Promise<void> {
  const { providerFen } = await refundWalletShare(deps, whole);
  if (providerFen === 0) return;
  const input = { ...whole, amountFen: providerFen };
  const order = await findOrderPayment(deps.db, input.orderId);
  const payment = await findPaidPayment(deps.db, input.orderId, order?.payment_provider ?? undefined);
  const providerName = payment?.provider ?? order?.payment_provider ?? "sandbox";
  const earlier = (await findRefundsOf(deps.db, { afterSaleId: input.afterSaleId })).filter(
    (r) => r.provider !== BALANCE_PROVIDER,
  );
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

/**
 * Staff retry of an automatic refund (money for an order that could not take it) that failed for certain:
 * a new row under a new number, since the provider closed the old one. An after-sale's refund is retried
 * through its after-sale instead; a pending one is the sweep's to finish under its own number.
 */
export async function retryAutomaticRefund(
  deps: Deps,
  actor: StaffActor,
  refundId: number,
): Promise<RefundRow> {
  const failed = await findRefund(deps.db, refundId);
  if (!failed) throw notFound("Refund", { id: refundId });
  if (failed.status !== "failed" || failed.after_sale_id !== null)
    throw new AppError("REFUND_STATE_INVALID", "Only a failed automatic refund is retried here", {
      status: failed.status,
      afterSaleId: failed.after_sale_id,
    });
  const row = await insertRefund(deps.db, {
    afterSaleId: null,
    orderId: failed.order_id,
    orderNo: failed.order_no,
    provider: failed.provider,
    outRefundNo: `${failed.out_refund_no.slice(0, 50)}-R${failed.id}`,
    amountFen: failed.amount_fen,
    reason: failed.reason,
    at: deps.now(),
  });
  await inTransaction(deps.db, (tx) =>
    recordAudit(tx, actor, {
      action: "refund.retry",
      entity: "refund",
      entityId: failed.id,
      before: { outRefundNo: failed.out_refund_no, status: failed.status },
      after: { outRefundNo: row.out_refund_no },
    }),
  );
  await sendRefund(deps, row);
  return (await findRefund(deps.db, row.id))!;
}

/** The trade a refund row pays back: the order's paid payment with the row's provider. */
async function tradeOf(deps: Deps, row: RefundRow) {
  const payment = await findPaidPayment(deps.db, row.order_id, row.provider);
  const order = await findOrderPayment(deps.db, row.order_id);
  return {
    outTradeNo: payment?.out_trade_no ?? row.order_no,
    totalFen: payment?.amount_fen ?? order?.payable_fen ?? row.amount_fen,
  };
}

export function refundNotifyUrl(deps: Pick<AppDeps, "config">, provider: string): string {
  return `${deps.config.publicUrl}/api/v1/payments/notify/${provider}/refund`;
}

/** Sends (or re-sends, under the SAME number) one refund row and applies the answer. */
export async function sendRefund(
  deps: Deps,
  row: RefundRow,
  trade?: { outTradeNo: string; totalFen: number },
): Promise<RefundApplied> {
  if (row.status === "succeeded") return applyRefundResult(deps, row, null);
  const provider = providerNamed(deps, row.provider);
  const { outTradeNo, totalFen } = trade ?? (await tradeOf(deps, row));
  const result: ProviderResult<{ refund: RefundSnapshot }> = provider
    ? await provider.refund({
        outTradeNo,
        outRefundNo: row.out_refund_no,
        refundFen: row.amount_fen,
        totalFen,
        reason: row.reason.slice(0, 80),
        notifyUrl: refundNotifyUrl(deps, row.provider),
      })
    : {
        ok: false,
        code: "INVALID_REQUEST",
        message: `payment provider ${row.provider} is not configured`,
        retryable: false,
      };
  return applyRefundResult(deps, row, result);
}

/** Asks the provider about a pending refund; one it never received is re-sent under the same number. */
export async function reconcileRefund(deps: Deps, row: RefundRow): Promise<RefundApplied> {
  const provider = providerNamed(deps, row.provider);
  if (!provider) return "pending";
  const trade = await tradeOf(deps, row);
  const answer = await provider.queryRefund({ outTradeNo: trade.outTradeNo, outRefundNo: row.out_refund_no });
  if (!answer.ok && answer.code === "NOT_FOUND") return sendRefund(deps, row, trade);
  return applyRefundResult(deps, row, answer);
}

/**
 * Where a refund row stands after an answer: `pending` while the outcome is unknown or not final
 * (processing, ABNORMAL, timeouts: the sweep asks again under the same number), `conflict` when the
 * provider reports success for a row we had already closed as failed (recorded for the merchant).
 */
export type RefundApplied = "succeeded" | "failed" | "pending" | "conflict";

/** Applies the provider's answer (from the call, a notification or the sweep); null re-applies a success. */
export async function applyRefundResult(
  deps: Deps,
  row: RefundRow,
  result: ProviderResult<{ refund: RefundSnapshot }> | null,
): Promise<RefundApplied> {
  const at = deps.now();
  if (result && !result.ok && result.retryable) {
    await noteRefundAttempt(deps.db, row.id, `${result.code}: ${result.message}`);
    return "pending";
  }
  if (result?.ok && result.refund.status === "abnormal") {
    await noteRefundAttempt(deps.db, row.id, ABNORMAL_NOTE);
    return "pending";
  }
  if (result?.ok && result.refund.status === "processing") return "pending";
  if (result === null || (result.ok && result.refund.status === "succeeded")) {
    const refundId = result?.ok ? result.refund.refundId : row.provider_refund_id;
    return inTransaction(deps.db, async (tx) => {
      const current = await lockRefund(tx, row.id);
      if (current?.status === "failed") return "conflict";
      if (current?.status === "pending")
        await finishRefund(tx, row.id, { status: "succeeded", providerRefundId: refundId, at });
      // The refund row first, then what it caused. Replays of a posting's key are no-ops, so a second
      // success (the notification after the call's answer) posts nothing.
      const money = { provider: row.provider, outRefundNo: row.out_refund_no, amountFen: row.amount_fen };
      if (row.after_sale_id !== null)
        await completeAfterSaleRefund(tx, {
          afterSaleId: row.after_sale_id,
          refundId: row.out_refund_no,
          at,
          money,
        });
      // Money the order could not take goes back out of refund clearing; no commission was ever made on it.
      else
        await postLedgerTransaction(
          tx,
          buildRefundPosting({ ...money, orderNo: row.order_no, afterSaleId: null, at }),
        );
      return "succeeded";
    });
  }
  // A definite no (refund closed, or refused outright): the row fails and the after-sale shows it, retryable.
  const reason = !result.ok
    ? `${result.code}: ${result.message}`
    : `provider ${result.refund.providerStatus}`;
  return inTransaction(deps.db, async (tx) => {
    const moved = await finishRefund(tx, row.id, { status: "failed", failureReason: reason, at });
    if (moved && row.after_sale_id !== null)
      await failAfterSaleRefund(tx, { afterSaleId: row.after_sale_id, reason, at });
    return moved ? "failed" : ((await lockRefund(tx, row.id))?.status as RefundApplied);
  });
}

const ABNORMAL_NOTE =
  "ABNORMAL: the buyer's account could not take the refund; finish it in the merchant platform (异常退款)";
