// Applies a provider's payment notification exactly once: verify, then in ONE transaction log it, mark the
// order paid (the order row lock serialises duplicates), record the payment and post the ledger. A paid
// notification for an order that can no longer be paid is recorded and refunded automatically after commit.
import type { NotificationAck, PaymentProvider } from "../../adapters/payment/index.ts";
import { createNonceCache } from "../../adapters/payment/index.ts";
import { inTransaction } from "../../db/transaction.ts";
import type { AppDeps } from "../../deps.ts";
import { AppError } from "../../http/app-error.ts";
import { ledgerAccount } from "../ledger/accounts.ts";
import { postLedgerTransaction } from "../ledger/service.ts";
import { markOrderPaid } from "../orders/service.ts";
import { providerNamed } from "./providers.ts";
import { startAutomaticRefund } from "./refunds.ts";
import { insertProviderEvent, markTradeFailed, recordPaidPayment } from "./repo.ts";

type Deps = Pick<AppDeps, "db" | "now" | "orderHooks" | "paymentProviders">;

const NOT_FOUND_ACK: NotificationAck = { status: 404, body: "", contentType: null };
const seenNonces = new WeakMap<object, (nonce: string) => boolean>();

/** One replay guard per provider instance (in memory: one process; the apply is idempotent anyway). */
function seenNonceFor(provider: PaymentProvider) {
  let seen = seenNonces.get(provider);
  if (!seen) {
    const cache = createNonceCache();
    seen = (nonce: string) => cache.seen(nonce);
    seenNonces.set(provider, seen);
  }
  return seen;
}

export async function handlePaymentNotification(
  deps: Deps,
  providerName: string,
  headers: Record<string, string | string[] | undefined>,
  rawBody: Buffer,
): Promise<NotificationAck> {
  const provider = providerNamed(deps, providerName);
  if (!provider) return NOT_FOUND_ACK;
  const receivedAt = deps.now();
  const parsed = provider.parsePaymentNotification({
    headers,
    rawBody,
    nowMs: receivedAt.getTime(),
    seenNonce: seenNonceFor(provider),
  });
  const base = { provider: provider.name, kind: "payment", receivedAt };
  if (!parsed.ok) {
    await insertProviderEvent(deps.db, {
      ...base,
      eventId: null,
      outcome: "refused",
      reason: `${parsed.code}: ${parsed.reason}`,
    });
    return parsed.ack;
  }
  const event = parsed.event;
  const facts = {
    ...base,
    eventId: event.eventId,
    orderNo: event.outTradeNo,
    transactionId: event.transactionId,
    amountFen: event.amountFen,
  };
  if (event.status !== "paid" || !event.transactionId) {
    await markTradeFailed(deps.db, provider.name, event.outTradeNo);
    await insertProviderEvent(deps.db, { ...facts, outcome: "not_paid", reason: event.providerStatus });
    return parsed.ack;
  }
  const transactionId = event.transactionId;
  try {
    const applied = await inTransaction(deps.db, async (tx) => {
      const paidAt = new Date(event.paidAtMs ?? receivedAt.getTime());
      const result = await markOrderPaid(
        tx,
        {
          orderNo: event.outTradeNo,
          provider: provider.name,
          transactionId,
          amountFen: event.amountFen,
          paidAt,
        },
        deps,
      );
      if (result.outcome === "amount_mismatch") {
        const reason = `amount ${event.amountFen} ≠ payable ${result.expectedFen}`;
        await insertProviderEvent(tx, { ...facts, outcome: "amount_mismatch", reason });
        return { ack: parsed.rejectAck, refund: null };
      }
      const duplicateCharge = result.outcome === "already_paid" && result.transactionId !== transactionId;
      const strays = result.outcome === "not_payable" || duplicateCharge;
      const fresh = await recordPaidPayment(tx, {
        orderId: result.orderId,
        orderNo: event.outTradeNo,
        provider: provider.name,
        outTradeNo: event.outTradeNo,
        transactionId,
        amountFen: event.amountFen,
        paidAt,
      });
      const reason =
        result.outcome === "not_payable"
          ? `order is ${result.state}`
          : duplicateCharge
            ? `order already paid by ${result.transactionId}`
            : null;
      await insertProviderEvent(tx, { ...facts, outcome: fresh ? result.outcome : "duplicate", reason });
      if (!fresh) return { ack: parsed.ack, refund: null };
      // Money that arrived for an order we cannot fulfil is held for refund, not counted as revenue.
      await postLedgerTransaction(tx, {
        key: `pay:${provider.name}:${transactionId}`,
        kind: "payment",
        at: paidAt,
        meta: { orderNo: event.outTradeNo },
        entries: [
          { account: ledgerAccount.gatewayClearing(provider.name), amountFen: event.amountFen },
          {
            account: strays ? ledgerAccount.refundClearing : ledgerAccount.merchantRevenue,
            amountFen: -event.amountFen,
          },
        ],
      });
      return {
        ack: parsed.ack,
        refund: strays ? { orderId: result.orderId, transactionId, reason: reason ?? "" } : null,
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
    return applied.ack;
  } catch (error) {
    const reason = error instanceof AppError ? error.code : "apply failed";
    await insertProviderEvent(deps.db, { ...facts, outcome: "refused", reason });
    return parsed.rejectAck;
  }
}
