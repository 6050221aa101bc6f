// Set-based seed data for the distribution benchmark, written as the product writes it: a random-recursive
// referral tree, one large flat team, paid orders, and frozen commissions with their `comm:<item>:L<level>`
// ledger postings (Dr merchant_revenue, Cr commission_frozen: the shop-wide account since 0049) and the cached
// balances.
import { sql } from "drizzle-orm";
import type { Db } from "../../../packages/server/src/db/client.ts";
import { inTransaction } from "../../../packages/server/src/db/transaction.ts";

/** Users 1..count; each user's upline is a uniformly random earlier user (performance-anchors §2.7). */
export async function seedRandomTree(db: Db, count: number): Promise<void> {
  await db.execute(sql`insert into users (nickname) select 'u' || g from generate_series(1, ${count}) g`);
  await db.execute(sql`insert into distributors (user_id, status, invite_code, granted_via, joined_at, updated_at)
    select id, 'active', 'c' || id, 'everyone', now(), now() from users`);
  await db.execute(sql`insert into referral_bindings (user_id, upline_user_id, source, bound_at, protected_until)
    select id, 1 + floor(random() * (id - 1))::bigint, 'link', now(), now() from users where id > 1`);
}

/**
 * A flat team under `leaderId`, the shape of a real influencer's (trees in the wild are flatter than random
 * ones): `fanout[0]` direct members, each with `fanout[1]`, each with `fanout[2]`, all within the three
 * levels the "my team" screen counts. Returns the number of members.
 */
export async function seedFlatTeam(
  db: Db,
  leaderId: number,
  fanout: [number, number, number],
): Promise<number> {
  let parents = [leaderId];
  let members = 0;
  for (const width of fanout) {
    const rows = await db.execute(sql`
      with parent as (select unnest(${`{${parents.join(",")}}`}::bigint[]) as id),
           born as (insert into users (nickname)
                    select 'team' from parent, generate_series(1, ${width}) returning id),
           numbered as (select id, row_number() over (order by id) - 1 as n from born),
           parents as (select id, row_number() over (order by id) - 1 as n from parent)
      insert into referral_bindings (user_id, upline_user_id, source, bound_at, protected_until)
      select b.id, p.id, 'link', now() - (random() * interval '300 days'), now()
      from numbered b join parents p on p.n = b.n / ${width}
      returning user_id`);
    parents = (rows as unknown as { rows: { user_id: number }[] }).rows.map((r) => Number(r.user_id));
    members += parents.length;
  }
  await db.execute(sql`insert into distributors (user_id, status, invite_code, granted_via, joined_at, updated_at)
    select id, 'active', 'c' || id, 'everyone', now(), now() from users
    where id > (select max(user_id) from distributors)`);
  return members;
}

/** One completed order (¥10–¥1,000, paid ten days ago) for every user with id ≥ fromUserId. */
export async function seedPaidOrders(db: Db, fromUserId: number): Promise<void> {
  await db.execute(sql`insert into orders (order_no, buyer_user_id, status, goods_fen, discount_fen, freight_fen,
      payable_fen, pricing, address, contact_phone, payment_provider, placed_at, paid_at, received_at, completed_at,
      updated_at)
    select 'B' || u.id, u.id, 'completed', p.fen, 0, 0, p.fen, '{}'::jsonb, '{}'::jsonb, '13700000000', 'sandbox',
           now() - interval '10 days', now() - interval '10 days', now() - interval '8 days',
           now() - interval '1 day', now()
    from users u cross join lateral (select 1000 + floor(random() * 99000)::bigint + 0 * u.id as fen) p
    where u.id >= ${fromUserId}`);
}

/**
 * Up to `limit` frozen commissions, level 1 (10%) to the buyer's upline and level 2 (5%) to theirs, one
 * order item per order (its id stands in for the item's; the sweep reads only the commission row), due over
 * the last three days in order of their orders (as receipt + N days makes them), give or take ten minutes; then their ledger postings and balances, in one transaction so
 * the ledger's balance triggers check every posting at commit, as in production.
 */
export async function seedFrozenCommissions(db: Db, limit: number): Promise<number> {
  return inTransaction(db, async (tx) => {
    const inserted =
      await tx.execute(sql`insert into commissions (order_id, order_item_id, level, earner_user_id,
        buyer_user_id, item_fen, base_fen, rate_bps, quantity, rate_source, amount_fen, status, due_at, created_at)
      select o.id, o.id, l.level, l.earner, o.buyer_user_id, o.payable_fen, o.payable_fen, l.bps, 1, 'plan',
             o.payable_fen * l.bps / 10000, 'frozen', o.due_at, o.paid_at
      from (select *, now() - interval '3 days' + random() * interval '10 minutes'
                      + (id::float8 / (select max(id) from orders)) * interval '2 days' as due_at from orders) o
      join referral_bindings b1 on b1.user_id = o.buyer_user_id
      left join referral_bindings b2 on b2.user_id = b1.upline_user_id
      cross join lateral (values (1, b1.upline_user_id, 1000), (2, b2.upline_user_id, 500)) l(level, earner, bps)
      where l.earner is not null and o.status = 'completed'
      order by o.id, l.level
      limit ${limit}`);
    await tx.execute(sql`insert into ledger_transactions (idempotency_key, kind, meta, created_at)
      select 'comm:' || c.order_item_id || ':L' || c.level, 'commission_frozen',
             jsonb_build_object('commissionId', c.id, 'orderId', c.order_id), c.created_at
      from commissions c order by c.id`);
    // commission_frozen exists from its migration (0049)
    await tx.execute(sql`insert into ledger_accounts (code, balance_fen)
      select 'commission_frozen', -sum(amount_fen) from commissions
      union all select 'merchant_revenue', sum(amount_fen) from commissions
      on conflict (code) do update set balance_fen = ledger_accounts.balance_fen + excluded.balance_fen`);
    await tx.execute(sql`insert into ledger_entries (transaction_id, account_id, amount_fen)
      select t.id, a.id, x.amount
      from commissions c
      join ledger_transactions t on t.idempotency_key = 'comm:' || c.order_item_id || ':L' || c.level
      cross join lateral (values ('merchant_revenue', c.amount_fen),
                                 ('commission_frozen', -c.amount_fen)) x(code, amount)
      join ledger_accounts a on a.code = x.code
      order by t.id`);
    return (inserted as unknown as { rowCount: number }).rowCount;
  });
}
