// Sharing and analytics at scale on PostgreSQL, in a throwaway database migrated with our migrations:
// N tracking events over the last 365 days (views, link opens, shares, posters, carts; order placed/paid
// and refunds for N/10 orders) and N/10 commissions, generated set-based; every day rolled up by the real
// rollUpDay; then the dashboard (dashboardReport) and a 90-day distributor ranking (distributorRanking)
// timed over repeated calls (p50/p99); event ingestion through the real batched writer (events/s); and
// posters drawn by the real renderer with a fresh link each (cold) and answered from the poster cache (cached).
// Size: `npm run bench -- sharing 10000000` (or BENCH_EVENTS). Writes bench/results/sharing.json.
// BENCH_KEEP_DB=<name> keeps the seeded database and, on the next run, reuses it (migrated again, not
// reseeded; rolled up again only with BENCH_ROLLUP=1), so a query or index fix is re-measured in minutes.
// (The 10M figures of December 2026 reused a database seeded before commissions were written in time
// order, clustered on created_at by hand to match.)

import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import QRCode from "qrcode";
import {
  drawProductPoster,
  PRODUCT_CODE_PX,
} from "../../packages/server/src/adapters/posters/product-poster.ts";
import { openPostgres, queryRows } from "../../packages/server/src/db/client.ts";
import { runMigrations } from "../../packages/server/src/db/migrate.ts";
import { dashboardReport, distributorRanking } from "../../packages/server/src/modules/reports/service.ts";
import { createPosterCache, posterCacheKey } from "../../packages/server/src/modules/sharing/poster-cache.ts";
import { createEventBuffer } from "../../packages/server/src/modules/tracking/buffer.ts";
import { shanghaiDay } from "../../packages/server/src/modules/tracking/repo.ts";
import { rollUpDay } from "../../packages/server/src/modules/tracking/rollup.ts";
import { seedRandomTree } from "./lib/distribution-seed.ts";
import { createDatabase, databaseUrl, dropDatabase, psql } from "./lib/postgres.ts";
import { repoRoot, writeResult } from "./lib/result.ts";
import { percentile, round } from "./lib/stats.ts";

const EVENTS = Number(process.argv[3] ?? process.env.BENCH_EVENTS ?? 10_000_000);
const ORDERS = Math.max(1, Math.floor(EVENTS / 10));
const DISTRIBUTORS = Math.max(100, Math.floor(EVENTS / 100));
const PRODUCTS = 1000;
const DAYS = 365;

async function timeIt<T>(work: () => Promise<T>): Promise<{ ms: number; out: T }> {
  const t0 = performance.now();
  const out = await work();
  return { ms: performance.now() - t0, out };
}

async function rollUpRows(db: Parameters<typeof rollUpDay>[0]) {
  const [row] = await queryRows<{ daily: number; totals: number; products: number }>(
    db,
    sql`select (select count(*) from tracking_daily)::int as daily, (select count(*) from tracking_daily_totals)::int as totals,
          (select count(*) from tracking_daily_products)::int as products`,
  );
  return row;
}

/** A reused database was seeded and rolled up by the last run: its figures for those steps carry over. */
function seedFiguresOfLastRun(): Record<string, unknown> {
  const file = path.join(repoRoot, "bench/results/sharing.json");
  if (!existsSync(file)) return {};
  const last = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
  return last.events === EVENTS ? { seedSeconds: last.seedSeconds, rollUp: last.rollUp } : {};
}

async function latencies(runs: number, work: () => Promise<unknown>) {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) ms.push((await timeIt(work)).ms);
  ms.sort((a, b) => a - b);
  return { runs, p50Ms: percentile(ms, 50), p99Ms: percentile(ms, 99) };
}

const KEEP =
  process.env.BENCH_KEEP_DB && /^[a-z0-9_]+$/.test(process.env.BENCH_KEEP_DB)
    ? process.env.BENCH_KEEP_DB
    : null;

/** The instant a kept database was seeded at (its events are relative to it), or null for a fresh one. */
function keptSeedInstant(name: string): Date | null {
  if (psql(`select count(*) from pg_database where datname = '${name}'`) !== "1") return null;
  const at =
    psql("select to_regclass('bench_seeded') is not null", name) === "t" &&
    psql("select at from bench_seeded", name);
  return at ? new Date(at) : null;
}

export default async function sharing(): Promise<void> {
  const name = KEEP ?? `liebian_bench_sharing_${process.pid}`;
  const kept = KEEP ? keptSeedInstant(KEEP) : null;
  const database = await openPostgres(kept ? databaseUrl(name) : createDatabase(name), 10);
  const db = database.db;
  const now = kept ?? new Date();
  const result: Record<string, unknown> = {
    events: EVENTS,
    orders: ORDERS,
    distributors: DISTRIBUTORS,
    days: DAYS,
  };
  try {
    await runMigrations(database);
    if (kept) {
      console.log(`reusing ${name}, seeded at ${now.toISOString()}`);
      Object.assign(result, seedFiguresOfLastRun(), { reusedDatabaseSeededAt: now.toISOString() });
    } else await seedRandomTree(db, DISTRIBUTORS);
    const seed = await timeIt(async () => {
      if (kept) return;
      // views, opens, shares, posters and carts: the events that are not orders
      const other = EVENTS - ORDERS * 2 - Math.floor(ORDERS / 20);
      await db.execute(sql`insert into tracking_events (kind, at, distributor_user_id, visitor_key, product_id, province_code, source)
        select (array['page_view','page_view','page_view','page_view','link_open','link_open','share','poster','add_to_cart','page_view'])[1 + g % 10],
               ${now.toISOString()}::timestamptz - (random() * ${DAYS} * interval '1 day'),
               case when g % 3 = 0 then null else 1 + (g * 7919) % ${DISTRIBUTORS} end,
               'v' || (g % 500000), 1 + g % ${PRODUCTS}, null, 'bench'
        from generate_series(1::bigint, ${other}) g`);
      // each order: placed, then paid a few minutes later; one in twenty refunded in part
      await db.execute(sql`with o as (
          select g as id, ${now.toISOString()}::timestamptz - (random() * ${DAYS} * interval '1 day') as at,
                 case when g % 4 = 0 then null else 1 + (g * 104729) % ${DISTRIBUTORS} end as d,
                 1000 + (g * 31) % 99000 as fen, 1 + g % ${PRODUCTS} as p,
                 lpad(((11 + g % 31) * 10000)::text, 6, '0') as province
          from generate_series(1::bigint, ${ORDERS}) g)
        insert into tracking_events (kind, at, distributor_user_id, visitor_user_id, order_id, amount_fen, items, province_code)
        select k.kind, o.at + k.lag, o.d, o.id, o.id, o.fen,
               jsonb_build_array(jsonb_build_object('productId', o.p, 'quantity', 1, 'fen', o.fen)), o.province
        from o cross join (values ('order_placed', interval '0'), ('order_paid', interval '3 minutes')) k(kind, lag)
        union all
        select 'refund', o.at + interval '2 days', o.d, o.id, o.id, o.fen / 2,
               jsonb_build_array(jsonb_build_object('productId', o.p, 'quantity', 0, 'fen', o.fen / 2)), o.province
        from o where o.id % 20 = 0`);
      // in time order, as a shop writes them: a month's commissions sit in neighbouring pages (written in
      // random order, the dashboard's month of commissions read 19,000 scattered pages: 1.2 s)
      await db.execute(sql`insert into commissions (order_id, order_item_id, level, earner_user_id, buyer_user_id,
          item_fen, base_fen, rate_bps, quantity, rate_source, amount_fen, status, created_at)
        select g, g, 1, 1 + (g * 104729) % ${DISTRIBUTORS}, 1, 10000, 10000, 1000, 1, 'plan', 1000, 'settled', at
        from (select g, ${now.toISOString()}::timestamptz - (random() * ${DAYS} * interval '1 day') as at
              from generate_series(1::bigint, ${ORDERS}) g) s order by at`);
      await db.execute(sql`analyze`);
      await db.execute(sql`create table bench_seeded as select ${now.toISOString()}::text as at`);
    });
    if (!kept) result.seedSeconds = round(seed.ms / 1000, 1);
    console.log(
      `seeded ${EVENTS} events, ${ORDERS} orders' events and commissions in ${result.seedSeconds} s`,
    );

    if (!kept || process.env.BENCH_ROLLUP === "1") {
      const rollup = await timeIt(async () => {
        for (let i = DAYS + 1; i >= 0; i--)
          await rollUpDay(db, shanghaiDay(new Date(now.getTime() - i * 86_400_000)));
      });
      result.rollUp = {
        days: DAYS + 2,
        seconds: round(rollup.ms / 1000, 1),
        eventsPerSecond: Math.round(EVENTS / (rollup.ms / 1000)),
      };
      console.log("roll-up", result.rollUp);
      await db.execute(sql`analyze tracking_daily`);
      await db.execute(sql`analyze tracking_daily_products`);
    }
    result.rollUpRows = await rollUpRows(db);
    console.log("roll-up rows", result.rollUpRows);

    const deps = { db, now: () => now };
    result.dashboard = await latencies(20, () => dashboardReport(deps));
    console.log("dashboard", result.dashboard);
    const from = shanghaiDay(new Date(now.getTime() - 89 * 86_400_000));
    result.distributorRanking90Days = await latencies(20, () =>
      distributorRanking(deps, { from, to: shanghaiDay(now), limit: 50 }),
    );
    console.log("distributor ranking, 90 days", result.distributorRanking90Days);

    const ingest = 200_000;
    const buffer = createEventBuffer(db, { batchSize: 1000, flushEveryMs: 50 });
    const ingestion = await timeIt(async () => {
      for (let i = 0; i < ingest; i += 50)
        buffer.push(
          Array.from({ length: 50 }, (_, j) => ({
            kind: "page_view" as const,
            at: now,
            productId: 1 + ((i + j) % PRODUCTS),
            visitorKey: `b${i + j}`,
          })),
        );
      await buffer.flush();
    });
    result.ingestion = {
      events: ingest,
      seconds: round(ingestion.ms / 1000, 2),
      eventsPerSecond: Math.round(ingest / (ingestion.ms / 1000)),
    };
    console.log("ingestion", result.ingestion);
  } finally {
    await database.close();
    if (!KEEP) dropDatabase(name);
  }

  const posters = 40;
  const cache = createPosterCache();
  const inputs = (i: number) => ({
    template: "classic" as const,
    shopName: "裂变小店",
    nickname: "小林",
    title: "赣南脐橙 5 斤装",
    priceFen: 9900,
    link: `https://shop.example/s/CODE${i}/p/1`,
  });
  const cold = await timeIt(async () => {
    for (let i = 0; i < posters; i++) {
      const input = inputs(i);
      const code = await QRCode.toBuffer(input.link, { type: "png", width: PRODUCT_CODE_PX, margin: 1 });
      cache.set(
        posterCacheKey(input),
        await drawProductPoster({ ...input, avatar: null, badge: null, image: null, code }),
      );
    }
  });
  const hits = 20_000;
  const cached = await timeIt(async () => {
    for (let i = 0; i < hits; i++)
      if (!cache.get(posterCacheKey(inputs(i % posters)))) throw new Error("cache miss");
  });
  result.posters = {
    coldPerSecond: round(posters / (cold.ms / 1000), 1),
    cachedPerSecond: Math.round(hits / (cached.ms / 1000)),
  };
  console.log("posters", result.posters);
  writeResult("sharing", result);
}
