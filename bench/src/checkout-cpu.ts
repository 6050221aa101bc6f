// Where one placed + paid checkout's CPU goes, split so a change can be judged on a loaded machine (orders/s
// move with the neighbours' load; CPU per order much less): the server's user and system time, the
// PostgreSQL backends' time serving it, and the load generator's. Throwaway database, server on the Unix
// socket with WORKERS=1 (BENCH_WORKERS to change), BENCH_SHOPPERS (32) for BENCH_SECONDS (10) after a warm-up.
// BENCH_COMPARE=<another checkout of the repo> (e.g. `git archive main | tar -x -C /tmp/base` with
// node_modules linked) runs a second server from there and alternates the two, BENCH_ROUNDS (3) times each,
// so both see the same neighbours: an A/B of CPU per order on a busy machine. BENCH_PERF=<file> also
// records this checkout's server in the last round (the JIT warmest) with `perf record -g` (JIT frames named through --perf-basic-prof-only-functions;
// read with `perf report -i <file> --no-children --sort sym`). BENCH_NODE_ARGS (space-separated) go to this
// checkout's server only: BENCH_COMPARE=. with e.g. BENCH_NODE_ARGS=--max-semi-space-size=64 A/Bs a node
// flag on the same code; BENCH_SERVER_ENV (space-separated NAME=value, no space inside a value, e.g.
// JOB_EVERY_MS=deliver-outbox=3600000) goes to this checkout's server only, to A/B a setting. BENCH_ENGINE=pglite runs the servers on the embedded engine instead (a temp data
// folder each; no backends: the database runs inside the server's CPU). `npm run bench -- checkout-cpu`; prints only.
import { execFileSync, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { checkoutAndPay, drawItems } from "./lib/checkout-flow.ts";
import { type BenchShop, prepareShop } from "./lib/checkout-shop.ts";
import { createDatabase, dropDatabase, psql, serverDatabaseUrl } from "./lib/postgres.ts";
import { type RunningServer, startServer } from "./lib/server.ts";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const SHOPPERS = Number(process.env.BENCH_SHOPPERS ?? 32);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 1);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? (process.env.BENCH_COMPARE ? 3 : 1));
const PGLITE = process.env.BENCH_ENGINE === "pglite";
const TICK_MS = 1000 / Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim());

type Cpu = { user: number; sys: number };

/** user and system CPU of one process since it started, in ms; null once it is gone. */
function cpuOf(pid: number): Cpu | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return { user: Number(fields[11]) * TICK_MS, sys: Number(fields[12]) * TICK_MS };
  } catch {
    return null;
  }
}

/** user and system CPU of the given processes, in ms (a process gone counts nothing). */
function cpu(pids: number[]): Cpu {
  let user = 0;
  let sys = 0;
  for (const pid of pids) {
    const one = cpuOf(pid);
    user += one?.user ?? 0;
    sys += one?.sys ?? 0;
  }
  return { user, sys };
}

/**
 * What the side's PostgreSQL backends spent between two samples. The pool opens and closes connections
 * (idle ones close after 10 s), so the backends are listed at both ends: one born meanwhile counts all it
 * spent, one that ended meanwhile is dropped from both ends (its last seconds are lost, and reported).
 */
function backendCpu(before: Map<number, Cpu>, after: Map<number, Cpu>): Cpu & { ended: number } {
  let user = 0;
  let sys = 0;
  for (const [pid, end] of after) {
    const start = before.get(pid);
    user += end.user - (start?.user ?? 0);
    sys += end.sys - (start?.sys ?? 0);
  }
  const ended = [...before.keys()].filter((pid) => !after.has(pid)).length;
  return { user, sys, ended };
}

function backendsOf(db: string): Map<number, Cpu> {
  const sampled = new Map<number, Cpu>();
  if (PGLITE) return sampled;
  const pids = psql(`select pid from pg_stat_activity where datname = '${db}' and pid <> pg_backend_pid()`)
    .split("\n")
    .filter(Boolean)
    .map(Number);
  for (const pid of pids) {
    const one = cpuOf(pid);
    if (one) sampled.set(pid, one);
  }
  return sampled;
}

function tree(pid: number): number[] {
  let children: number[] = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8")
      .split(" ")
      .filter(Boolean)
      .map(Number);
  } catch {
    // gone
  }
  return [pid, ...children.flatMap(tree)];
}

type Side = { label: string; db: string; server: RunningServer; shop: BenchShop; totals: Totals };
type Totals = { orders: number; errors: number; seconds: number; server: Cpu; backends: Cpu; loader: number };

async function run(side: Side, seconds: number, measure: boolean, perfFile?: string) {
  const serverPids = tree(side.server.pid);
  const s0 = cpu(serverPids);
  const p0 = backendsOf(side.db);
  const l0 = process.cpuUsage();
  const perf = perfFile
    ? spawn(
        "perf",
        [
          "record",
          "-F",
          "997",
          "-g",
          "-o",
          perfFile,
          "-p",
          String(side.server.pid),
          "--",
          "sleep",
          String(seconds),
        ],
        {
          stdio: "ignore",
        },
      )
    : null;
  const started = performance.now();
  const until = started + seconds * 1000;
  let done = 0;
  let errors = 0;
  await Promise.all(
    side.shop.shoppers.map(async (s) => {
      while (performance.now() < until)
        if ((await checkoutAndPay(side.server.baseUrl, s, drawItems(side.shop))).ok) done++;
        else errors++;
    }),
  );
  if (perf && perf.exitCode === null) await new Promise((resolve) => perf.once("exit", resolve));
  if (!measure) return;
  const s1 = cpu(serverPids);
  const p = backendCpu(p0, backendsOf(side.db));
  if (p.ended)
    console.warn(`${side.label}: ${p.ended} backends ended during the run; their last CPU is not counted`);
  const l1 = process.cpuUsage(l0);
  const t = side.totals;
  t.orders += done;
  t.errors += errors;
  t.seconds += (performance.now() - started) / 1000;
  t.server.user += s1.user - s0.user;
  t.server.sys += s1.sys - s0.sys;
  t.backends.user += p.user;
  t.backends.sys += p.sys;
  t.loader += (l1.user + l1.system) / 1000;
  // each round as it ends: a trend across rounds is the JIT still warming up (or history growing)
  console.log(
    `  ${side.label}: ${(done / seconds).toFixed(1)}/s, server ${((s1.user + s1.sys - s0.user - s0.sys) / done).toFixed(2)} ms/order`,
  );
}

function report(side: Side) {
  const t = side.totals;
  const per = (ms: number) => (ms / t.orders).toFixed(2);
  console.log(
    `${side.label}: ${t.orders} orders in ${t.seconds.toFixed(1)} s = ${(t.orders / t.seconds).toFixed(1)}/s, ${t.errors} errors; ` +
      `CPU ms/order: server ${per(t.server.user + t.server.sys)} (user ${per(t.server.user)}, sys ${per(t.server.sys)}), ` +
      `postgres backends ${per(t.backends.user + t.backends.sys)} (user ${per(t.backends.user)}, sys ${per(t.backends.sys)}), ` +
      `load generator ${per(t.loader)}`,
  );
}

export default async function checkoutCpu(): Promise<void> {
  const perfFile = process.env.BENCH_PERF;
  const repos: { label: string; repo?: string }[] = [{ label: "this checkout" }];
  if (process.env.BENCH_COMPARE)
    repos.push({ label: process.env.BENCH_COMPARE, repo: process.env.BENCH_COMPARE });
  const thisNodeArgs = [
    ...(process.env.BENCH_NODE_ARGS ?? "").split(" ").filter(Boolean),
    ...(perfFile ? ["--perf-basic-prof-only-functions"] : []),
  ];
  const thisEnv = Object.fromEntries(
    (process.env.BENCH_SERVER_ENV ?? "")
      .split(" ")
      .filter(Boolean)
      .map((pair) => [pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1)]),
  );
  const sides: Side[] = [];
  try {
    for (const { label, repo } of repos) {
      const db = `liebian_cpu_${process.pid}_${sides.length}`;
      if (!PGLITE) createDatabase(db);
      const server = await startServer({
        ...(PGLITE ? {} : { databaseUrl: serverDatabaseUrl(db).url }),
        workers: WORKERS,
        ...(repo ? { repo } : {}),
        ...(repo ? {} : { nodeArgs: thisNodeArgs }),
        ...(repo ? {} : { env: thisEnv }),
      });
      const zero = () => ({ user: 0, sys: 0 });
      const totals = { orders: 0, errors: 0, seconds: 0, server: zero(), backends: zero(), loader: 0 };
      sides.push({ label, db, server, shop: await prepareShop(server.baseUrl, SHOPPERS), totals });
    }
    for (const side of sides) await run(side, 3, false);
    for (let round = 0; round < ROUNDS; round++)
      for (const side of sides)
        await run(side, SECONDS, true, round === ROUNDS - 1 && side === sides[0] ? perfFile : undefined);
    console.log(
      `${PGLITE ? "PGlite, " : ""}${SHOPPERS} shoppers, WORKERS=${WORKERS}, ${ROUNDS} × ${SECONDS} s each, load ${readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ")}`,
    );
    for (const side of sides) report(side);
  } finally {
    for (const side of sides) {
      await side.server.stop();
      if (!PGLITE) dropDatabase(side.db);
    }
  }
}
