// Profiles the server under the checkout load: starts it on a throwaway PostgreSQL database with
// --cpu-prof, runs 32 shoppers for BENCH_SECONDS (default 10) after a warm-up, stops it, and prints where
// its CPU went — self time by area (our code, Drizzle, pg, Fastify, zod, Node internals) and the top
// functions. The .cpuprofile stays in PROFILE_DIR (default a temp folder) for a closer look.
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { checkoutAndPay, drawItems } from "./lib/checkout-flow.ts";
import { prepareShop } from "./lib/checkout-shop.ts";
import { createDatabase, dropDatabase } from "./lib/postgres.ts";
import { startServer } from "./lib/server.ts";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const SHOPPERS = Number(process.env.BENCH_SHOPPERS ?? 32);

type Node = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount: number;
};
type Profile = { nodes: Node[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] };

function area(url: string): string {
  if (!url) return "(native/gc/idle)";
  if (url.includes("/drizzle-orm/")) return "drizzle-orm";
  if (url.includes("/pg-protocol/") || url.includes("/pg/") || url.includes("/pg-")) return "pg driver";
  if (
    url.includes("/fastify") ||
    url.includes("/find-my-way/") ||
    url.includes("/light-my-request/") ||
    url.includes("/avvio/") ||
    url.includes("/pino")
  )
    return "fastify+pino";
  if (url.includes("/zod/")) return "zod";
  if (url.includes("/tsx/") || url.includes("/esbuild")) return "tsx loader";
  if (url.includes("/packages/server/src/")) return "server src";
  if (url.includes("/packages/domain/")) return "domain";
  if (url.startsWith("node:")) return "node internals";
  if (url.includes("/node_modules/")) return `other: ${url.split("/node_modules/").pop()!.split("/")[0]}`;
  return url;
}

function report(profile: Profile, orders: number) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  // Only the measured load: the last SECONDS before the stop (start-up and shop set-up come before it).
  let t = profile.startTime;
  const from = profile.endTime - (SECONDS + 0.3) * 1e6;
  profile.samples.forEach((id, i) => {
    t += profile.timeDeltas[i] ?? 0;
    if (t >= from) selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const byArea = new Map<string, number>();
  const byFn = new Map<string, number>();
  let busy = 0;
  for (const [id, us] of selfUs) {
    const n = byId.get(id)!;
    if (n.callFrame.functionName === "(idle)" || n.callFrame.functionName === "(program)") continue;
    busy += us;
    const a = area(n.callFrame.url);
    byArea.set(a, (byArea.get(a) ?? 0) + us);
    const f = `${n.callFrame.functionName || "(anonymous)"} ${n.callFrame.url.split("/").slice(-2).join("/")}:${n.callFrame.lineNumber}`;
    byFn.set(f, (byFn.get(f) ?? 0) + us);
  }
  const ms = (us: number) => (us / 1000 / orders).toFixed(3);
  console.log(
    `busy CPU (sampled, excl. idle): ${(busy / 1000).toFixed(0)} ms over ${orders} orders = ${ms(busy)} ms/order`,
  );
  for (const [a, us] of [...byArea].sort((x, y) => y[1] - x[1]).slice(0, 14))
    console.log(`  ${((100 * us) / busy).toFixed(1).padStart(5)}%  ${ms(us)} ms/order  ${a}`);
  console.log("top functions (self):");
  for (const [f, us] of [...byFn].sort((x, y) => y[1] - x[1]).slice(0, 30))
    console.log(`  ${((100 * us) / busy).toFixed(1).padStart(5)}%  ${f}`);
}

export default async function checkoutProfile(): Promise<void> {
  const dbName = `liebian_profile_${process.pid}`;
  const dir = process.env.PROFILE_DIR ?? mkdtempSync(path.join(os.tmpdir(), "liebian-prof-"));
  const url = createDatabase(dbName);
  let orders = 0;
  try {
    const server = await startServer({
      databaseUrl: url,
      workers: 1,
      nodeArgs: ["--cpu-prof", "--cpu-prof-dir", dir],
    });
    try {
      const shop = await prepareShop(server.baseUrl, SHOPPERS);
      const run = async (seconds: number) => {
        const until = performance.now() + seconds * 1000;
        let done = 0;
        await Promise.all(
          shop.shoppers.map(async (s) => {
            while (performance.now() < until)
              if ((await checkoutAndPay(server.baseUrl, s, drawItems(shop))).ok) done++;
          }),
        );
        return done;
      };
      await run(3);
      const cpuBefore = server.cpuMs();
      orders = await run(SECONDS);
      const cpu = (server.cpuMs() - cpuBefore) / orders;
      console.log(
        `${orders} orders in ${SECONDS} s (${(orders / SECONDS).toFixed(1)}/s) under the profiler, server CPU ${cpu.toFixed(2)} ms/order`,
      );
    } finally {
      await server.stop();
    }
  } finally {
    dropDatabase(dbName);
  }
  const file = readdirSync(dir).find((f) => f.endsWith(".cpuprofile"));
  if (!file) throw new Error(`no profile in ${dir}`);
  console.log(`profile: ${path.join(dir, file)}`);
  report(JSON.parse(readFileSync(path.join(dir, file), "utf8")) as Profile, orders);
}
