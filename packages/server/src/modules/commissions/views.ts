// Read models of commissions for the distribution centre: promoted orders with the buyer masked.
import { sql } from "drizzle-orm";
import { type Executor, queryRows } from "../../db/client.ts";

export async function findPromotedOrders(db: Executor, earnerUserId: number, limit: number, cursor?: number) {
  const rows = await queryRows<{
    orderId: number;
    orderNo: string;
    status: string;
    buyerNickname: string;
    paidFen: number;
    commissionFen: number;
    placedAt: Date;
  }>(
    db,
    sql`select o.id as "orderId", o.order_no as "orderNo", o.status, u.nickname as "buyerNickname",
               o.payable_fen as "paidFen", sum(c.amount_fen - c.clawed_back_fen)::bigint as "commissionFen",
               o.placed_at as "placedAt"
        from commissions c join orders o on o.id = c.order_id join users u on u.id = o.buyer_user_id
        where c.earner_user_id = ${earnerUserId} ${cursor ? sql`and o.id < ${cursor}` : sql``}
        group by o.id, u.nickname order by o.id desc limit ${limit}`,
  );
  // raw SQL reads timestamps as text
  return rows.map((r) => ({
    ...r,
    buyerNickname: maskName(r.buyerNickname),
    placedAt: new Date(r.placedAt),
  }));
}

function maskName(name: string): string {
  return name.length <= 1 ? "*" : `${name.slice(0, 1)}${"*".repeat(Math.min(3, name.length - 1))}`;
}
