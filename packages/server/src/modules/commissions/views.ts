// Read models of commissions for the distribution centre: promoted orders with the buyer masked.
import { sql } from "drizzle-orm";
import { type Executor, queryRows } from "../../db/client.ts";
import type { StatementRow } from "../ledger/repo.ts";

/**
 * What an earner has frozen: their open commissions (frozen or held) less what refunds took back — the
 * earner's share of the shop-wide commission_frozen account (migration 0049), read through the queue of open
 * rows rather than their whole history.
 */
export async function findFrozenFen(db: Executor, earnerUserId: number): Promise<number> {
  const [row] = await queryRows<{ fen: number | string }>(
    db,
    sql`select coalesce(sum(c.amount_fen - c.clawed_back_fen), 0)::bigint as fen
        from commission_queue q join commissions c on c.id = q.commission_id
        where q.earner_user_id = ${earnerUserId}`,
  );
  return Number(row!.fen);
}

/**
 * The earner's latest frozen-commission ledger lines (newest first, at most `limit`): since 0049 the frozen
 * account is shop-wide, so the lines that are this earner's are found through their commissions — each
 * line's creation (`comm:<item>:L<level>`) and staff cancellation (`cancel:<id>`), by key — on the shop
 * account or, for lines posted before 0049, the earner's own `commission_frozen:u:<id>`.
 */
export async function findFrozenStatement(db: Executor, earnerUserId: number, limit: number) {
  return queryRows<Omit<StatementRow, "meta">>(
    db,
    sql`with mine as (select id, order_item_id, level from commissions where earner_user_id = ${earnerUserId}
                      order by id desc limit ${limit}),
        keyed as (select 'comm:' || order_item_id || ':L' || level as key from mine
                  union all select 'cancel:' || id from mine),
        account as (select id from ledger_accounts
                    where code in ('commission_frozen', ${`commission_frozen:u:${earnerUserId}`}))
        select e.id as "entryId", t.id as "transactionId", t.idempotency_key as key, t.kind,
               e.amount_fen as "amountFen", t.created_at as "createdAt"
        from keyed join ledger_transactions t on t.idempotency_key = keyed.key
        join ledger_entries e on e.transaction_id = t.id and e.account_id in (select id from account)
        order by e.id desc limit ${limit}`,
  );
}

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
