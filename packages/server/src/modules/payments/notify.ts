// Applies a provider's payment notification exactly once: verify, then in ONE transaction log it and confirm
// the payment (confirm-payment.ts: payment row, order paid, commissions, outbox, ledger). A paid notification
// for an order that can no longer be paid is recorded and refunded automatically after commit.
import type { NotificationAck, PaymentEvent, PaymentProvider } from "../../adapters/payment/index.ts";
import { createNonceCache } from "../../adapters/payment/index.ts";
import { inTransaction } from "../../db/transaction.ts";
import type { AppDeps } from "../../deps.ts";
import { AppError } from "../../errors/app-error.ts";
import { confirmPayment } from "./confirm-payment.ts";
import { providerNamed } from "./providers.ts";
import { startAutomaticRefund } from "./refunds.ts";
import { insertProviderEvent, markTradeFailed } from "./repo.ts";

type Deps = Pick<AppDeps, "db" | "now" | "config" | "paymentProviders">;

export const NOT_FOUND_ACK: NotificationAck = { status: 404, body: "", contentType: null };
const seenNonces = new WeakMap<object, (nonce: string) => boolean>();

/** One replay guard per provider instance (in memory: one process; the apply is idempotent anyway). */
export function seenNonceFor(provider: PaymentProvider) {
  let seen = seenNonces.get(provider);
  if (!seen) {
    const cache = createNonceCache();
    seen = (nonce: string) => cache.seen(nonce);
    seenNonces.set(provider, seen);
  }
  return seen;
}

/** What the notify route answers, and why it refused (for its log line); `refused` is null when applied. */
export type NotifyOutcome = {
  ack: NotificationAck;
  refused: string | null;
  /** The order's status after it, when the payment knew it without a read (ApplyOutcome). */
  orderStatus?: string;
};

export async function handlePaymentNotification(
  deps: Deps,
  providerName: string,
  headers: Record<string, string | string[] | undefined>,
  rawBody: Buffer,
): Promise<NotifyOutcome> {
  const provider = providerNamed(deps, providerName);
  if (!provider) return { ack: NOT_FOUND_ACK, refused: `no provider ${providerName}` };
  const receivedAt = deps.now();
  const parsed = provider.parsePaymentNotification({
    headers,
    rawBody,
    nowMs: receivedAt.getTime(),
    seenNonce: seenNonceFor(provider),
  });
  const base = { provider: provider.name, kind: "payment", receivedAt };
  if (!parsed.ok) {
    const reason = `${parsed.code}: ${parsed.reason}`;
    await insertProviderEvent(deps.db, { ...base, eventId: null, outcome: "refused", reason });
    return { ack: parsed.ack, refused: reason };
  }
  const applied = await applyPaymentEvent(deps, provider, parsed.event, receivedAt);
  if (!applied.ok) return { ack: parsed.rejectAck, refused: applied.reason };
  return {
    ack: parsed.ack,
    refused: null,
    ...(applied.orderStatus ? { orderStatus: applied.orderStatus } : {}),
  };
}

/** `orderStatus`: the order's status after a payment that paid it, when known without a read. */
export type ApplyOutcome = { ok: true; orderStatus?: string } | { ok: false; reason: string };

/**
 * The exactly-once path every verified payment fact takes, from a notification or from the reconcile
 * sweep's query: `ok: false` means not applied (wrong amount, unknown order, a failed write) and the
 * provider should be told to try again. Not-paid facts only fail a still-pending trade.
 */
export async function applyPaymentEvent(
  deps: Deps,
  provider: PaymentProvider,
  event: PaymentEvent,
  receivedAt: Date,
  kind = "payment",
): Promise<ApplyOutcome> {
  const facts = {
    provider: provider.name,
    kind,
    receivedAt,
    eventId: event.eventId,
    orderNo: event.outTradeNo,
    transactionId: event.transactionId,
    amountFen: event.amountFen,
  };
  if (event.status !== "paid" || !event.transactionId) {
    // A stale "failed" arriving after the payment changes nothing: only a pending trade is failed.
    if (event.status === "failed" || event.status === "closed")
      await markTradeFailed(deps.db, provider.name, event.outTradeNo);
    await insertProviderEvent(deps.db, { ...facts, outcome: "not_paid", reason: event.providerStatus });
    return { ok: true };
  }
  const transactionId = event.transactionId;
  try {
    const applied = await inTransaction(deps.db, async (tx) => {
      const paidAt = new Date(event.paidAtMs ?? receivedAt.getTime());
      const fact = {
        orderNo: event.outTradeNo,
        provider: provider.name,
        transactionId,
        amountFen: event.amountFen,
      };
      // the event is logged in the payment's own statement when it pays the order (`logged`)
      // nothing runs after a logged payment below, so its last statement may carry the COMMIT
      const confirmed = await confirmPayment(tx, { ...fact, paidAt }, facts, { endsTransaction: true });
      if (confirmed.kind === "amount_mismatch") {
        const reason = `amount ${event.amountFen} ≠ payable ${confirmed.expectedFen}`;
        await insertProviderEvent(tx, { ...facts, outcome: "amount_mismatch", reason });
        return { refused: `amount_mismatch: ${reason}`, refund: null, orderStatus: undefined };
      }
      if (confirmed.kind === "duplicate") {
        if (!confirmed.logged)
          await insertProviderEvent(tx, { ...facts, outcome: "duplicate", reason: confirmed.stray });
        return { refused: null, refund: null, orderStatus: undefined };
      }
      const { orderId, outcome, stray, orderStatus } = confirmed;
      if (!confirmed.logged) await insertProviderEvent(tx, { ...facts, outcome, reason: stray });
      return {
        refused: null,
        refund: stray === null ? null : { orderId, transactionId, reason: stray },
        orderStatus,
      };
    });
    if (applied.refund) {
      await startAutomaticRefund(deps, {
        provider,
        orderId: applied.refund.orderId,
        orderNo: event.outTradeNo,
        transactionId: applied.refund.transactionId,
        amountFen: event.amountFen,
        reason: applied.refund.reason,
      });
    }
    if (applied.refused) return { ok: false, reason: applied.refused };
    return applied.orderStatus ? { ok: true, orderStatus: applied.orderStatus } : { ok: true };
  } catch (error) {
    const reason = error instanceof AppError ? error.code : "apply failed";
    await insertProviderEvent(deps.db, { ...facts, outcome: "refused", reason });
    return { ok: false, reason };
  }
}
