// The release sweep's batch, as one statement: the next due rows of the queue in (due date, id) order are
// settled, posted and announced together, and no commission row travels to the server and back.
import { sql } from "drizzle-orm";
import { type Executor, queryRows } from "../../db/client.ts";
import { NO_OPEN_AFTER_SALE } from "./repo.ts";

/** Where a sweep's walk of the due queue stands: the last queue row taken, in (due date, id) order. */
export type DueCursor = { dueAt: string; commissionId: number };

/** What one batch did: queue rows taken, commissions moved, earners paid, ledger lines and pending rows written, where it ended. */
export type SettledBatch = {
  taken: number;
  settled: number;
  earners: number;
  lines: number;
  pending: number;
  cursor: DueCursor | null;
};

/**
 * Settles and posts, in ONE statement, the next `limit` due queue rows after `cursor` (frozen, due at `now`,
 * no open after-sale on the item: planRelease's rule, decideCommissionSettlement, applied set-based).
 * The queue is walked in (due date, id) order, which is the order commissions were written in, so a batch
 * reads and rewrites a few neighbouring pages of the commissions table instead of one page per row (the walk
 * by earner it replaces re-read most of a 326 MB table from disk at 1M). The rows move frozen → settled
 * (heap-only: no index names `status`) and leave the queue. The UPDATE takes its own row locks: a row another
 * transaction holds (a refund, another sweeper) is waited for and judged again as that transaction left it,
 * so a cancelled or settled row is not moved and a clawback made meanwhile is counted.
 * The same statement posts the batch's ledger transaction — what is left of its commissions moves from the
 * shop-wide frozen account to the shop-wide released one, two lines, the two account rows taken in code
 * order — keyed `release:<smallest id>` with the ids in its meta, writes each earner's share as a row of
 * commission_released_pending (folded into their available account later: released.ts), and writes one
 * `commission.released` message with the ids and amounts. Per earner that is one narrow insert, where
 * posting to each earner's own account was an upsert of its row and a ledger line (migration 0053). The
 * caller checks `lines` is 2 and `pending` is `earners` (or both 0); the entries' own trigger checks the sum.
 */
export async function settleAndPostDue(
  db: Executor,
  now: Date,
  limit: number,
  cursor: DueCursor | null,
  accounts: { frozen: string; released: string },
): Promise<SettledBatch> {
  const at = now.toISOString();
  const [row] = await queryRows<{
    taken: number;
    settled: number;
    earners: number;
    lines: number;
    pending: number;
    dueAt: string | null;
    commissionId: number | null;
  }>(
    db,
    sql`with due as materialized (
          select commission_id as id, due_at, ctid as queued from commission_queue
          where not held and due_at is not null and due_at <= ${at}
          ${cursor === null ? sql`` : sql`and (due_at, commission_id) > (${cursor.dueAt}::timestamptz, ${cursor.commissionId})`}
          order by due_at, commission_id limit ${limit}),
        moved as (
          update commissions c set status = 'settled', settled_at = ${at}
          from due where c.id = due.id and c.status = 'frozen' and c.due_at <= ${at} and ${NO_OPEN_AFTER_SALE}
          returning c.id, c.earner_user_id, c.amount_fen - c.clawed_back_fen as left_fen, due.queued),
        -- by the queue row's address: no index lookup (a row whose release date moved meanwhile would keep a
        -- queue row that points at a settled commission, never taken again)
        gone as (delete from commission_queue where ctid = any(array(select queued from moved))),
        earner as materialized (
          select earner_user_id as user_id, sum(left_fen) as fen from moved
          group by earner_user_id having sum(left_fen) > 0),
        posted as (
          insert into ledger_transactions (idempotency_key, kind, meta, created_at)
          select 'release:' || min(id), 'commission_settled',
                 ('{"commissionIds":[' || string_agg(id::text, ',' order by id) || ']}')::jsonb, ${at}
          from moved having count(*) > 0 and exists (select 1 from earner)
          returning id),
        pending as (
          insert into commission_released_pending (earner_user_id, transaction_id, amount_fen)
          select earner.user_id, posted.id, earner.fen from posted, earner
          returning 1),
        -- frozen down, released up by the batch's sum: both rows in one update, in code order
        account as (
          update ledger_accounts a
          set balance_fen = a.balance_fen + case when a.code = ${accounts.frozen} then total.fen else -total.fen end
          from (select sum(fen) as fen from earner) total
          where a.code in (${accounts.frozen}, ${accounts.released}) and total.fen is not null
          returning a.id, case when a.code = ${accounts.frozen} then total.fen else -total.fen end as fen),
        entries as (
          insert into ledger_entries (transaction_id, account_id, amount_fen)
          select posted.id, account.id, account.fen from posted, account order by account.id
          returning 1),
        -- built as text and parsed once: building it as jsonb took four times as long
        message as (
          insert into outbox (topic, payload, created_at, next_attempt_at)
          select 'commission.released', ('{"commissionIds":[' || string_agg(id::text, ',' order by id)
                   || '],"amountsFen":[' || string_agg(left_fen::text, ',' order by id) || ']}')::jsonb, ${at}, ${at}
          from moved having count(*) > 0),
        last as (select due_at::text as "dueAt", id as "commissionId" from due
                 order by due_at desc, id desc limit 1)
        select (select count(*) from due)::int as taken, (select count(*) from moved)::int as settled,
               (select count(*) from earner)::int as earners, (select count(*) from entries)::int as lines,
               (select count(*) from pending)::int as pending,
               last.* from (select 1) one left join last on true`,
  );
  return {
    taken: Number(row!.taken),
    settled: Number(row!.settled),
    earners: Number(row!.earners),
    lines: Number(row!.lines),
    pending: Number(row!.pending),
    cursor: row!.dueAt ? { dueAt: row!.dueAt, commissionId: Number(row!.commissionId) } : null,
  };
}
