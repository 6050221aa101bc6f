// An earner's order counters (earner_order_counts): how many orders carried a commission of theirs and how
// many of those were refunded. The fraud check's refund ratio reads them on every payment, so they are kept
// here, in the transactions that change them, instead of being recounted from the earner's whole history.
import { sql } from "drizzle-orm";
import type { Tx } from "../../db/client.ts";
import { runStatement } from "../../db/statement.ts";

/**
 * Slot rows per earner: each connection adds to its own, so concurrent payments rarely share a row lock. 32,
 * not 16: two API processes hold ~20 connections, and at 16 slots most of them shared one with another
 * (pgbench at 32 clients: a third of the backends waited on these rows; the fraud check sums ≤ 32 rows).
 */
export const COUNTER_SLOTS = 32;
const slot = sql.raw(`pg_backend_pid() % ${COUNTER_SLOTS}`);

const idArray = (ids: number[]) => `{${[...new Set(ids)].sort((a, b) => a - b).join(",")}}`;

/**
 * Counts one more order for each earner given: call it once per order, with the earners of the commission
 * rows created for it right now (a repeated payment notification creates none and must not call it).
 * Rows are upserted in id order, so concurrent payments for the same earners never deadlock.
 */
export async function recordEarnerOrder(tx: Tx, earners: number[]): Promise<void> {
  if (earners.length === 0) return;
  await runStatement(
    tx,
    `insert into earner_order_counts (user_id, slot, orders)
     select id, pg_backend_pid() % ${COUNTER_SLOTS}, 1 from unnest($1::bigint[]) as e(id) order by id
     on conflict (user_id, slot) do update set orders = earner_order_counts.orders + 1`,
    [idArray(earners)],
  );
}

/**
 * Counts the order as refunded for each earner given whose commissions on it had nothing clawed back yet.
 * Call it inside the refund's transaction (which holds the order's lock) BEFORE writing this refund's
 * clawed-back amounts, with the earners it claws back from; a later refund of the same order counts nothing.
 */
export async function recordEarnerRefund(tx: Tx, orderId: number, earners: number[]): Promise<void> {
  if (earners.length === 0) return;
  await tx.execute(sql`insert into earner_order_counts (user_id, slot, refunded_orders)
    select id, ${slot}, 1 from unnest(${idArray(earners)}::bigint[]) as e(id)
    where not exists (select 1 from commissions c
                      where c.order_id = ${orderId} and c.earner_user_id = e.id and c.clawed_back_fen > 0)
    order by id
    on conflict (user_id, slot) do update set refunded_orders = earner_order_counts.refunded_orders + 1`);
}
