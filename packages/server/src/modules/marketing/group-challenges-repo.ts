// Group challenge (团购挑战) queries: ended challenges to settle, their paid lines, the result and refunds.
import { sql } from "drizzle-orm";
import { type Executor, queryRows } from "../../db/client.ts";
import { groupChallengeRefunds, groupChallengeResults } from "../../db/schema/marketing.ts";

/**
 * Challenges whose window is over (or that staff stopped) within the last 30 days: settled or to settle. One
 * with an order still awaiting payment waits until it is paid or closed (the close timer ends the wait), so a
 * shopper who joined before the end and pays after it counts towards the final tier.
 */
export async function findEndedChallengeIds(db: Executor, now: Date): Promise<number[]> {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`select a.id from activities a where a.kind = 'group_challenge'
          and (a.ends_at <= ${now.toISOString()}::timestamptz or a.status = 'stopped')
          and a.ends_at > ${now.toISOString()}::timestamptz - interval '30 days'
          and not exists (select 1 from order_items oi join orders o on o.id = oi.order_id
                           where oi.activity_id = a.id and o.status = 'pending_payment')
        order by a.id`,
  );
  return rows.map((r) => Number(r.id));
}

/** Units of the challenge in paid orders that kept them: its participants. */
export async function countChallengeParticipants(db: Executor, activityId: number): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select coalesce(sum(oi.quantity - oi.refunded_quantity), 0)::int as n
          from order_items oi join orders o on o.id = oi.order_id
         where oi.activity_id = ${activityId} and o.paid_at is not null`,
  );
  return Number(row?.n ?? 0);
}

export async function findChallengeResult(db: Executor, activityId: number) {
  const [row] = await queryRows<{ participants: number; payBps: number; settledAt: Date }>(
    db,
    sql`select participants, pay_bps as "payBps", settled_at as "settledAt" from group_challenge_results
         where activity_id = ${activityId}`,
  );
  return row ?? null;
}

export async function insertChallengeResult(
  tx: Executor,
  values: typeof groupChallengeResults.$inferInsert,
): Promise<void> {
  await tx.insert(groupChallengeResults).values(values).onConflictDoNothing();
}

/** Paid lines of the challenge whose order has had no difference refund yet (orders not fully refunded). */
export async function findUnrefundedChallengeLines(db: Executor, activityId: number) {
  return queryRows<{
    orderId: number;
    orderItemId: number;
    listUnitFen: number;
    unitPriceFen: number;
    quantity: number;
    refundedQuantity: number;
    paidFen: number;
    refundedFen: number;
  }>(
    db,
    sql`select oi.order_id::int as "orderId", oi.id::int as "orderItemId",
          coalesce(oi.original_unit_fen, oi.unit_price_fen)::int as "listUnitFen", oi.unit_price_fen::int as "unitPriceFen",
          oi.quantity, oi.refunded_quantity as "refundedQuantity", oi.paid_fen::int as "paidFen", oi.refunded_fen::int as "refundedFen"
        from order_items oi join orders o on o.id = oi.order_id
       where oi.activity_id = ${activityId} and o.paid_at is not null and o.status <> 'refunded'
         and not exists (select 1 from group_challenge_refunds r where r.activity_id = ${activityId} and r.order_id = o.id)
       order by oi.order_id, oi.id`,
  );
}

export async function insertChallengeRefund(tx: Executor, values: typeof groupChallengeRefunds.$inferInsert) {
  await tx.insert(groupChallengeRefunds).values(values);
}

/** The refunds of a challenge with their orders and after-sales, for the admin's results. */
export async function listChallengeRefunds(db: Executor, activityId: number) {
  return queryRows<{
    orderId: number;
    orderNo: string;
    afterSaleId: number;
    refundFen: number;
    status: string;
    createdAt: Date;
  }>(
    db,
    sql`select r.order_id::int as "orderId", o.order_no as "orderNo", r.after_sale_id::int as "afterSaleId",
          r.refund_fen::int as "refundFen", a.status, r.created_at as "createdAt"
        from group_challenge_refunds r join orders o on o.id = r.order_id join after_sales a on a.id = r.after_sale_id
       where r.activity_id = ${activityId} order by r.order_id limit 500`,
  );
}

/** The challenge a shopper's order joined (null when it joined none, or is not theirs) and its difference refund. */
export async function findOrderChallenge(db: Executor, userId: number, orderId: number) {
  const [row] = await queryRows<{
    activityId: number;
    refund: { afterSaleId: number; refundFen: number; status: string; createdAt: string } | null;
  }>(
    db,
    sql`select a.id::int as "activityId",
          (select jsonb_build_object('afterSaleId', r.after_sale_id, 'refundFen', r.refund_fen,
                    'status', s.status, 'createdAt', r.created_at)
             from group_challenge_refunds r join after_sales s on s.id = r.after_sale_id
            where r.activity_id = a.id and r.order_id = o.id) as refund
        from orders o join order_items oi on oi.order_id = o.id join activities a on a.id = oi.activity_id
       where o.id = ${orderId} and o.buyer_user_id = ${userId} and a.kind = 'group_challenge' limit 1`,
  );
  return row ?? null;
}
