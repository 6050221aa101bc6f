// Row access for payments, provider events and refunds. Exactly-once lives in the writes themselves:
// a payment row is unique by (provider, transaction_id), a refund by out_refund_no.
import { BALANCE_PROVIDER } from "@liebian/domain";
import { sql } from "drizzle-orm";
import { type Executor, queryRows } from "../../db/client.ts";
import { runStatement } from "../../db/statement.ts";
import { TEAM_SALES_SLOTS } from "../binding/team-stats-repo.ts";
import type { CommissionInsert } from "../commissions/create.ts";
import { COUNTER_SLOTS } from "../commissions/earner-counts.ts";
import { type OrderWithSubject, PRODUCT_SALES_SLOTS } from "../orders/repo.ts";

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

/**
 * The pay-link request's one statement: the order by number with its subject (as orders' findOrderWithSubject
 * reads it) and, when `start` and the order may be paid by the provider alone now — the buyer's, pending
 * payment, not overdue, no balance part held — its pending trade for the payable total, unless one is
 * pending already (as ensurePendingPayment). `startedId` is the row made now, which the caller removes if the
 * provider then refuses the trade.
 */
export async function findOrderStartingTrade(
  db: Executor,
  p: { orderNo: string; buyerUserId: number; provider: string; at: Date; start: boolean },
): Promise<(OrderWithSubject & { startedId: number | null }) | null> {
  const [row] = await runStatement<
    OrderWithSubject["order"] & {
      firstTitle: string | null;
      itemCount: number;
      startedId: number | null;
    }
  >(
    db,
    `with o as (
       select o.id, o.order_no, o.buyer_user_id, o.status, o.payable_fen, o.wallet_fen, o.close_due_at,
         (select (array_agg(i.title order by i.id))[1] from order_items i where i.order_id = o.id) as first_title,
         (select count(*)::int from order_items i where i.order_id = o.id) as item_count
       from orders o where o.order_no = $1),
     started as (
       insert into payments (order_id, order_no, provider, out_trade_no, amount_fen, status, created_at)
       select id, order_no, $3::text, order_no, payable_fen, 'pending', $4::timestamptz from o
       where $5::boolean and buyer_user_id = $2::bigint and status = 'pending_payment'
         and close_due_at > $4::timestamptz and wallet_fen = 0
         and not exists (select 1 from payments where provider = $3::text and out_trade_no = o.order_no
                         and status = 'pending')
       returning id)
     select id, order_no as "orderNo", buyer_user_id as "buyerUserId", status, payable_fen as "payableFen",
       wallet_fen as "walletFen", close_due_at as "closeDueAt", first_title as "firstTitle",
       item_count as "itemCount", (select id from started) as "startedId"
     from o`,
    [p.orderNo, p.buyerUserId, p.provider, p.at.toISOString(), p.start],
  );
  if (!row) return null;
  const { firstTitle, itemCount, startedId, ...order } = row;
  return { order, firstTitle, itemCount, startedId };
}

/** Removes a pending trade started for a pay link the provider then refused (nothing was paid on it). */
export async function dropStartedTrade(db: Executor, id: number): Promise<void> {
  await runStatement(db, "delete from payments where id = $1 and status = 'pending'", [id]);
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

export type PaidOrderWrite = {
  orderId: number;
  orderNo: string;
  /** The status the move was decided from (a parameter, so the update finds the order by its key). */
  fromStatus: string;
  /** The order's status after the move (orders' statusAfterPayment). */
  toStatus: string;
  payment: { provider: string; outTradeNo: string; transactionId: string; amountFen: number; paidAt: Date };
  /** Whether the order has a snapshot to stamp with the payment time. */
  snapshotted: boolean;
  commissions: CommissionInsert[];
  buyerUserId: number;
  /** Team sales deltas for the buyer's uplines (the domain's computeTeamStatsDeltas). */
  teamSales: { userId: number; level: number; salesFen: number }[];
  /** The `order.paid` message's payload. */
  orderPaid: Record<string, unknown>;
  /** The provider's event to log beside the payment (outcome `paid`, or `duplicate` when nothing was written). */
  event?: Omit<ProviderEventInput, "outcome" | "reason">;
};

/**
 * Everything a payment causes, in one statement, in the order of cause and effect; each part waits on the
 * one before through its RETURNING rows, so when the payment row already exists (a repeat of this payment)
 * nothing else is written and `paid` is false (the provider's event, if given, is logged as a duplicate). `moved` is false only if the order was not pending payment
 * (the caller holds its lock and planned from its status, so that is a bug the caller reports).
 */
const RECORD_PAID_ORDER = `with
  -- 1. the payment row: the trade's pending row filled, else a new row; none when this provider transaction
  --    is already recorded (unique per provider and transaction id)
  filled as (
    update payments set transaction_id = $4::text, status = 'paid', paid_at = $6::timestamptz
    where id = (select id from payments where provider = $3::text and out_trade_no = $7::text
                and status = 'pending' and amount_fen = $5::bigint order by id limit 1)
      and not exists (select 1 from payments where provider = $3::text and transaction_id = $4::text)
    returning id),
  inserted as (
    insert into payments (order_id, order_no, provider, out_trade_no, transaction_id, amount_fen, status, created_at, paid_at)
    select $1::bigint, $2::text, $3::text, $7::text, $4::text, $5::bigint, 'paid', $6::timestamptz, $6::timestamptz
    where not exists (select 1 from filled)
    on conflict (provider, transaction_id) do nothing
    returning id),
  paid as (select id from filled union all select id from inserted),
  -- 2. the order moved to paid (the caller holds its lock and decided the move), and the move on its timeline
  moved as (
    update orders set status = $8::text, paid_at = $6::timestamptz, payment_provider = $3::text,
      payment_transaction_id = $4::text, close_due_at = null, updated_at = $6::timestamptz
    where id = $1::bigint and status = $14::text and exists (select 1 from paid)
    returning id),
  timeline as (
    insert into order_events (order_id, kind, from_status, to_status, actor_kind, actor_id, note, at)
    select id, 'pay', $14::text, $8::text, 'system', null, $3::text || ' ' || $4::text, $6::timestamptz
    from moved),
  -- 3. the snapshot stamped with the first payment's time
  stamped as (
    update order_distribution set paid_at = coalesce(paid_at, $6::timestamptz)
    where order_id = (select id from moved) and $9::boolean),
  -- 4. the commission rows as planned, once per (item, level) …
  commission as (
    insert into commissions (order_id, order_item_id, level, earner_user_id, buyer_user_id, item_fen, base_fen,
      rate_bps, fixed_fen_per_unit, quantity, rate_source, amount_fen, status, hold_reasons, due_at, created_at)
    select (select id from moved), c."orderItemId", c.level, c."earnerUserId", $11::bigint, c."itemFen", c."baseFen",
      c."rateBps", c."fixedFenPerUnit", c.quantity, c."rateSource", c."amountFen", c.status, c."holdReasons",
      c."dueAt", $6::timestamptz
    from jsonb_to_recordset($10::text::jsonb) as c ("orderItemId" bigint, level int, "earnerUserId" bigint,
      "itemFen" bigint, "baseFen" bigint, "rateBps" int, "fixedFenPerUnit" bigint, quantity int, "rateSource" text,
      "amountFen" bigint, status text, "holdReasons" jsonb, "dueAt" timestamptz)
    where exists (select 1 from moved)
    on conflict do nothing
    returning id, earner_user_id, level, amount_fen, status),
  -- … and one more order on each of their earners' counters (earner-counts.ts), in id order
  counted as (
    insert into earner_order_counts (user_id, slot, orders)
    select e, pg_backend_pid() % ${COUNTER_SLOTS}, 1 from (select distinct earner_user_id as e from commission) e
    order by e
    on conflict (user_id, slot) do update set orders = earner_order_counts.orders + 1),
  -- 5. the team sales of the buyer's uplines, on this connection's slot rows (binding/team-stats-repo.ts)
  team as (
    insert into team_sales_slots (user_id, level, slot, sales_fen)
    select d."userId", d.level, pg_backend_pid() % ${TEAM_SALES_SLOTS}, d."salesFen"
    from jsonb_to_recordset($12::text::jsonb) as d ("userId" bigint, level smallint, "salesFen" bigint)
    where exists (select 1 from moved)
    order by 1, 2
    on conflict (user_id, level, slot) do update set sales_fen = team_sales_slots.sales_fen + excluded.sales_fen),
  -- 6. the products' sales counts (orders/repo.ts addSalesCountOfOrder)
  sold as (
    insert into product_sales_slots (product_id, slot, quantity)
    select product_id, pg_backend_pid() % ${PRODUCT_SALES_SLOTS}, sum(quantity)::int from order_items
    where order_id = (select id from moved)
    group by product_id order by product_id
    on conflict (product_id, slot) do update set quantity = product_sales_slots.quantity + excluded.quantity),
  -- 7. the outbox: order.paid, and commission.created naming the rows made now (outbox/topics.ts)
  message as (
    insert into outbox (topic, payload, created_at, next_attempt_at)
    select 'order.paid', $13::text::jsonb, $6::timestamptz, $6::timestamptz from moved
    union all
    select 'commission.created',
      jsonb_build_object('orderId', $1::bigint, 'commissions', jsonb_agg(jsonb_build_object(
        'commissionId', id, 'earnerUserId', earner_user_id, 'level', level, 'amountFen', amount_fen,
        'status', status) order by id)),
      $6::timestamptz, $6::timestamptz
    from commission having count(*) > 0),
  -- 8. the provider's event that reported the payment, when there is one, with what became of it
  logged as (
    insert into provider_events (provider, event_id, kind, outcome, reason, order_no, transaction_id, amount_fen,
      received_at)
    select e.provider, e."eventId", e.kind, case when exists (select 1 from paid) then 'paid' else 'duplicate' end,
      null, e."orderNo", e."transactionId", e."amountFen", e."receivedAt"
    from jsonb_to_record($15::text::jsonb) as e (provider text, "eventId" text, kind text, "orderNo" text,
      "transactionId" text, "amountFen" bigint, "receivedAt" timestamptz)
    where $15::text is not null)
select exists (select 1 from paid) as paid, exists (select 1 from moved) as moved`;

/** Writes what a payment planned to pay an order (see RECORD_PAID_ORDER). */
export async function recordPaidOrder(
  tx: Executor,
  w: PaidOrderWrite,
): Promise<{ paid: boolean; moved: boolean }> {
  const p = w.payment;
  const [row] = await runStatement<{ paid: boolean; moved: boolean }>(tx, RECORD_PAID_ORDER, [
    w.orderId,
    w.orderNo,
    p.provider,
    p.transactionId,
    p.amountFen,
    p.paidAt.toISOString(),
    p.outTradeNo,
    w.toStatus,
    w.snapshotted,
    JSON.stringify(w.commissions),
    w.buyerUserId,
    JSON.stringify(w.teamSales),
    JSON.stringify(w.orderPaid),
    w.fromStatus,
    w.event
      ? JSON.stringify({
          ...w.event,
          orderNo: w.event.orderNo ?? null,
          transactionId: w.event.transactionId ?? null,
          amountFen: w.event.amountFen ?? null,
        })
      : null,
  ]);
  return row!;
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
