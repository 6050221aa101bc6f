// The daily roll-ups: a day is re-aggregated whole from its raw events (delete, then insert … select), so a
// late event only needs its day marked dirty, and rolling a day twice gives the same rows. The shop-wide
// totals are summed from the day's distributor rows in the same transaction.
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { queryRows } from "../../db/client.ts";
import { inTransaction } from "../../db/transaction.ts";

/** The UTC instants that bound a Shanghai business day (UTC+8, no daylight saving). */
export function dayBounds(day: string): { start: Date; end: Date } {
  const start = new Date(`${day}T00:00:00+08:00`);
  return { start, end: new Date(start.getTime() + 86_400_000) };
}

/** Rebuilds both roll-ups of one day from the raw events, in one transaction. */
export async function rollUpDay(db: Db, day: string): Promise<void> {
  const { start, end } = dayBounds(day);
  const from = start.toISOString();
  const to = end.toISOString();
  await inTransaction(db, async (tx) => {
    await tx.execute(sql`delete from tracking_daily where day = ${day}::date`);
    await tx.execute(sql`delete from tracking_daily_products where day = ${day}::date`);
    await tx.execute(sql`delete from tracking_daily_totals where day = ${day}::date`);
    await tx.execute(sql`
      insert into tracking_daily (day, kind, distributor_user_id, province_code, events, orders, visitors, amount_fen)
      select ${day}::date, kind, coalesce(distributor_user_id, 0), coalesce(province_code, ''), count(*),
             count(distinct order_id), count(distinct coalesce(visitor_user_id::text, 'k:' || visitor_key)),
             coalesce(sum(amount_fen), 0)
      from tracking_events where at >= ${from} and at < ${to}
      group by kind, coalesce(distributor_user_id, 0), coalesce(province_code, '')`);
    // shop-wide: the day's rows just written, summed over distributors (an order has one distributor, so
    // orders add up exactly; visitors add up as every report already sums them)
    await tx.execute(sql`
      insert into tracking_daily_totals (day, kind, province_code, events, orders, visitors, amount_fen)
      select day, kind, province_code, sum(events), sum(orders), sum(visitors), sum(amount_fen)
      from tracking_daily where day = ${day}::date group by day, kind, province_code`);
    await tx.execute(sql`
      insert into tracking_daily_products (day, kind, product_id, events, orders, quantity, amount_fen)
      select ${day}::date, e.kind, p.product_id, count(*), count(distinct e.order_id),
             coalesce(sum(p.quantity), 0), coalesce(sum(p.fen), 0)
      from tracking_events e
      cross join lateral (
        select i."productId" as product_id, i.quantity, i.fen
          from jsonb_to_recordset(e.items) as i("productId" bigint, quantity int, fen bigint)
        union all
        select e.product_id, 0, 0 where e.items is null and e.product_id is not null
      ) p
      where e.at >= ${from} and e.at < ${to}
      group by e.kind, p.product_id`);
  });
}

/**
 * Rolls up every day marked dirty (oldest first, at most `limit`), clearing a mark only if no event
 * marked the day again meanwhile. Returns how many days were rolled.
 */
export async function rollUpDirtyDays(db: Db, limit = 31): Promise<number> {
  const due = await queryRows<{ day: string; markedAt: Date | string }>(
    db,
    sql`select day::text as day, marked_at as "markedAt" from tracking_dirty_days order by day limit ${limit}`,
  );
  for (const { day, markedAt } of due) {
    await rollUpDay(db, day);
    await db.execute(
      sql`delete from tracking_dirty_days where day = ${day}::date and marked_at <= ${new Date(markedAt).toISOString()}`,
    );
  }
  return due.length;
}

/** Creates the month partitions of `tracking_events` for this month and the next two (if absent). */
export async function ensureEventPartitions(db: Db, now: Date): Promise<number> {
  let created = 0;
  const shanghai = new Date(now.getTime() + 8 * 3_600_000);
  for (let ahead = 0; ahead < 3; ahead++) {
    const first = new Date(Date.UTC(shanghai.getUTCFullYear(), shanghai.getUTCMonth() + ahead, 1));
    const next = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 1));
    const name = `tracking_events_${first.toISOString().slice(0, 7).replace("-", "_")}`;
    const exists = await queryRows(db, sql`select 1 from pg_class where relname = ${name}`);
    if (exists.length > 0) continue;
    try {
      // month bounds on the Shanghai clock, like the business days the roll-ups use
      await db.execute(
        sql.raw(
          `create table if not exists ${name} partition of tracking_events for values from ('${first.toISOString().slice(0, 10)} 00:00:00+08') to ('${next.toISOString().slice(0, 10)} 00:00:00+08')`,
        ),
      );
      created++;
    } catch {
      // the default partition already holds rows of this month (events before this job first ran there):
      // they stay in the default partition, which is still correct, only not detachable by month
    }
  }
  return created;
}
