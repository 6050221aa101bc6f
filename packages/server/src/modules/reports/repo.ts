// Report queries: the daily roll-ups (tracking_daily per distributor, tracking_daily_totals shop-wide,
// tracking_daily_products) for sales, funnels, rankings and provinces; the business tables for what tracking
// does not carry (commission, sign-ups).
import { type SQL, sql } from "drizzle-orm";
import { type Executor, queryRows } from "../../db/client.ts";
import { dayBounds } from "../tracking/rollup.ts";
import type { DayRange } from "./range.ts";

export type Grain = "day" | "week" | "month";

const num = (v: unknown) => Number(v ?? 0);

/** The roll-up to read: per distributor when one is asked for, else the shop-wide totals (far fewer rows). */
const rollupOf = (distributorUserId: number | undefined) =>
  distributorUserId === undefined ? sql`tracking_daily_totals` : sql`tracking_daily`;

/** Orders placed and paid, paid fen, refunds and refunded fen per period (week starts Monday). */
export async function findSalesSeries(
  db: Executor,
  range: DayRange,
  grain: Grain,
  filter: { distributorUserId?: number | undefined; provinceCode?: string | undefined },
) {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select to_char(date_trunc(${grain}, day), 'YYYY-MM-DD') as period,
          sum(orders) filter (where kind = 'order_placed') as placed,
          sum(orders) filter (where kind = 'order_paid') as paid,
          sum(amount_fen) filter (where kind = 'order_paid') as paid_fen,
          sum(events) filter (where kind = 'refund') as refunds,
          sum(amount_fen) filter (where kind = 'refund') as refund_fen
        from ${rollupOf(filter.distributorUserId)}
        where day between ${range.from}::date and ${range.to}::date
          and kind in ('order_placed', 'order_paid', 'refund')
          ${filter.distributorUserId !== undefined ? sql`and distributor_user_id = ${filter.distributorUserId}` : sql``}
          ${filter.provinceCode !== undefined ? sql`and province_code = ${filter.provinceCode}` : sql``}
        group by 1 order by 1`,
  );
  return rows.map((r) => ({
    period: String(r.period),
    placedOrders: num(r.placed),
    paidOrders: num(r.paid),
    paidFen: num(r.paid_fen),
    refunds: num(r.refunds),
    refundFen: num(r.refund_fen),
  }));
}

/** Link opens, distinct visitors (per day), orders placed and paid: the funnel, optionally of one distributor. */
export async function findFunnel(db: Executor, range: DayRange, distributorUserId?: number) {
  const [r] = await queryRows<Record<string, unknown>>(
    db,
    sql`select sum(events) filter (where kind = 'link_open') as opens,
          sum(visitors) filter (where kind in ('link_open', 'page_view')) as visitors,
          sum(events) filter (where kind = 'add_to_cart') as carts,
          sum(orders) filter (where kind = 'order_placed') as placed,
          sum(orders) filter (where kind = 'order_paid') as paid
        from ${rollupOf(distributorUserId)} where day between ${range.from}::date and ${range.to}::date
        ${distributorUserId !== undefined ? sql`and distributor_user_id = ${distributorUserId}` : sql``}`,
  );
  return {
    linkOpens: num(r?.opens),
    visitors: num(r?.visitors),
    addedToCart: num(r?.carts),
    placedOrders: num(r?.placed),
    paidOrders: num(r?.paid),
  };
}

/** One product's funnel: views, carts, orders placed and paid (from the product roll-up). */
export async function findProductFunnel(db: Executor, range: DayRange, productId: number) {
  const [r] = await queryRows<Record<string, unknown>>(
    db,
    sql`select sum(events) filter (where kind = 'page_view') as views,
          sum(events) filter (where kind = 'link_open') as opens,
          sum(events) filter (where kind = 'add_to_cart') as carts,
          sum(orders) filter (where kind = 'order_placed') as placed,
          sum(orders) filter (where kind = 'order_paid') as paid
        from tracking_daily_products
        where day between ${range.from}::date and ${range.to}::date and product_id = ${productId}`,
  );
  return {
    views: num(r?.views),
    linkOpens: num(r?.opens),
    addedToCart: num(r?.carts),
    placedOrders: num(r?.placed),
    paidOrders: num(r?.paid),
  };
}

export async function findProductRanking(db: Executor, range: DayRange, limit: number) {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select r.product_id as id, p.title, sum(r.orders) filter (where r.kind = 'order_paid') as paid,
          sum(r.quantity) filter (where r.kind = 'order_paid') as quantity,
          sum(r.amount_fen) filter (where r.kind = 'order_paid') as paid_fen,
          sum(r.amount_fen) filter (where r.kind = 'refund') as refund_fen,
          sum(r.events) filter (where r.kind = 'page_view') as views
        from tracking_daily_products r left join products p on p.id = r.product_id
        where r.day between ${range.from}::date and ${range.to}::date
        group by r.product_id, p.title
        having sum(r.amount_fen) filter (where r.kind = 'order_paid') > 0
        order by paid_fen desc nulls last, r.product_id limit ${limit}`,
  );
  return rows.map((r) => ({
    productId: num(r.id),
    title: String(r.title ?? ""),
    paidOrders: num(r.paid),
    quantity: num(r.quantity),
    paidFen: num(r.paid_fen),
    refundFen: num(r.refund_fen),
    views: num(r.views),
  }));
}

/**
 * Distributors by promoted sales: link opens, visitors, orders, paid fen and the commission they earned. The
 * ranking is found from the paid rows alone; the other figures are read for the distributors it keeps (by
 * distributor and day), so 90 days of a 10M-event shop does not group every view by distributor.
 */
export async function findDistributorRanking(db: Executor, range: DayRange, limit: number) {
  const { start } = dayBounds(range.from);
  const { end } = dayBounds(range.to);
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`with top as (
          select distributor_user_id as id, sum(orders) as paid, sum(amount_fen) as paid_fen
          from tracking_daily
          where kind = 'order_paid' and day between ${range.from}::date and ${range.to}::date
            and distributor_user_id <> 0
          group by distributor_user_id
          having sum(amount_fen) > 0
          order by paid_fen desc, distributor_user_id limit ${limit}),
        ranked as (
          select t.id, t.paid, t.paid_fen, f.opens, f.visitors, f.placed, f.refund_fen from top t
          cross join lateral (
            select sum(events) filter (where kind = 'link_open') as opens,
              sum(visitors) filter (where kind in ('link_open', 'page_view')) as visitors,
              sum(orders) filter (where kind = 'order_placed') as placed,
              sum(amount_fen) filter (where kind = 'refund') as refund_fen
            from tracking_daily
            where distributor_user_id = t.id and day between ${range.from}::date and ${range.to}::date) f)
        select r.*, u.nickname, d.invite_code as code,
          (select coalesce(sum(c.amount_fen - c.clawed_back_fen), 0) from commissions c
            where c.earner_user_id = r.id and c.status <> 'cancelled'
              and c.created_at >= ${start.toISOString()} and c.created_at < ${end.toISOString()}) as commission_fen
        from ranked r left join users u on u.id = r.id left join distributors d on d.user_id = r.id
        order by r.paid_fen desc, r.id`,
  );
  return rows.map((r) => ({
    userId: num(r.id),
    nickname: String(r.nickname ?? ""),
    code: r.code === null ? null : String(r.code),
    linkOpens: num(r.opens),
    visitors: num(r.visitors),
    placedOrders: num(r.placed),
    paidOrders: num(r.paid),
    paidFen: num(r.paid_fen),
    refundFen: num(r.refund_fen),
    commissionFen: num(r.commission_fen),
  }));
}

export async function findProvinces(db: Executor, range: DayRange) {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select province_code as code, sum(orders) as paid, sum(amount_fen) as paid_fen
        from tracking_daily_totals where kind = 'order_paid' and day between ${range.from}::date and ${range.to}::date
        group by province_code order by paid_fen desc`,
  );
  return rows.map((r) => ({
    provinceCode: String(r.code),
    paidOrders: num(r.paid),
    paidFen: num(r.paid_fen),
  }));
}

async function countBetween(db: Executor, query: (from: string, to: string) => SQL, range: DayRange) {
  const [r] = await queryRows<{ n: unknown }>(
    db,
    query(dayBounds(range.from).start.toISOString(), dayBounds(range.to).end.toISOString()),
  );
  return num(r?.n);
}

/** Distributors who joined, shoppers who signed up, distributors with a promoted paid order, and all active. */
export async function findPeopleFigures(db: Executor, range: DayRange) {
  const newDistributors = await countBetween(
    db,
    (from, to) =>
      sql`select count(*) as n from distributors where joined_at >= ${from} and joined_at < ${to}`,
    range,
  );
  const newCustomers = await countBetween(
    db,
    (from, to) => sql`select count(*) as n from users where created_at >= ${from} and created_at < ${to}`,
    range,
  );
  const [promoting] = await queryRows<{ n: unknown }>(
    db,
    sql`select count(distinct distributor_user_id) as n from tracking_daily
        where kind = 'order_paid' and distributor_user_id <> 0 and day between ${range.from}::date and ${range.to}::date`,
  );
  const [active] = await queryRows<{ n: unknown }>(
    db,
    sql`select count(*) as n from distributors where status = 'active'`,
  );
  return {
    newDistributors,
    newCustomers,
    promotingDistributors: num(promoting?.n),
    activeDistributors: num(active?.n),
  };
}

/** Commission earned on orders in the range (net of clawbacks, cancelled lines excluded). */
export async function findCommissionFen(db: Executor, range: DayRange): Promise<number> {
  return countBetween(
    db,
    (from, to) => sql`select coalesce(sum(amount_fen - clawed_back_fen), 0) as n from commissions
      where status <> 'cancelled' and created_at >= ${from} and created_at < ${to}`,
    range,
  );
}

/** New distributors and new customers per day. */
export async function findSignupSeries(db: Executor, range: DayRange) {
  const from = dayBounds(range.from).start.toISOString();
  const to = dayBounds(range.to).end.toISOString();
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select to_char((at at time zone 'Asia/Shanghai')::date, 'YYYY-MM-DD') as day, sum(d) as distributors, sum(c) as customers
        from (select joined_at as at, 1 as d, 0 as c from distributors where joined_at >= ${from} and joined_at < ${to}
              union all
              select created_at, 0, 1 from users where created_at >= ${from} and created_at < ${to}) s
        group by 1 order by 1`,
  );
  return rows.map((r) => ({
    day: String(r.day),
    newDistributors: num(r.distributors),
    newCustomers: num(r.customers),
  }));
}

/** Commission per Shanghai day in the range (net of clawbacks, cancelled lines excluded). */
export async function findCommissionSeries(db: Executor, range: DayRange) {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select to_char((created_at at time zone 'Asia/Shanghai')::date, 'YYYY-MM-DD') as day,
          sum(amount_fen - clawed_back_fen) as fen
        from commissions
        where status <> 'cancelled' and created_at >= ${dayBounds(range.from).start.toISOString()}
          and created_at < ${dayBounds(range.to).end.toISOString()}
        group by 1`,
  );
  return new Map(rows.map((r) => [String(r.day), num(r.fen)]));
}

/** Paid fen of orders that came through a distributor. */
export async function findPromotedPaidFen(db: Executor, range: DayRange): Promise<number> {
  const [r] = await queryRows<{ fen: unknown }>(
    db,
    sql`select coalesce(sum(amount_fen), 0) as fen from tracking_daily
        where kind = 'order_paid' and distributor_user_id <> 0 and day between ${range.from}::date and ${range.to}::date`,
  );
  return num(r?.fen);
}

/**
 * Dividends, bonuses and contest prizes paid in the range, per kind: the approved runs by the moment they
 * were approved (which is when their one ledger transaction paid them).
 */
export async function findDividendTotals(db: Executor, range: DayRange) {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select kind, count(*) as runs, coalesce(sum(paid_fen), 0) as fen from dividend_runs
        where status = 'approved' and decided_at >= ${dayBounds(range.from).start.toISOString()}
          and decided_at < ${dayBounds(range.to).end.toISOString()}
        group by kind order by kind`,
  );
  const byKind = rows.map((r) => ({ kind: String(r.kind), runs: num(r.runs), paidFen: num(r.fen) }));
  return { totalFen: byKind.reduce((sum, k) => sum + k.paidFen, 0), byKind };
}

/** Dividends paid per Shanghai day in the range. */
export async function findDividendSeries(db: Executor, range: DayRange) {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select to_char((decided_at at time zone 'Asia/Shanghai')::date, 'YYYY-MM-DD') as day, sum(paid_fen) as fen
        from dividend_runs
        where status = 'approved' and decided_at >= ${dayBounds(range.from).start.toISOString()}
          and decided_at < ${dayBounds(range.to).end.toISOString()}
        group by 1`,
  );
  return new Map(rows.map((r) => [String(r.day), num(r.fen)]));
}
