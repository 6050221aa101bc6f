// Checkout benchmark: N shoppers place and pay orders through the real HTTP API on PostgreSQL and PGlite. In
// the same run pgbench replays our own statements on the benchmark database (pgbenchTps) and runs the
// reference checkout of performance-anchors.md §2 on its own throwaway database (referenceTps); then the
// "history" variant measures 32 shoppers before and after the top earner is given 1,000,000 commissions.
// Writes bench/results/checkout.json. Unattended; about 6–8 minutes on the 2-core machine.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { checkoutAndPay, drawItems } from "./lib/checkout-flow.ts";
import { type BenchShop, prepareShop, type Shopper } from "./lib/checkout-shop.ts";
import { createDatabase, dropDatabase, PG_HOST, PG_USER, psql, serverDatabaseUrl } from "./lib/postgres.ts";
import { repoRoot, writeResult } from "./lib/result.ts";
import { type RunningServer, startServer } from "./lib/server.ts";
import { percentile, round } from "./lib/stats.ts";

/** BENCH_CONCURRENCY=32 (comma-separated) measures only those; results then hold only those runs. */
const CONCURRENCY = (process.env.BENCH_CONCURRENCY ?? "1,8,32,64").split(",").map(Number);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
/**
 * The warm-up before the runs, at 32 shoppers: V8 is still compiling the server's code for the first ~30 s of
 * load (checkout-cpu's per-round figures on a fresh server: 3.8–4.7 ms of server CPU per order in the first
 * 10 s, 3.0–3.3 in the next, 2.7–2.9 once settled), and a run measures the server as it serves for hours.
 */
const WARM_UP_SECONDS = Number(process.env.BENCH_WARM_UP_SECONDS ?? 30);

type Run = {
  engine: "postgres" | "pglite";
  concurrency: number;
  orders: number;
  errors: number;
  ordersPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Server process CPU (user + system) per placed-and-paid order; the load generator's own, apart. */
  serverCpuMsPerOrder: number | null;
  loaderCpuMsPerOrder: number | null;
  pgbenchTps: number | null;
  ratio: number | null;
  /** The reference checkout (performance-anchors.md §2) in pgbench at the same client count. */
  referenceTps: number | null;
};

/** Closed loop: each shopper checks out, waits for the answer, checks out again, for SECONDS. */
async function load(server: RunningServer, shop: BenchShop, shoppers: Shopper[], seconds = SECONDS) {
  const latencies: number[] = [];
  let errors = 0;
  const firstError: string[] = [];
  const cpuBefore = server.cpuMs();
  const loaderBefore = process.cpuUsage();
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(
    shoppers.map(async (s) => {
      while (performance.now() < until) {
        const t0 = performance.now();
        const res = await checkoutAndPay(server.baseUrl, s, drawItems(shop));
        if (res.ok) latencies.push(performance.now() - t0);
        else {
          errors++;
          if (firstError.length === 0) firstError.push(res.error);
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const serverCpuMs = server.cpuMs() - cpuBefore;
  const loader = process.cpuUsage(loaderBefore);
  latencies.sort((a, b) => a - b);
  if (firstError[0]) console.warn(`  first error: ${firstError[0]}`);
  const orders = latencies.length;
  return {
    orders,
    errors,
    ordersPerSecond: round(orders / elapsed, 1),
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    serverCpuMsPerOrder: orders ? round(serverCpuMs / orders) : null,
    loaderCpuMsPerOrder: orders ? round((loader.user + loader.system) / 1000 / orders) : null,
  };
}

type Limits = {
  /** pgbench replaying our statements (checkout.pgbench.sql) on the benchmark database. */
  ours: (shop: BenchShop, clients: number) => number;
  /** pgbench running the reference checkout on its own database. */
  reference: (clients: number) => number;
};

/**
 * The HTTP runs at each concurrency; on PostgreSQL `limits` run pgbench right after each one, at the same
 * client count while the server idles, so each trio shares the machine's load of that moment.
 */
async function measureEngine(
  engine: Run["engine"],
  server: RunningServer,
  shop: BenchShop,
  limits?: Limits,
): Promise<Run[]> {
  await load(server, shop, shop.shoppers.slice(0, 32), WARM_UP_SECONDS);
  const runs: Run[] = [];
  for (const n of CONCURRENCY) {
    const r = await load(server, shop, shop.shoppers.slice(0, n));
    console.log(
      `${engine} c=${n}: ${r.ordersPerSecond} orders/s p50 ${r.p50Ms} ms p99 ${r.p99Ms} ms, CPU/order server ${r.serverCpuMsPerOrder} ms, load generator ${r.loaderCpuMsPerOrder} ms (${r.errors} errors)`,
    );
    const pgbenchTps = limits ? limits.ours(shop, n) : null;
    const referenceTps = limits ? limits.reference(n) : null;
    const ratio = pgbenchTps ? round(r.ordersPerSecond / pgbenchTps, 3) : null;
    if (limits)
      console.log(`pgbench c=${n}: ours ${pgbenchTps} tps (ratio ${ratio}), reference ${referenceTps} tps`);
    runs.push({ engine, concurrency: n, ...r, pgbenchTps, ratio, referenceTps });
  }
  return runs;
}

const HISTORY_COMMISSIONS = Number(process.env.BENCH_HISTORY ?? 1_000_000);

/**
 * Gives the top distributor (level 2 of every bench order) HISTORY_COMMISSIONS settled commissions of
 * past orders, by SQL, with the counters the server keeps for them, as years of business would leave.
 */
function seedHistory(database: string, top: number): number {
  const started = performance.now();
  psql(
    `insert into commissions (order_id, order_item_id, level, earner_user_id, buyer_user_id, item_fen, base_fen,
       rate_bps, quantity, rate_source, amount_fen, status, created_at, settled_at)
     select 1000000000 + g, 1000000000 + g, 2, ${top}, ${top}, 10000, 10000, 500, 1, 'plan', 500, 'settled',
            now() - interval '400 days' + g * interval '30 seconds', now() - interval '390 days' + g * interval '30 seconds'
     from generate_series(1, ${HISTORY_COMMISSIONS}) g`,
    database,
  );
  psql(
    `insert into earner_order_counts (user_id, slot, orders) values (${top}, 0, ${HISTORY_COMMISSIONS})
     on conflict (user_id, slot) do update set orders = earner_order_counts.orders + excluded.orders`,
    database,
  );
  psql("vacuum analyze commissions", database);
  // the bulk load's dirty pages are written now, not during the measurement that follows
  psql("checkpoint", database);
  return round((performance.now() - started) / 1000, 1);
}

async function measureHistory(server: RunningServer, shop: BenchShop, database: string) {
  const shoppers = shop.shoppers.slice(0, 32);
  const fresh = await load(server, shop, shoppers);
  console.log(
    `history: fresh shop ${fresh.ordersPerSecond} orders/s, CPU/order ${fresh.serverCpuMsPerOrder} ms`,
  );
  const seedSeconds = seedHistory(database, shop.layout.top);
  await load(server, shop, shoppers.slice(0, 8)); // the planner and caches settle after the bulk load
  const history = await load(server, shop, shoppers);
  console.log(
    `history: top earner with ${HISTORY_COMMISSIONS} commissions (seeded in ${seedSeconds} s) ${history.ordersPerSecond} orders/s, CPU/order ${history.serverCpuMsPerOrder} ms`,
  );
  return { concurrency: 32, topEarnerCommissions: HISTORY_COMMISSIONS, seedSeconds, fresh, history };
}

function pgbench(
  database: string,
  clients: number,
  vars: Record<string, number>,
  script = path.join(repoRoot, "bench/src/checkout.pgbench.sql"),
  protocol = "extended",
): number {
  const args = [
    "-h",
    PG_HOST,
    "-U",
    PG_USER,
    "-n",
    // The server's driver sends statements with the extended protocol (parse, bind, execute); the
    // reference was measured with pgbench's default, the simple protocol, and is run as it was.
    "-M",
    protocol,
    "-c",
    String(clients),
    "-j",
    String(Math.min(clients, 2)),
    "-T",
    String(SECONDS),
    "-f",
    script,
  ];
  for (const [k, v] of Object.entries(vars)) args.push("-D", `${k}=${v}`);
  // e.g. BENCH_PGBENCH_ARGS=-r: pgbench's own report (per-statement latencies) is printed
  const extra = (process.env.BENCH_PGBENCH_ARGS ?? "").split(" ").filter(Boolean);
  const run = spawnSync("pgbench", [...args, ...extra, database], { encoding: "utf8" });
  if (run.status !== 0) throw new Error(`pgbench failed:\n${run.stderr}`);
  const out = run.stdout;
  if (extra.length) console.log(out);
  const tps = /tps = ([\d.]+)/.exec(out);
  const failed = /number of failed transactions: (\d+)/.exec(out);
  if (!tps) throw new Error(`pgbench output without tps:\n${out}`);
  if (failed && Number(failed[1]) > 0) console.warn(`  pgbench failed transactions: ${failed[1]}`);
  return round(Number(tps[1]), 1);
}

/** The reference checkout's throwaway database: the anchors' schema and data (about 5 s to load). */
function createReferenceDatabase(name: string): void {
  createDatabase(name);
  const loaded = spawnSync(
    "psql",
    [
      "-h",
      PG_HOST,
      "-U",
      PG_USER,
      "-d",
      name,
      "-q",
      "-v",
      "ON_ERROR_STOP=1",
      "-f",
      path.join(repoRoot, "bench/src/reference/schema.sql"),
    ],
    { encoding: "utf8" },
  );
  if (loaded.status !== 0) throw new Error(`reference schema failed:\n${loaded.stderr}`);
}

export default async function checkout(): Promise<void> {
  const benchStarted = performance.now();
  const dbName = `liebian_bench_${process.pid}`;
  const referenceDb = `liebian_reference_${process.pid}`;
  const workers = process.env.BENCH_WORKERS ? Number(process.env.BENCH_WORKERS) : undefined;
  const runs: Run[] = [];
  let history: Awaited<ReturnType<typeof measureHistory>> | null = null;
  const loadBefore = os.loadavg();
  const notes: string[] = [
    "paid: true — each checkout is place order with its sandbox pay link in the answer (Idempotency-Key, `pay`) + sandbox pay page, whose signed notification the server applies in-process (signature verified, no HTTP request to itself); latency covers all of it (2 HTTP requests; 3 before the pay link came with the order).",
    "Spread: each checkout buys 1 or 2 distinct SKUs (1–2 of each) drawn uniformly from a bench catalogue of 200 SKUs with ample stock; shoppers are bound to 8 distributors under one top distributor, so each paid order writes 2 or 4 commission rows and their ledger transactions.",
    `Closed loop, ${SECONDS} s per concurrency after a ${WARM_UP_SECONDS} s warm-up at 32 (the JIT settles in ~30 s of load; before stop 28 the warm-up was 10 s at 8 shoppers, and the 32-shopper run at 4b207d3 cost 3.37 ms of server CPU per order against 2.85 / 2.83 in the same run's later history pair); the server (node --import tsx, pool 10, WORKERS=${workers ?? "server default: on PostgreSQL the core count, halved when the database is on this machine (here: 1); 1 on PGlite"}), load generator and PostgreSQL on the same 2-core machine. serverCpuMsPerOrder is the CPU time of the server's processes over the run divided by the orders.`,
    "pgbenchTps: bench/src/checkout.pgbench.sql — the statements the server sends for one placed and paid order, in the same order and transactions — on the benchmark database right after the HTTP run at the same concurrency (the server idle), -M extended, same client counts and duration, same SKU and shopper spread via random().",
    "referenceTps: the reference checkout of performance-anchors.md §2 (bench/src/reference: two guarded SKU decrements, order, items, three commission rows, outbox row; 10,000 SKUs, 100,000 members) in pgbench on its own throwaway database, right after, same clients and duration, -M simple as in the anchors.",
    `history: 32 shoppers on the fresh shop, then again after the top distributor (level 2 of every order) is given ${HISTORY_COMMISSIONS} settled commissions by SQL; flat is the target.`,
    "The load generator (node:http, kept-alive connections) runs in the benchmark process on the same cores; its CPU per order is loaderCpuMsPerOrder.",
  ];
  const engines = (process.env.BENCH_ENGINES ?? "postgres,pglite").split(",");
  if (engines.includes("postgres"))
    try {
      createReferenceDatabase(referenceDb);
      createDatabase(dbName);
      const connection = serverDatabaseUrl(dbName);
      notes.push(
        `The server connects to PostgreSQL over the ${connection.via} (BENCH_PG_SOCKET=0 for TCP loopback); pgbench over TCP loopback as before.`,
      );
      const server = await startServer({
        databaseUrl: connection.url,
        ...(workers ? { workers } : {}),
      });
      try {
        const shop = await prepareShop(server.baseUrl, Math.max(...CONCURRENCY));
        const { layout, skuFirst, skuLast, shoppers } = shop;
        const limits: Limits = {
          ours: (_shop, clients) =>
            pgbench(dbName, clients, {
              uid_first: layout.uidFirst,
              shoppers: shoppers.length,
              addr_first: layout.addrFirst,
              mid_first: layout.midFirst,
              per_mid: layout.perMid,
              top: layout.top,
              sku_first: skuFirst,
              sku_last: skuLast,
            }),
          reference: (clients) =>
            pgbench(
              referenceDb,
              clients,
              {},
              path.join(repoRoot, "bench/src/reference/checkout.sql"),
              "simple",
            ),
        };
        runs.push(...(await measureEngine("postgres", server, shop, limits)));
        if (HISTORY_COMMISSIONS > 0) history = await measureHistory(server, shop, dbName);
      } finally {
        await server.stop();
      }
    } finally {
      dropDatabase(dbName);
      dropDatabase(referenceDb);
    }
  if (engines.includes("pglite")) {
    const lite = await startServer({});
    try {
      const shop = await prepareShop(lite.baseUrl, Math.max(...CONCURRENCY));
      runs.push(...(await measureEngine("pglite", lite, shop)));
    } finally {
      await lite.stop();
    }
  }
  const loadAverage = { before: loadBefore.map((l) => round(l)), after: os.loadavg().map((l) => round(l)) };
  const wallSeconds = round((performance.now() - benchStarted) / 1000, 0);
  console.log(`checkout bench took ${wallSeconds} s`);
  const kept = earlierRuns(engines);
  if (kept) notes.push(kept.note);
  writeResult("checkout", {
    paid: true,
    runs: [...(kept?.runs ?? []), ...runs],
    history: history ?? kept?.history ?? null,
    loadAverage,
    wallSeconds,
    notes,
  });
}

/**
 * An engine left out of BENCH_ENGINES keeps its runs (and the history variant, a PostgreSQL one) from the
 * results file as it was, marked with when, at which commit and under which load they were measured.
 */
function earlierRuns(engines: string[]): { runs: Run[]; history: unknown; note: string } | null {
  let before: {
    runs?: Run[];
    history?: unknown;
    loadAverage?: unknown;
    machine?: { at?: string; gitSha?: string };
  };
  try {
    before = JSON.parse(readFileSync(path.join(repoRoot, "bench/results/checkout.json"), "utf8"));
  } catch {
    return null;
  }
  const runs = (before.runs ?? []).filter((r) => !engines.includes(r.engine));
  if (runs.length === 0) return null;
  const which = [...new Set(runs.map((r) => r.engine))].join(", ");
  return {
    runs,
    history: engines.includes("postgres") ? null : (before.history ?? null),
    note: `${which} runs (and history) kept from the earlier run at ${before.machine?.at} (commit ${before.machine?.gitSha}, load average ${JSON.stringify(before.loadAverage)}); only ${engines.join(", ")} measured in this one.`,
  };
}
