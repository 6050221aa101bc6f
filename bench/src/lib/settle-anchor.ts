// The raw-SQL settlement anchor of performance-anchors §2.7 step 6, run in the same database and the same
// run as the product's sweep so the ratio cancels the machine's load: 1M frozen rows aggregated into one
// ledger row per member, then flipped to settled, in one transaction. Its tables are dropped afterwards.
import { sql } from "drizzle-orm";
import type { Db } from "../../../packages/server/src/db/client.ts";
import { round } from "./stats.ts";

export async function measureSettleAnchor(db: Db, rows: number) {
  await db.execute(sql`drop table if exists t_commission, t_ledger`);
  await db.execute(sql`create table t_commission (id bigserial primary key, beneficiary_id bigint not null,
    amount_cents integer not null, status text not null default 'frozen')`);
  await db.execute(sql`insert into t_commission (beneficiary_id, amount_cents)
    select 1 + floor(random() * 1000000)::bigint, 1 + floor(random() * 5000)::int from generate_series(1, ${rows})`);
  await db.execute(sql`create index t_commission_status_idx on t_commission (status, beneficiary_id)`);
  await db.execute(sql`analyze t_commission`);
  await db.execute(sql`create table t_ledger (id bigserial primary key, member_id bigint not null,
    amount_cents bigint not null, kind text not null, created_at timestamptz not null default now())`);
  // its million inserts written out before the timed part, as the sweep's database is before the sweep
  await db.execute(sql`checkpoint`);
  let aggregateSeconds = 0;
  let updateSeconds = 0;
  await db.transaction(async (tx) => {
    let t0 = performance.now();
    await tx.execute(sql`insert into t_ledger (member_id, amount_cents, kind)
      select beneficiary_id, sum(amount_cents), 'commission_settle' from t_commission
      where status = 'frozen' group by beneficiary_id`);
    aggregateSeconds = (performance.now() - t0) / 1000;
    t0 = performance.now();
    await tx.execute(sql`update t_commission set status = 'settled' where status = 'frozen'`);
    updateSeconds = (performance.now() - t0) / 1000;
  });
  await db.execute(sql`drop table t_commission, t_ledger`);
  return {
    rows,
    aggregateSeconds: round(aggregateSeconds, 3),
    updateSeconds: round(updateSeconds, 3),
    seconds: round(aggregateSeconds + updateSeconds, 3),
  };
}
