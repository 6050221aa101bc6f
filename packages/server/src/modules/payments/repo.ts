// Row access for payments, provider events and refunds. Exactly-once lives in the writes themselves:
// a payment row is unique by (provider, transaction_id), a refund by out_refund_no.
import { BALANCE_PROVIDER } from "@liebian/domain";
import { sql } from "drizzle-orm";
import { type Executor, queryRows } from "../../db/client.ts";
import { runStatement } from "../../db/statement.ts";

export type PaymentRow = {
  id: number;
  order_id: number;
  order_no: string;
  provider: string;
  out_trade_no: string;
  transaction_id: string | null;
  amount_fen: number;
  status: string;
  created_at: Date;
  paid_at: Date | null;
};

export type RefundRow = {
  id: number;
  after_sale_id: number | null;
  order_id: number;
  order_no: string;
  provider: string;
  out_refund_no: string;
  provider_refund_id: string | null;
  amount_fen: number;
  status: "pending" | "succeeded" | "failed";
  reason: string;
  failure_reason: string | null;
  created_at: Date;
  done_at: Date | null;
};

export type ProviderEventInput = {
  provider: string;
  eventId: string | null;
  kind: string;
  outcome: string;
  reason: string | null;
  orderNo?: string | null;
  transactionId?: string | null;
  amountFen?: number | null;
  receivedAt: Date;
};

export async function insertProviderEvent(db: Executor, e: ProviderEventInput): Promise<void> {
  await runStatement(
    db,
    `insert into provider_events (provider, event_id, kind, outcome, reason, order_no, transaction_id, amount_fen, received_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9::timestamptz)`,
    [
      e.provider,
      e.eventId,
      e.kind,
      e.outcome,
      e.reason,
      e.orderNo ?? null,
      e.transactionId ?? null,
      e.amountFen ?? null,
      e.receivedAt.toISOString(),
    ],
  );
}

/** A pending payment for a trade is created once; asking to pay again reuses it. */
export async function ensurePendingPayment(
  db: Executor,
  p: { orderId: number; orderNo: string; provider: string; outTradeNo: string; amountFen: number; at: Date },
): Promise<void> {
  await runStatement(
    db,
    `insert into payments (order_id, order_no, provider, out_trade_no, amount_fen, status, created_at)
     select $1, $2, $3, $4, $5, 'pending', $6::timestamptz
     where not exists (select 1 from payments where provider = $3 and out_trade_no = $4 and status = 'pending')`,
    [p.orderId, p.orderNo, p.provider, p.outTradeNo, p.amountFen, p.at.toISOString()],
  );
}

/** Records a paid trade: fills the pending row of the trade, or inserts one; a second time changes nothing. */
export async function recordPaidPayment(
  tx: Executor,
  p: {
    orderId: number;
    orderNo: string;
    provider: string;
    outTradeNo: string;
    transactionId: string;
    amountFen: number;
    paidAt: Date;
  },
): Promise<boolean> {
  const filled = await runStatement<{ id: number }>(
    tx,
    `update payments set transaction_id = $1, status = 'paid', paid_at = $2::timestamptz
     where id = (select id from payments where provider = $3 and out_trade_no = $4
                 and status = 'pending' and amount_fen = $5 order by id limit 1)
       and not exists (select 1 from payments where provider = $3 and transaction_id = $1)
     returning id`,
    [p.transactionId, p.paidAt.toISOString(), p.provider, p.outTradeNo, p.amountFen],
  );
  if (filled.length > 0) return true;
  const inserted = await runStatement<{ id: number }>(
    tx,
    `insert into payments (order_id, order_no, provider, out_trade_no, transaction_id, amount_fen, status, created_at, paid_at)
     values ($1, $2, $3, $4, $5, $6, 'paid', $7::timestamptz, $7::timestamptz)
     on conflict (provider, transaction_id) do nothing
     returning id`,
    [p.orderId, p.orderNo, p.provider, p.outTradeNo, p.transactionId, p.amountFen, p.paidAt.toISOString()],
  );
  return inserted.length > 0;
}

export async function markTradeFailed(db: Executor, provider: string, outTradeNo: string): Promise<void> {
  await db.execute(sql`
    update payments set status = 'failed' where provider = ${provider} and out_trade_no = ${outTradeNo} and status = 'pending'`);
}

export async function findPaidPayment(
  db: Executor,
  orderId: number,
  provider?: string,
): Promise<PaymentRow | null> {
  const byProvider = provider === undefined ? sql`` : sql` and provider = ${provider}`;
  const rows = await queryRows<PaymentRow>(
    db,
    sql`
    select * from payments where order_id = ${orderId} and status = 'paid'${byProvider} order by id limit 1`,
  );
  return rows[0] ?? null;
}

/** The reconcile sweep's work: trades still pending after `olderThan`, oldest first (no lock: it queries). */
/**
 * Claims the reconcile sweep's next pending trades: those waited on longest since they were last asked about
 * (never-asked ones by age), so a pile of abandoned pay requests cannot starve a newer lost notification. The
 * claim stamps `reconciled_at` and skips rows another sweeper holds.
 */
export async function claimStalePendingPayments(
  db: Executor,
  window: { olderThan: Date; newerThan: Date; now: Date; limit: number },
): Promise<Array<PaymentRow & { order_status: string }>> {
  return queryRows(
    db,
    sql`
    with due as (
      select id from payments
      where status = 'pending' and created_at <= ${window.olderThan} and created_at > ${window.newerThan}
      order by coalesce(reconciled_at, created_at) limit ${window.limit}
      for update skip locked)
    update payments p set reconciled_at = ${window.now} from due, orders o
    where p.id = due.id and o.id = p.order_id
    returning p.*, o.status as order_status`,
  );
}

/** A pending trade the provider says was never paid and whose order has ended: stop asking about it. */
export async function closePendingPayment(db: Executor, id: number): Promise<void> {
  await db.execute(sql`update payments set status = 'closed' where id = ${id} and status = 'pending'`);
}

/** The reconcile sweep's refunds: pending (answer unknown or not final) since before `olderThan`. */
export async function findStalePendingRefunds(
  db: Executor,
  window: { olderThan: Date; limit: number },
): Promise<RefundRow[]> {
  return queryRows<RefundRow>(
    db,
    sql`
    select * from refunds where status = 'pending' and created_at <= ${window.olderThan}
    order by created_at limit ${window.limit}`,
  );
}

/**
 * After-sales moved to `refunding` longer ago than `olderThan` with no live provider refund row: the process
 * that approved them stopped between that commit and starting the refund (it runs after the commit).
 */
export async function findRefundingWithoutRefund(
  db: Executor,
  window: { olderThan: Date; limit: number },
): Promise<Array<{ id: number; order_id: number; order_no: string; refund_fen: number; reason: string }>> {
  return queryRows(
    db,
    sql`
    select a.id, a.order_id, o.order_no, a.refund_fen, a.reason
    from after_sales a join orders o on o.id = a.order_id
    where a.status = 'refunding' and a.updated_at <= ${window.olderThan}
      and not exists (select 1 from refunds r
                      where r.after_sale_id = a.id and r.provider <> ${BALANCE_PROVIDER} and r.status <> 'failed')
    order by a.updated_at limit ${window.limit}`,
  );
}

export async function findRefund(db: Executor, id: number): Promise<RefundRow | null> {
  const rows = await queryRows<RefundRow>(db, sql`select * from refunds where id = ${id}`);
  return rows[0] ?? null;
}

export async function findRefundByNumber(
  db: Executor,
  provider: string,
  outRefundNo: string,
): Promise<RefundRow | null> {
  const rows = await queryRows<RefundRow>(
    db,
    sql`select * from refunds where provider = ${provider} and out_refund_no = ${outRefundNo}`,
  );
  return rows[0] ?? null;
}

export async function lockRefund(tx: Executor, id: number): Promise<RefundRow | null> {
  const rows = await queryRows<RefundRow>(tx, sql`select * from refunds where id = ${id} for update`);
  return rows[0] ?? null;
}

/** Keeps the latest reason a pending refund is not done yet, for the merchant's refund list. */
export async function noteRefundAttempt(db: Executor, id: number, reason: string): Promise<void> {
  await db.execute(
    sql`update refunds set failure_reason = ${reason} where id = ${id} and status = 'pending'`,
  );
}

export async function findOrderPayment(
  db: Executor,
  orderId: number,
): Promise<{ payment_provider: string | null; payable_fen: number; order_no: string } | null> {
  const rows = await queryRows<{ payment_provider: string | null; payable_fen: number; order_no: string }>(
    db,
    sql`select payment_provider, payable_fen, order_no from orders where id = ${orderId}`,
  );
  return rows[0] ?? null;
}

export async function findRefundsOf(
  db: Executor,
  key: { afterSaleId: number } | { orderId: number; auto: true },
) {
  const where =
    "afterSaleId" in key
      ? sql`after_sale_id = ${key.afterSaleId}`
      : sql`order_id = ${key.orderId} and after_sale_id is null`;
  return queryRows<RefundRow>(db, sql`select * from refunds where ${where} order by id`);
}

export async function insertRefund(
  db: Executor,
  r: {
    afterSaleId: number | null;
    orderId: number;
    orderNo: string;
    provider: string;
    outRefundNo: string;
    amountFen: number;
    reason: string;
    at: Date;
  },
): Promise<RefundRow> {
  await db.execute(sql`
    insert into refunds (after_sale_id, order_id, order_no, provider, out_refund_no, amount_fen, status, reason, created_at)
    values (${r.afterSaleId}, ${r.orderId}, ${r.orderNo}, ${r.provider}, ${r.outRefundNo}, ${r.amountFen}, 'pending', ${r.reason}, ${r.at})
    on conflict (out_refund_no) do nothing`);
  const rows = await queryRows<RefundRow>(
    db,
    sql`select * from refunds where out_refund_no = ${r.outRefundNo}`,
  );
  return rows[0]!;
}

/** Moves a pending refund to its end state; false when another caller already did. */
export async function finishRefund(
  tx: Executor,
  id: number,
  to: {
    status: "succeeded" | "failed";
    providerRefundId?: string | null;
    failureReason?: string | null;
    at: Date;
  },
): Promise<boolean> {
  const rows = await queryRows<{ id: number }>(
    tx,
    sql`
    update refunds set status = ${to.status}, provider_refund_id = ${to.providerRefundId ?? null},
      failure_reason = ${to.failureReason ?? null}, done_at = ${to.at}
    where id = ${id} and status = 'pending' returning id`,
  );
  return rows.length > 0;
}

export type PaymentSettingsRow = {
  provider: string;
  enabled: boolean;
  public: Record<string, unknown>;
  secrets_sealed: string;
  updated_at: Date;
};

export async function findPaymentSettings(db: Executor): Promise<PaymentSettingsRow[]> {
  return queryRows<PaymentSettingsRow>(db, sql`select * from payment_settings order by provider`);
}

export async function lockPaymentSettings(
  tx: Executor,
  provider: string,
): Promise<PaymentSettingsRow | null> {
  const rows = await queryRows<PaymentSettingsRow>(
    tx,
    sql`select * from payment_settings where provider = ${provider} for update`,
  );
  return rows[0] ?? null;
}

export async function upsertPaymentSettings(
  tx: Executor,
  s: { provider: string; enabled: boolean; public: Record<string, unknown>; secretsSealed: string; at: Date },
): Promise<void> {
  await tx.execute(sql`
    insert into payment_settings (provider, enabled, public, secrets_sealed, updated_at)
    values (${s.provider}, ${s.enabled}, ${JSON.stringify(s.public)}::jsonb, ${s.secretsSealed}, ${s.at})
    on conflict (provider) do update set enabled = excluded.enabled, public = excluded.public,
      secrets_sealed = excluded.secrets_sealed, updated_at = excluded.updated_at`);
}

/** True when a provider trade for the order was started and has not ended (it may still be paid). */
export async function hasPendingTrade(db: Executor, orderId: number): Promise<boolean> {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`select id from payments where order_id = ${orderId} and status = 'pending' limit 1`,
  );
  return rows.length > 0;
}
