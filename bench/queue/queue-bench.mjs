// pg-boss vs graphile-worker, measured for docs/DESIGN.md ("Time-driven work"). Neither graphile-worker nor
// this script is part of the product: run it from a scratch folder,
//   mkdir /tmp/queue-bench && cd /tmp/queue-bench && npm init -y &&
//   npm i pg-boss@12 graphile-worker@0.18 pg@8 @electric-sql/pglite@0.5.16 && cp <repo>/bench/queue/queue-bench.mjs bench.mjs
//   node bench.mjs <pgboss|graphile> <throughput|latency [pollSeconds]|idle [processes]|pglite>
// Each run uses its own database qbench_<lib>_<mode> on the PostgreSQL at 127.0.0.1:5432 (user postgres).
import { execSync } from "node:child_process";
import pg from "pg";

const [lib, mode, arg] = process.argv.slice(2);
const ADMIN = "postgres://postgres@127.0.0.1:5432/postgres";
const dbName = `qbench_${lib}_${mode === "idle-child" ? "idle" : mode}`;
const URL = `postgres://postgres@127.0.0.1:5432/${dbName}`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const QUEUES = [
  "close-unpaid-orders",
  "auto-receive-orders",
  "complete-orders",
  "release-commissions",
  "poll-payouts",
  "reconcile-payments",
  "evaluate-grades",
  "deliver-outbox",
];

async function freshDb() {
  const a = new pg.Client(ADMIN);
  await a.connect();
  await a.query(`drop database if exists ${dbName} with (force)`);
  await a.query(`create database ${dbName}`);
  await a.end();
}

async function startLib(opts = {}) {
  if (lib === "pgboss") {
    const { PgBoss } = await import("pg-boss");
    const boss = new PgBoss({ connectionString: URL, max: opts.max ?? 10 });
    boss.on("error", (e) => console.error("boss error", e.message));
    await boss.start();
    return {
      async queue(name) {
        await boss.createQueue(name).catch(() => {});
      },
      addMany: (name, n) =>
        boss.insert(
          name,
          Array.from({ length: n }, (_, i) => ({ data: { i } })),
        ),
      addOne: (name, data, runAt) => boss.send(name, data, runAt ? { startAfter: runAt } : {}),
      work: (name, fn, o = {}) =>
        boss.work(
          name,
          {
            batchSize: o.batch ?? 1,
            localConcurrency: o.concurrency ?? 1,
            ...(o.poll ? { pollingIntervalSeconds: o.poll } : {}),
          },
          async (jobs) => {
            for (const j of jobs) await fn(j.data);
          },
        ),
      stop: () => boss.stop({ graceful: false, wait: true }),
    };
  }
  const { run, makeWorkerUtils } = await import("graphile-worker");
  const pool = new pg.Pool({ connectionString: URL, max: opts.max ?? 10 });
  const utils = await makeWorkerUtils({ pgPool: pool });
  await utils.migrate();
  const handlers = {};
  let runner;
  return {
    async queue() {},
    addMany: (name, n) =>
      utils.addJobs(Array.from({ length: n }, (_, i) => ({ identifier: name, payload: { i } }))),
    addOne: (name, data, runAt) => utils.addJob(name, data, runAt ? { runAt } : {}),
    async work(name, fn, o = {}) {
      handlers[name] = async (payload) => fn(payload);
      runner = await run({
        pgPool: pool,
        taskList: handlers,
        concurrency: o.concurrency ?? 1,
        noHandleSignals: true,
        ...(o.poll ? { pollInterval: o.poll * 1000 } : {}),
        logger: new (await import("graphile-worker")).Logger(() => () => {}),
      });
    },
    async workAll(names, o = {}) {
      for (const n of names) handlers[n] = async () => {};
      runner = await run({
        pgPool: pool,
        taskList: handlers,
        concurrency: o.concurrency ?? 1,
        noHandleSignals: true,
        logger: new (await import("graphile-worker")).Logger(() => () => {}),
      });
    },
    async stop() {
      await runner?.stop();
      await utils.release();
      await pool.end();
    },
  };
}

if (mode === "throughput") {
  await freshDb();
  const q = await startLib();
  await q.queue("t");
  await q.queue("t2");
  const N = 10_000;
  let t = performance.now();
  for (let i = 0; i < N; i += 1000) await q.addMany("t", 1000);
  const batchEnqMs = performance.now() - t;
  let done = 0;
  const finished = new Promise((resolve) => {
    globalThis.tick = () => {
      if (++done === N) resolve();
    };
  });
  t = performance.now();
  await q.work("t", async () => globalThis.tick(), { batch: 50, concurrency: 10, poll: 0.5 });
  await finished;
  const processMs = performance.now() - t;
  // one-by-one sends, the way an outbox row per order would be queued
  t = performance.now();
  for (let i = 0; i < 1000; i++) await q.addOne("t2", { i });
  const singleMs = performance.now() - t;
  await q.stop();
  console.log(
    JSON.stringify({
      lib,
      mode,
      jobs: N,
      batchEnqueuePerS: Math.round(N / (batchEnqMs / 1000)),
      processPerS: Math.round(N / (processMs / 1000)),
      processAllMs: Math.round(processMs),
      singleSendPerS: Math.round(1000 / (singleMs / 1000)),
    }),
  );
} else if (mode === "latency") {
  await freshDb();
  const q = await startLib();
  await q.queue("l");
  const delays = [];
  let pending;
  await q.work(
    "l",
    async (data) => {
      delays.push(Date.now() - data.due);
      pending?.();
    },
    { poll: Number(arg ?? 2) },
  );
  for (let i = 0; i < 10; i++) {
    const due = Date.now() + 1000;
    const done = new Promise((r) => {
      pending = r;
    });
    await q.addOne("l", { due }, new Date(due));
    await done;
  }
  await q.stop();
  delays.sort((a, b) => a - b);
  console.log(
    JSON.stringify({
      lib,
      mode,
      poll: Number(arg ?? 2),
      delaysMs: delays,
      median: delays[5],
      max: delays[9],
    }),
  );
} else if (mode === "idle-child") {
  const q = await startLib({ max: 4 });
  for (const n of QUEUES) await q.queue(n);
  if (lib === "pgboss") for (const n of QUEUES) await q.work(n, async () => {});
  else await q.workAll(QUEUES);
  process.send?.("ready");
  process.on("message", async (m) => {
    if (m === "cpu") process.send({ cpu: process.cpuUsage() });
    if (m === "stop") {
      await q.stop();
      process.exit(0);
    }
  });
} else if (mode === "idle") {
  // parent: N children idle for 30 s; node CPU, postgres backend CPU and commits in that window
  const N = Number(arg ?? 4);
  await freshDb();
  const { fork } = await import("node:child_process");
  // migrate once before the children race to install the schema
  const first = await startLib({ max: 2 });
  await first.stop();
  const kids = [];
  for (let i = 0; i < N; i++) {
    const k = fork(new globalThis.URL(import.meta.url).pathname, [lib, "idle-child"]);
    await new Promise((r) => k.once("message", r));
    kids.push(k);
  }
  await sleep(5000);
  const a = new pg.Client(ADMIN);
  await a.connect();
  const backendCpu = async () => {
    const pids = (await a.query(`select pid from pg_stat_activity where datname = $1`, [dbName])).rows.map(
      (r) => r.pid,
    );
    let ticks = 0;
    for (const pid of pids)
      try {
        const f = execSync(`cat /proc/${pid}/stat`).toString().split(") ")[1].split(" ");
        ticks += Number(f[11]) + Number(f[12]);
      } catch {}
    return { ticks, pids: pids.length };
  };
  const commits = async () =>
    Number(
      (await a.query(`select xact_commit from pg_stat_database where datname = $1`, [dbName])).rows[0]
        .xact_commit,
    );
  const cpu = () =>
    Promise.all(
      kids.map(
        (k) =>
          new Promise((r) => {
            k.once("message", (m) => r(m.cpu.user + m.cpu.system));
            k.send("cpu");
          }),
      ),
    );
  const c0 = await cpu(),
    b0 = await backendCpu(),
    x0 = await commits();
  const W = 30_000;
  await sleep(W);
  const c1 = await cpu(),
    b1 = await backendCpu(),
    x1 = await commits();
  for (const k of kids) k.send("stop");
  await a.end();
  const nodeCpuMs = c1.reduce((s, v, i) => s + v - c0[i], 0) / 1000;
  console.log(
    JSON.stringify({
      lib,
      mode,
      processes: N,
      queues: QUEUES.length,
      windowS: W / 1000,
      nodeCpuPct: +((nodeCpuMs / W) * 100).toFixed(2),
      pgBackendCpuPct: +((((b1.ticks - b0.ticks) * 10) / W) * 100).toFixed(2),
      dbConnections: b1.pids,
      commitsPerS: +((x1 - x0) / (W / 1000)).toFixed(1),
    }),
  );
} else if (mode === "pglite") {
  const { PGlite } = await import("@electric-sql/pglite");
  const db = await PGlite.create();
  try {
    if (lib !== "pgboss") throw new Error("graphile-worker takes only a pg Pool / connection string");
    const { PgBoss, fromPglite } = await import("pg-boss");
    const boss = new PgBoss({ db: fromPglite(db), backend: "pglite" });
    boss.on("error", (e) => console.error("boss error", e.message));
    let t = performance.now();
    await boss.start();
    const startMs = performance.now() - t;
    await boss.createQueue("p");
    t = performance.now();
    await boss.insert(
      "p",
      Array.from({ length: 1000 }, (_, i) => ({ data: { i } })),
    );
    let done = 0;
    const fin = new Promise((r) =>
      boss.work("p", { batchSize: 50, pollingIntervalSeconds: 0.5 }, async (jobs) => {
        done += jobs.length;
        if (done >= 1000) r();
      }),
    );
    await fin;
    const ms = performance.now() - t;
    // while idle, how often does the queue take PGlite's one transaction slot?
    let q = 0;
    const orig = db.query.bind(db);
    db.query = (...x) => {
      q++;
      return orig(...x);
    };
    await sleep(10_000);
    await boss.stop({ graceful: false, wait: true });
    console.log(
      JSON.stringify({
        lib,
        mode,
        works: true,
        startMs: Math.round(startMs),
        jobs: 1000,
        processAllMs: Math.round(ms),
        idleQueriesPerS: q / 10,
      }),
    );
  } catch (e) {
    console.log(JSON.stringify({ lib, mode, works: false, error: e.message }));
  }
  await db.close();
}
if (mode !== "idle-child") process.exit(0);
