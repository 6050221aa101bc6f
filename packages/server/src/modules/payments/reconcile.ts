// Reconciliation: asks the providers about trades and refunds we are still waiting on, because a
// notification can be lost ("商户应调用查询订单接口确认订单状态"), and applies each answer through the same
// exactly-once paths as the notifications (applyPaymentEvent, applyRefundResult). Provider calls run
// outside any transaction; a second sweep, or one in another process, applies nothing twice.
import type { AppDeps } from "../../deps.ts";
import { applyPaymentEvent } from "./notify.ts";
import { providerNamed } from "./providers.ts";
import { reconcileRefund } from "./refunds.ts";
import {
  claimStalePendingPayments,
  closePendingPayment,
  findRefundingWithoutRefund,
  findStalePendingRefunds,
  insertProviderEvent,
  markTradeFailed,
} from "./repo.ts";

type Deps = Pick<AppDeps, "db" | "now" | "config" | "paymentProviders" | "refunds">;

/** A trade is asked about once it has been pending this long: the buyer has had time to pay. */
export const RECONCILE_AFTER_MS = 5 * 60_000;
/** Past this the provider's answer is final (the order closed long ago); stop asking. */
export const RECONCILE_UNTIL_MS = 48 * 3_600_000;
/** Refunds are asked about sooner: the synchronous answer only ever said "accepted". */
export const RECONCILE_REFUNDS_AFTER_MS = 60_000;
const BATCH = 50;

/** Applies what the providers say about stale pending trades; returns how many changed. */
export async function reconcilePendingPayments(deps: Deps, now: Date, batch = BATCH): Promise<number> {
  const rows = await claimStalePendingPayments(deps.db, {
    olderThan: new Date(now.getTime() - RECONCILE_AFTER_MS),
    newerThan: new Date(now.getTime() - RECONCILE_UNTIL_MS),
    now,
    limit: batch,
  });
  let moved = 0;
  for (const row of rows) {
    const provider = providerNamed(deps, row.provider);
    if (!provider) continue;
    const answer = await provider.queryPayment(row.out_trade_no);
    if (!answer.ok) {
      // Never opened the cashier, and the order has ended: nothing will ever be paid under this trade.
      if (answer.code === "NOT_FOUND" && row.order_status !== "pending_payment") {
        await closePendingPayment(deps.db, row.id);
        moved++;
      }
      continue; // unknown: ask again next sweep
    }
    const payment = answer.payment;
    if (payment.status === "paid") {
      const event = { ...payment, provider: provider.name, eventId: `query:${row.out_trade_no}` };
      const applied = await applyPaymentEvent(deps, provider, event, now, "payment_query");
      // A refused fact (wrong amount) is recorded for the merchant; re-asking every minute adds nothing.
      if (!applied.ok && applied.reason.startsWith("amount_mismatch"))
        await markTradeFailed(deps.db, row.provider, row.out_trade_no);
      moved++;
    } else if (payment.status === "failed" || payment.status === "closed") {
      await markTradeFailed(deps.db, row.provider, row.out_trade_no);
      moved++;
    } else if (payment.status === "refunded") {
      // Paid and refunded at the provider without us seeing either: a person must look at it.
      await insertProviderEvent(deps.db, {
        provider: provider.name,
        eventId: `query:${row.out_trade_no}`,
        kind: "payment_query",
        outcome: "needs_review",
        reason: `provider says ${payment.providerStatus} for a trade we never saw paid`,
        orderNo: row.order_no,
        transactionId: payment.transactionId,
        amountFen: payment.amountFen,
        receivedAt: now,
      });
      await markTradeFailed(deps.db, row.provider, row.out_trade_no);
      moved++;
    }
  }
  return moved;
}

/** Asks about refunds still pending (processing, ABNORMAL, or an unknown answer) and applies the result. */
export async function reconcilePendingRefunds(deps: Deps, now: Date): Promise<number> {
  const rows = await findStalePendingRefunds(deps.db, {
    olderThan: new Date(now.getTime() - RECONCILE_REFUNDS_AFTER_MS),
    limit: BATCH,
  });
  let moved = 0;
  for (const row of rows) {
    if ((await reconcileRefund(deps, row)) !== "pending") moved++;
  }
  return moved + (await startUnstartedRefunds(deps, now));
}

/** Starts the refunds a crash left unstarted (found by the crash test); a started one is never started twice. */
async function startUnstartedRefunds(deps: Deps, now: Date): Promise<number> {
  if (!deps.refunds) return 0;
  const rows = await findRefundingWithoutRefund(deps.db, {
    olderThan: new Date(now.getTime() - RECONCILE_REFUNDS_AFTER_MS),
    limit: BATCH,
  });
  for (const row of rows)
    await deps.refunds.start({
      afterSaleId: row.id,
      orderId: row.order_id,
      orderNo: row.order_no,
      amountFen: row.refund_fen,
      reason: row.reason,
    });
  return rows.length;
}
