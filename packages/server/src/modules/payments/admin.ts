// The merchant's view: payment and refund records with filters and a cursor (newest first), and the daily
// reconciliation report (Beijing day) of payments, refunds and payouts by provider, to match statements.
import { sql } from "drizzle-orm";
import { type Db, queryRows } from "../../db/client.ts";
import type { PaymentRow, RefundRow } from "./repo.ts";

export type RecordFilter = {
  cursor?: number | undefined;
  limit: number;
  provider?: string | undefined;
  status?: string | undefined;
  orderNo?: string | undefined;
};

function where(filter: RecordFilter) {
  const parts = [sql`true`];
  if (filter.cursor) parts.push(sql`id < ${filter.cursor}`);
  if (filter.provider) parts.push(sql`provider = ${filter.provider}`);
  if (filter.status) parts.push(sql`status = ${filter.status}`);
  if (filter.orderNo) parts.push(sql`order_no = ${filter.orderNo}`);
  return sql.join(parts, sql` and `);
}

function page<T extends { id: number }>(rows: T[], limit: number) {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? items[items.length - 1]!.id : null };
}

export async function listPayments(db: Db, filter: RecordFilter) {
  const rows = await queryRows<PaymentRow>(
    db,
    sql`select * from payments where ${where(filter)} order by id desc limit ${filter.limit + 1}`,
  );
  return page(
    rows.map((r) => ({
      id: r.id,
      orderId: r.order_id,
      orderNo: r.order_no,
      provider: r.provider,
      outTradeNo: r.out_trade_no,
      transactionId: r.transaction_id,
      amountFen: r.amount_fen,
      status: r.status,
      createdAt: new Date(r.created_at),
      paidAt: r.paid_at ? new Date(r.paid_at) : null,
    })),
    filter.limit,
  );
}

export async function listRefunds(db: Db, filter: RecordFilter) {
  const rows = await queryRows<RefundRow>(
    db,
    sql`select * from refunds where ${where(filter)} order by id desc limit ${filter.limit + 1}`,
  );
  return page(rows.map(refundView), filter.limit);
}

/** A refund as the merchant's list shows it (pending ones carry the latest reason they are not done). */
export function refundView(r: RefundRow) {
  return {
    id: r.id,
    afterSaleId: r.after_sale_id,
    orderId: r.order_id,
    orderNo: r.order_no,
    provider: r.provider,
    outRefundNo: r.out_refund_no,
    providerRefundId: r.provider_refund_id,
    amountFen: r.amount_fen,
    status: r.status,
    reason: r.reason,
    failureReason: r.failure_reason,
    createdAt: new Date(r.created_at),
    doneAt: r.done_at ? new Date(r.done_at) : null,
  };
}

type Total = { provider: string; count: number; totalFen: number };

/** Totals of one Beijing calendar day (UTC+8): paid payments, succeeded refunds, paid withdrawals. */
export async function dailyReport(db: Db, date: string) {
  const from = new Date(`${date}T00:00:00+08:00`);
  const to = new Date(from.getTime() + 24 * 60 * 60 * 1000);
  const totals = (
    rows: Array<{ provider: string; count: number | string; total_fen: number | string }>,
  ): Total[] =>
    rows.map((r) => ({ provider: r.provider, count: Number(r.count), totalFen: Number(r.total_fen) }));
  const payments = await queryRows<{ provider: string; count: number; total_fen: number }>(
    db,
    sql`select provider, count(*) as count, sum(amount_fen) as total_fen from payments
        where status = 'paid' and paid_at >= ${from} and paid_at < ${to} group by provider order by provider`,
  );
  const refunds = await queryRows<{ provider: string; count: number; total_fen: number }>(
    db,
    sql`select provider, count(*) as count, sum(amount_fen) as total_fen from refunds
        where status = 'succeeded' and done_at >= ${from} and done_at < ${to} group by provider order by provider`,
  );
  const payouts = await queryRows<{ provider: string; count: number; total_fen: number }>(
    db,
    sql`select method as provider, count(*) as count, sum(net_fen) as total_fen from withdrawals
        where status = 'paid' and paid_at >= ${from} and paid_at < ${to} group by method order by method`,
  );
  return { date, payments: totals(payments), refunds: totals(refunds), payouts: totals(payouts) };
}
