// Checkout benchmark: N shoppers place orders through the real HTTP API on PostgreSQL and PGlite, and pgbench
// runs the same SQL work on a copy of the PostgreSQL database as the limit. Writes bench/results/checkout.json.
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { createDatabase, dropDatabase, PG_HOST, PG_USER, psql } from "./lib/postgres.ts";
import { repoRoot, writeResult } from "./lib/result.ts";
import { OWNER_PASSWORD, type RunningServer, startServer } from "./lib/server.ts";
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
  pgbenchTps: number | null;
  ratio: number | null;
};
type Shopper = { token: string; userId: number; addressId: number };

async function call(base: string, method: string, url: string, body?: unknown, token?: string, extra = {}) {
  const headers: Record<string, string> = { ...extra };
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  const res = await fetch(base + url, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

async function must(base: string, method: string, url: string, body?: unknown, token?: string) {
  const res = await call(base, method, url, body, token);
  if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Owner raises the stock of a demo SKU (of a product without a purchase limit); shoppers get an address. */
async function prepare(base: string, shoppers: number): Promise<{ skuId: number; list: Shopper[] }> {
  const { token: owner } = await must(base, "POST", "/api/admin/v1/auth/login", {
    username: "owner",
    password: OWNER_PASSWORD,
  });
  const page = await must(base, "GET", "/api/v1/products?limit=50");
  let skuId = 0;
  for (const card of page.items) {
    const product = await must(base, "GET", `/api/v1/products/${card.id}`);
    if (product.purchaseLimit === null && product.skus.length > 0) {
      skuId = product.skus[0].id;
      break;
    }
  }
  if (!skuId) throw new Error("no demo product without a purchase limit");
  for (let i = 0; i < 3; i++)
    await must(
      base,
      "POST",
      `/api/admin/v1/skus/${skuId}/stock-adjustments`,
      { delta: 1_000_000, note: "bench" },
      owner,
    );
  const list: Shopper[] = [];
  for (let i = 0; i < shoppers; i++) {
    const phone = `137${String(process.pid % 1000).padStart(3, "0")}${String(i).padStart(5, "0")}`;
    const session = await must(base, "POST", "/api/v1/auth/register", { phone, password: "shopper-pass-1" });
    const address = await must(
      base,
      "POST",
      "/api/v1/addresses",
      {
        name: "压测",
        phone: "13900001111",
        provinceCode: "110000",
        cityCode: "110100",
        districtCode: "110101",
        detail: "某处 1 号",
        isDefault: true,
      },
      session.token,
    );
    list.push({ token: session.token, userId: session.user.id, addressId: address.id });
  }
  return { skuId, list };
}

/**
 * One checkout as a shopper does it: place the order, ask for the sandbox pay link, pay on the sandbox page
 * (the server receives a signed notification and marks the order paid, with its ledger and commission work).
 */
async function checkoutAndPay(
  base: string,
  skuId: number,
  s: Shopper,
): Promise<{ ok: true } | { ok: false; error: string }> {
  const placed = await call(
    base,
    "POST",
    "/api/v1/orders",
    { items: [{ skuId, quantity: 1 }], addressId: s.addressId },
    s.token,
    {
      "idempotency-key": randomUUID(),
    },
  );
  if (placed.status !== 201)
    return { ok: false, error: `order ${placed.status} ${JSON.stringify(placed.body)}` };
  const link = await call(
    base,
    "POST",
    `/api/v1/orders/${placed.body.orderNo}/pay`,
    { provider: "sandbox" },
    s.token,
  );
  if (link.status !== 200) return { ok: false, error: `pay ${link.status} ${JSON.stringify(link.body)}` };
  const query = Object.fromEntries(new URL(link.body.url, base).searchParams);
  const paid = await call(
    base,
    "POST",
    "/api/v1/pay/sandbox/complete",
    { ...query, result: "paid" },
    s.token,
  );
  if (paid.status !== 200 || paid.body.paid !== true)
    return { ok: false, error: `complete ${paid.status} ${JSON.stringify(paid.body)}` };
  return { ok: true };
}

/** Closed loop: each shopper places an order, waits for the answer, places the next, for SECONDS. */
async function load(base: string, skuId: number, shoppers: Shopper[]) {
  const latencies: number[] = [];
  let errors = 0;
  const firstError: string[] = [];
  const until = performance.now() + SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    shoppers.map(async (s) => {
      while (performance.now() < until) {
        const t0 = performance.now();
        const res = await checkoutAndPay(base, skuId, s);
        if (res.ok) latencies.push(performance.now() - t0);
        else {
          errors++;
          if (firstError.length === 0) firstError.push(res.error);
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  if (firstError[0]) console.warn(`  first error: ${firstError[0]}`);
  return {
    orders: latencies.length,
    errors,
    ordersPerSecond: round(latencies.length / elapsed, 1),
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
  };
}

async function measureEngine(
  engine: Run["engine"],
  server: RunningServer,
): Promise<{ runs: Run[]; shopper: Shopper; skuId: number }> {
  const { skuId, list } = await prepare(server.baseUrl, Math.max(...CONCURRENCY));
  await load(server.baseUrl, skuId, list.slice(0, 8)); // warm-up, same length as a run
  const runs: Run[] = [];
  for (const n of CONCURRENCY) {
    const r = await load(server.baseUrl, skuId, list.slice(0, n));
    console.log(
      `${engine} c=${n}: ${r.ordersPerSecond} orders/s p50 ${r.p50Ms} ms p99 ${r.p99Ms} ms (${r.errors} errors)`,
    );
    runs.push({ engine, concurrency: n, ...r, pgbenchTps: null, ratio: null });
  }
  return { runs, shopper: list[0]!, skuId };
}

function pgbench(database: string, clients: number, vars: Record<string, number>): number {
  const script = path.join(repoRoot, "bench/src/checkout.pgbench.sql");
  const args = [
    "-h",
    PG_HOST,
    "-U",
    PG_USER,
    "-n",
    "-M",
    "simple",
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
  const copyName = `${dbName}_pgbench`;
  const runs: Run[] = [];
  const notes: string[] = [
    "paid: true — each checkout is place order (Idempotency-Key) + pay link + sandbox pay, which delivers a signed notification over HTTP to the server; latency covers all of it (4 HTTP requests).",
    "pgbench's script does the place-order SQL only (no payment, ledger or commission rows), so the ratio flatters pgbench's side less than a full checkout would; and it orders one hot SKU as one user, like the HTTP side.",
    `Closed loop, ${SECONDS} s per concurrency after a ${SECONDS} s warm-up at 8; one server process (node --import tsx, pool 10), load generator and PostgreSQL on the same machine.`,
    "pgbench runs bench/src/checkout.pgbench.sql (the same SQL work as one place-order on our schema) on a copy of the benchmark database, -M simple (as in performance-anchors §2), same client counts and duration.",
  ];
  try {
    const server = await startServer({ databaseUrl: createDatabase(dbName) });
    let pg: Awaited<ReturnType<typeof measureEngine>>;
    try {
      pg = await measureEngine("postgres", server);
    } finally {
      await server.stop();
    }
    createDatabase(copyName, dbName);
    psql("VACUUM ANALYZE", copyName);
    for (const run of pg.runs) {
      run.pgbenchTps = pgbench(copyName, run.concurrency, {
        uid: pg.shopper.userId,
        addr: pg.shopper.addressId,
        sku: pg.skuId,
      });
      run.ratio = round(run.ordersPerSecond / run.pgbenchTps, 3);
      console.log(`pgbench c=${run.concurrency}: ${run.pgbenchTps} tps, ratio ${run.ratio}`);
    }
    runs.push(...pg.runs);
  } finally {
    dropDatabase(copyName);
    dropDatabase(dbName);
  }
  const lite = await startServer({});
  try {
    runs.push(...(await measureEngine("pglite", lite)).runs);
  } finally {
    await lite.stop();
  }
  writeResult("checkout", { paid: true, runs, notes });
}
