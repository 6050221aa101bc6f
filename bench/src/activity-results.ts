// The threshold-discount results page as history grows: one activity discounted a fixed number of paid orders
// (ACTIVITY_ORDERS, default 1,000) while the shop's other orders grow from 10,000 to ORDERS (default
// 1,000,000; a fifth of them discounted by other activities). Times the admin's results query
// (findActivityDiscountResults, through orders_activity_discounts_idx) at each size, p50/p99 over RUNS calls,
// and the query it replaced (every paid order's pricing read) once per size. PostgreSQL only (a throwaway
// database on the local cluster). `npm run bench -- activity-results`.
import { sql } from "drizzle-orm";
import { type Db, openPostgres, queryRows } from "../../packages/server/src/db/client.ts";
import { runMigrations } from "../../packages/server/src/db/migrate.ts";
import { ACTIVITY_DISCOUNT_IDS, ACTIVITY_DISCOUNTS } from "../../packages/server/src/db/schema/commerce.ts";
import { findActivityDiscountResults } from "../../packages/server/src/modules/marketing/activities-repo.ts";
import { createDatabase, dropDatabase } from "./lib/postgres.ts";
import { writeResult } from "./lib/result.ts";
import { percentile, round } from "./lib/stats.ts";

const ACTIVITY = 7;

/** Adds `count` paid orders; `activityId` discounts each of them by ¥50 (null: a fifth by other activities). */
async function addOrders(db: Db, count: number, activityId: number | null): Promise<void> {
  const discount = (id: string) =>
    `jsonb_build_array(jsonb_build_object('source','activity','sourceId',${id},'kind','threshold_amount_off',
      'label','满200减50','detail','满200减50','target','goods','amountFen',5000,'lineShares',jsonb_build_array(5000)))`;
  const pricing =
    activityId === null
      ? `jsonb_build_object('discounts', case when g % 5 = 0 then ${discount("(1000 + g % 50)::text")}
          else '[]'::jsonb end, 'freight', null)`
      : `jsonb_build_object('discounts', ${discount(`'${activityId}'`)}, 'freight', null)`;
  for (let done = 0; done < count; done += 100_000) {
    const n = Math.min(100_000, count - done);
    await db.execute(
      sql.raw(`insert into orders (order_no, buyer_user_id, status, goods_fen, discount_fen, freight_fen,
        payable_fen, pricing, delivery, contact_phone, placed_at, paid_at)
      select 'B' || nextval('order_no_seq'), 1, 'completed', 25000, 5000, 0, 20000,
        ${pricing}, 'redemption', '13800000000', now(), now()
      from generate_series(1, ${n}) g`),
    );
  }
  await db.execute(sql`analyze orders`);
}

async function time(run: () => Promise<unknown>, runs: number) {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await run();
    ms.push(performance.now() - start);
  }
  ms.sort((a, b) => a - b);
  return { p50Ms: round(percentile(ms, 50)), p99Ms: round(percentile(ms, 99)) };
}

/** The query this replaced: every paid order's discounts unnested, then filtered. */
const scanAll = (db: Db) =>
  queryRows(
    db,
    sql`select d->>'sourceId' as "activityId", count(distinct o.id)::int as orders
        from orders o cross join lateral jsonb_array_elements(o.pricing->'discounts') d
        where o.paid_at is not null and d->>'source' = 'activity' and d->>'sourceId' in (${String(ACTIVITY)})
        group by 1`,
  );

/** The index the results query's plan reads orders through (null: it reads the table). */
async function planOf(db: Db): Promise<string | null> {
  const rows = await queryRows<{ "QUERY PLAN": string }>(
    db,
    sql.raw(`explain select o.id from orders o
      where jsonb_path_query_array(o.pricing, '${ACTIVITY_DISCOUNT_IDS}') ?| '{${ACTIVITY}}'::text[]
        and jsonb_path_exists(o.pricing, '${ACTIVITY_DISCOUNTS}') and o.paid_at is not null`),
  );
  const plan = rows.map((r) => r["QUERY PLAN"]).join("\n");
  return /Index Scan on (\w+)|Bitmap Index Scan on (\w+)/.exec(plan)?.slice(1).find(Boolean) ?? null;
}

export default async function activityResults(): Promise<void> {
  const total = Number(process.env.ORDERS ?? 1_000_000);
  const activityOrders = Number(process.env.ACTIVITY_ORDERS ?? 1000);
  const runs = Number(process.env.RUNS ?? 50);
  const name = `liebian_bench_activity_results_${process.pid}`;
  const database = await openPostgres(createDatabase(name), 2);
  const db = database.db;
  try {
    await runMigrations(database);
    await db.execute(sql`insert into users (nickname) values ('bench')`);
    await addOrders(db, activityOrders, ACTIVITY);
    const sizes: Record<string, unknown>[] = [];
    let others = 0;
    for (const target of [10_000, 100_000, 1_000_000, 10_000_000].filter((n) => n <= total)) {
      await addOrders(db, target - others, null);
      others = target;
      const results = await findActivityDiscountResults(db, [ACTIVITY]);
      if (results[0]?.orders !== activityOrders) throw new Error(`results: ${JSON.stringify(results)}`);
      const indexed = await time(() => findActivityDiscountResults(db, [ACTIVITY]), runs);
      const before = await time(() => scanAll(db), 1);
      const row = { otherOrders: target, indexed, scanAllMs: before.p50Ms, plan: await planOf(db) };
      console.log(JSON.stringify(row));
      sizes.push(row);
    }
    writeResult("activity-results", { engine: "postgres", activityOrders, runs, sizes });
  } finally {
    await database.close();
    dropDatabase(name);
  }
}
