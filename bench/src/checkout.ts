// Checkout benchmark: N shoppers place orders through the real HTTP API on PostgreSQL and PGlite, and pgbench
// runs the same SQL work on a copy of the PostgreSQL database as the limit. Writes bench/results/checkout.json.
import { spawnSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { checkoutAndPay, drawItems } from "./lib/checkout-flow.ts";
import { type BenchShop, prepareShop, type Shopper } from "./lib/checkout-shop.ts";
import { createDatabase, dropDatabase, PG_HOST, PG_USER } from "./lib/postgres.ts";
import { repoRoot, writeResult } from "./lib/result.ts";
import { type RunningServer, startServer } from "./lib/server.ts";
import { percentile, round } from "./lib/stats.ts";

const CONCURRENCY = [1, 8, 32, 64];
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);

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
};

/** Closed loop: each shopper checks out, waits for the answer, checks out again, for SECONDS. */
async function load(server: RunningServer, shop: BenchShop, shoppers: Shopper[]) {
  const latencies: number[] = [];
  let errors = 0;
  const firstError: string[] = [];
  const cpuBefore = server.cpuMs();
  const loaderBefore = process.cpuUsage();
  const started = performance.now();
  const until = started + SECONDS * 1000;
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

/**
 * The HTTP runs at each concurrency; `limit` (PostgreSQL) runs pgbench right after each one, at the same
 * client count on the same database while the server idles, so each pair shares the machine's load.
 */
async function measureEngine(
  engine: Run["engine"],
  server: RunningServer,
  limit?: (shop: BenchShop, clients: number) => number,
): Promise<Run[]> {
  const shop = await prepareShop(server.baseUrl, Math.max(...CONCURRENCY));
  await load(server, shop, shop.shoppers.slice(0, 8)); // warm-up, same length as a run
  const runs: Run[] = [];
  for (const n of CONCURRENCY) {
    const r = await load(server, shop, shop.shoppers.slice(0, n));
    console.log(
      `${engine} c=${n}: ${r.ordersPerSecond} orders/s p50 ${r.p50Ms} ms p99 ${r.p99Ms} ms, CPU/order server ${r.serverCpuMsPerOrder} ms, load generator ${r.loaderCpuMsPerOrder} ms (${r.errors} errors)`,
    );
    const pgbenchTps = limit ? limit(shop, n) : null;
    const ratio = pgbenchTps ? round(r.ordersPerSecond / pgbenchTps, 3) : null;
    if (pgbenchTps) console.log(`pgbench c=${n}: ${pgbenchTps} tps, ratio ${ratio}`);
    runs.push({ engine, concurrency: n, ...r, pgbenchTps, ratio });
  }
  return runs;
}

function pgbench(database: string, clients: number, vars: Record<string, number>): number {
  const script = path.join(repoRoot, "bench/src/checkout.pgbench.sql");
  const args = [
    "-h",
    PG_HOST,
    "-U",
    PG_USER,
    "-n",
    // The server's driver sends every statement unnamed (parse, bind, execute); so does -M extended.
    "-M",
    "extended",
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
  const run = spawnSync("pgbench", [...args, database], { encoding: "utf8" });
  if (run.status !== 0) throw new Error(`pgbench failed:\n${run.stderr}`);
  const out = run.stdout;
  const tps = /tps = ([\d.]+)/.exec(out);
  const failed = /number of failed transactions: (\d+)/.exec(out);
  if (!tps) throw new Error(`pgbench output without tps:\n${out}`);
  if (failed && Number(failed[1]) > 0) console.warn(`  pgbench failed transactions: ${failed[1]}`);
  return round(Number(tps[1]), 1);
}

export default async function checkout(): Promise<void> {
  const dbName = `liebian_bench_${process.pid}`;
  const runs: Run[] = [];
  const loadBefore = os.loadavg();
  const notes: string[] = [
    "paid: true — each checkout is place order (Idempotency-Key) + pay link + sandbox pay, which delivers a signed notification over HTTP to the server; latency covers all of it (4 HTTP requests).",
    "Spread: each checkout buys 1 or 2 distinct SKUs (1–2 of each) drawn uniformly from a bench catalogue of 200 SKUs with ample stock; shoppers are bound to 8 distributors under one top distributor, so each paid order writes 2 or 4 commission rows and their ledger transactions.",
    `Closed loop, ${SECONDS} s per concurrency after a ${SECONDS} s warm-up at 8; one server process (node --import tsx, pool 10), load generator and PostgreSQL on the same 2-core machine. serverCpuMsPerOrder is the server process's CPU time over the run divided by the orders.`,
    "pgbench runs bench/src/checkout.pgbench.sql — the statements the server sends for one placed and paid order, in the same order and transactions — on the benchmark database right after the HTTP run at the same concurrency (the server idle), -M extended, same client counts and duration, same SKU and shopper spread via random().",
    "Statements per checkout of 2 SKUs (captured with log_statement=all): 38 — 2 transactions with their BEGIN and COMMIT (place: 14 statements inside; pay notification: 13 inside) and 7 autocommit reads/writes (3 session lookups, the payable order, the pending payment, the order before and after the sandbox pay). Before this round of work it was 85.",
    "No outbox table exists yet, so neither side writes an outbox row.",
    "The load generator (node:http, kept-alive connections) runs in the benchmark process on the same cores; its CPU per order is loaderCpuMsPerOrder.",
  ];
  const engines = (process.env.BENCH_ENGINES ?? "postgres,pglite").split(",");
  if (engines.includes("postgres"))
    try {
      const server = await startServer({ databaseUrl: createDatabase(dbName) });
      try {
        const limit = (shop: BenchShop, clients: number) => {
          const { layout, skuFirst, skuLast, shoppers } = shop;
          return pgbench(dbName, clients, {
            uid_first: layout.uidFirst,
            shoppers: shoppers.length,
            addr_first: layout.addrFirst,
            mid_first: layout.midFirst,
            per_mid: layout.perMid,
            top: layout.top,
            sku_first: skuFirst,
            sku_last: skuLast,
          });
        };
        runs.push(...(await measureEngine("postgres", server, limit)));
      } finally {
        await server.stop();
      }
    } finally {
      dropDatabase(dbName);
    }
  if (engines.includes("pglite")) {
    const lite = await startServer({});
    try {
      runs.push(...(await measureEngine("pglite", lite)));
    } finally {
      await lite.stop();
    }
  }
  const loadAverage = { before: loadBefore.map((l) => round(l)), after: os.loadavg().map((l) => round(l)) };
  writeResult("checkout", { paid: true, runs, loadAverage, notes });
}
