// Tracking rows: the batched insert (redelivered outbox events skipped), the dirty-day marks, and the
// attribution facts a client event needs (the distributor behind a code, a shopper's upline).
import { sql } from "drizzle-orm";
import { type Executor, queryRows } from "../../db/client.ts";
import { trackingDirtyDays, trackingEvents } from "../../db/schema/tracking.ts";
import { insertRows } from "../../db/statement.ts";

export type NewTrackingEvent = typeof trackingEvents.$inferInsert;

export async function insertTrackingEvents(db: Executor, rows: NewTrackingEvent[]): Promise<void> {
  if (rows.length === 0) return;
  await insertRows(db, trackingEvents, rows, "on conflict do nothing");
}

/** The Shanghai business day of an instant, as YYYY-MM-DD. */
export function shanghaiDay(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** Marks the business days of these instants for the next roll-up (one statement). */
export async function markDirtyDays(db: Executor, instants: Date[], now: Date): Promise<void> {
  const days = [...new Set(instants.map(shanghaiDay))];
  if (days.length === 0) return;
  await insertRows(
    db,
    trackingDirtyDays,
    days.map((day) => ({ day, markedAt: now })),
    "on conflict (day) do update set marked_at = excluded.marked_at",
  );
}

/** Active distributors by code, and for each code that names nobody active, why (unknown or frozen). */
export async function findDistributorsByCodes(db: Executor, codes: string[]) {
  if (codes.length === 0) return [];
  return queryRows<{ code: string; userId: number; status: string }>(
    db,
    sql`select invite_code as code, user_id as "userId", status from distributors
        where invite_code in (${sql.join(
          codes.map((c) => sql`${c}`),
          sql`, `,
        )})`,
  );
}

/** The shopper's current upline (a binding that has not expired at `at`), or null. */
export async function findUplineOf(db: Executor, userId: number, at: Date): Promise<number | null> {
  const rows = await queryRows<{ upline: number }>(
    db,
    sql`select upline_user_id as upline from referral_bindings
        where user_id = ${userId} and (expires_at is null or expires_at > ${at.toISOString()})`,
  );
  return rows[0] ? Number(rows[0].upline) : null;
}

export type OrderFacts = {
  buyerUserId: number;
  placedAt: Date;
  paidAt: Date | null;
  payableFen: number;
  provinceCode: string | null;
  /** The level-1 upline frozen onto the order at placing (null: none, or distribution was off). */
  snapshotUplineUserId: number | null;
  items: { orderItemId: number; productId: number; quantity: number; paidFen: number }[];
};

/** What each order's events are attributed with, by order id, in one query (an id not found is absent). */
export async function findOrdersFacts(db: Executor, orderIds: number[]): Promise<Map<number, OrderFacts>> {
  const found = new Map<number, OrderFacts>();
  if (orderIds.length === 0) return found;
  const rows = await queryRows<{
    orderId: number;
    buyerUserId: number;
    placedAt: Date | string;
    paidAt: Date | string | null;
    payableFen: number | string;
    provinceCode: string | null;
    upline: number | string | null;
    items: { orderItemId: number; productId: number; quantity: number; paidFen: number }[];
  }>(
    db,
    sql`select o.id as "orderId", o.buyer_user_id as "buyerUserId", o.placed_at as "placedAt",
          o.paid_at as "paidAt", o.payable_fen as "payableFen", o.address->>'provinceCode' as "provinceCode",
          (d.chain->0->>'userId')::bigint as upline,
          (select json_agg(json_build_object('orderItemId', i.id, 'productId', i.product_id,
                  'quantity', i.quantity, 'paidFen', i.paid_fen) order by i.id)
             from order_items i where i.order_id = o.id) as items
        from orders o left join order_distribution d on d.order_id = o.id
        where o.id = any(${`{${orderIds.join(",")}}`}::bigint[])`,
  );
  for (const r of rows)
    found.set(Number(r.orderId), {
      buyerUserId: Number(r.buyerUserId),
      placedAt: new Date(r.placedAt),
      paidAt: r.paidAt === null ? null : new Date(r.paidAt),
      payableFen: Number(r.payableFen),
      provinceCode: r.provinceCode,
      snapshotUplineUserId: r.upline === null ? null : Number(r.upline),
      items: (r.items ?? []).map((i) => ({
        orderItemId: Number(i.orderItemId),
        productId: Number(i.productId),
        quantity: Number(i.quantity),
        paidFen: Number(i.paidFen),
      })),
    });
  return found;
}

export async function findRefundedAt(db: Executor, afterSaleId: number): Promise<Date | null> {
  const rows = await queryRows<{ at: Date | string | null }>(
    db,
    sql`select coalesce(refunded_at, updated_at) as at from after_sales where id = ${afterSaleId}`,
  );
  return rows[0]?.at ? new Date(rows[0].at) : null;
}
