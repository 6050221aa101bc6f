// The release sweep's batch, as one statement: the next due rows of the queue in (due date, id) order are
// settled, posted and announced together, and no commission row travels to the server and back.
import { sql } from "drizzle-orm";
import { type Executor, queryRows } from "../../db/client.ts";
import { NO_OPEN_AFTER_SALE } from "./repo.ts";

/** Where a sweep's walk of the due queue stands: the last queue row taken, in (due date, id) order. */
export type DueCursor = { dueAt: string; commissionId: number };

/** What one batch did: queue rows taken, commissions moved, earners paid, ledger lines written, where it ended. */
export type SettledBatch = {
  taken: number;
  settled: number;
  earners: number;
  lines: number;
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
 * The same statement posts buildCommissionsReleasedLines' transaction — per earner, what is left moves out
 * of the shop-wide frozen account (one line for the batch) into commission_available:u:<id> (created on a
 * first release) — keyed `release:<smallest id>` with the ids in its meta, and writes one
 * `commission.released` message with the ids and amounts. The earners' accounts are taken in code order (the
 * index is then read leaf by leaf, not at random), the frozen account last, as postBatchTransaction takes
 * them. The caller checks `lines` is `earners + 1` (or 0); the entries' own trigger checks the sum.
 */
export async function settleAndPostDue(
  db: Executor,
  now: Date,
  limit: number,
  cursor: DueCursor | null,
  accounts: { frozen: string; availablePrefix: string },
): Promise<SettledBatch> {
  const at = now.toISOString();
  const [row] = await queryRows<{
    taken: number;
    settled: number;
    earners: number;
    lines: number;
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
          select ${accounts.availablePrefix}::text || earner_user_id as code, sum(left_fen) as fen from moved
          group by earner_user_id having sum(left_fen) > 0),
        posted as (
          insert into ledger_transactions (idempotency_key, kind, meta, created_at)
          select 'release:' || min(id), 'commission_settled',
                 ('{"commissionIds":[' || string_agg(id::text, ',' order by id) || ']}')::jsonb, ${at}
          from moved having count(*) > 0 and exists (select 1 from earner)
          returning id),
        -- an earner's first release creates their available account: an upsert, in code order
        available as (
          insert into ledger_accounts (code, balance_fen) select code, -fen from earner order by code
          on conflict (code) do update set balance_fen = ledger_accounts.balance_fen + excluded.balance_fen
          returning id, code),
        frozen as (
          update ledger_accounts set balance_fen = balance_fen + (select sum(fen) from earner)
          where code = ${accounts.frozen} and exists (select 1 from earner)
          returning id, (select sum(fen) from earner) as fen),
        line as (
          select available.id, -earner.fen as fen from available join earner on earner.code = available.code
          union all select id, fen from frozen),
        entries as (
          insert into ledger_entries (transaction_id, account_id, amount_fen)
          select posted.id, line.id, line.fen from posted, line order by line.id
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
               last.* from (select 1) one left join last on true`,
  );
  return {
    taken: Number(row!.taken),
    settled: Number(row!.settled),
    earners: Number(row!.earners),
    lines: Number(row!.lines),
    cursor: row!.dueAt ? { dueAt: row!.dueAt, commissionId: Number(row!.commissionId) } : null,
  };
}
