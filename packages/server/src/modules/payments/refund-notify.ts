// Applies a provider's refund notification: verify, find OUR refund row by its out_refund_no, check the
// amount, then the same applyRefundResult as the synchronous answer and the sweep — so the tenth delivery,
// or one arriving after the sweep already settled it, changes nothing. Every outcome is logged.
import type { AppDeps } from "../../deps.ts";
import { AppError } from "../../errors/app-error.ts";
import { NOT_FOUND_ACK, type NotifyOutcome, seenNonceFor } from "./notify.ts";
import { providerNamed } from "./providers.ts";
import { applyRefundResult } from "./refunds.ts";
import { findRefundByNumber, insertProviderEvent } from "./repo.ts";

type Deps = Pick<AppDeps, "db" | "now" | "config" | "paymentProviders">;

export async function handleRefundNotification(
  deps: Deps,
  providerName: string,
  headers: Record<string, string | string[] | undefined>,
  rawBody: Buffer,
): Promise<NotifyOutcome> {
  const provider = providerNamed(deps, providerName);
  if (!provider) return { ack: NOT_FOUND_ACK, refused: `no provider ${providerName}` };
  const receivedAt = deps.now();
  const parsed = provider.parseRefundNotification({
    headers,
    rawBody,
    nowMs: receivedAt.getTime(),
    seenNonce: seenNonceFor(provider),
  });
  const base = { provider: provider.name, kind: "refund", receivedAt };
  if (!parsed.ok) {
    const reason = `${parsed.code}: ${parsed.reason}`;
    await insertProviderEvent(deps.db, { ...base, eventId: null, outcome: "refused", reason });
    return { ack: parsed.ack, refused: reason };
  }
  const event = parsed.event;
  const facts = {
    ...base,
    eventId: event.eventId,
    orderNo: event.outTradeNo,
    transactionId: event.refundId,
    amountFen: event.refundFen,
  };
  const refuse = async (outcome: string, reason: string) => {
    await insertProviderEvent(deps.db, { ...facts, outcome, reason });
    return { ack: parsed.rejectAck, refused: `${outcome}: ${reason}` };
  };
  const row = await findRefundByNumber(deps.db, provider.name, event.outRefundNo);
  if (!row) return refuse("unknown_refund", `no refund ${event.outRefundNo}`);
  if (row.order_no !== event.outTradeNo)
    return refuse("order_mismatch", `refund ${row.out_refund_no} belongs to ${row.order_no}`);
  // Alipay's refund_fee is the trade's cumulative refunded amount, never this refund's alone.
  const amountOk =
    provider.name === "alipay" ? event.refundFen >= row.amount_fen : event.refundFen === row.amount_fen;
  if (!amountOk) return refuse("amount_mismatch", `refund ${event.refundFen} ≠ asked ${row.amount_fen}`);
  let applied: Awaited<ReturnType<typeof applyRefundResult>>;
  try {
    applied = await applyRefundResult(deps, row, { ok: true, refund: event });
  } catch (error) {
    return refuse("refused", error instanceof AppError ? error.code : "apply failed");
  }
  await insertProviderEvent(deps.db, {
    ...facts,
    outcome: applied,
    reason: applied === "conflict" ? "provider reports success for a refund closed as failed" : null,
  });
  return { ack: parsed.ack, refused: null };
}
