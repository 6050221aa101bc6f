// Profiles the server under the checkout load: starts it on a throwaway PostgreSQL database (or on PGlite
// with BENCH_ENGINE=pglite: then the WASM, i.e. PostgreSQL itself, is one more area) with --cpu-prof, runs 32 shoppers for BENCH_SECONDS (default 10) after a warm-up, stops it, and prints where
// its CPU went — self time by area (our code, Drizzle, pg, Fastify, zod, Node internals) and the top
// functions. The .cpuprofile stays in PROFILE_DIR (default a temp folder) for a closer look.
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { checkoutAndPay, drawItems } from "./lib/checkout-flow.ts";
import { prepareShop } from "./lib/checkout-shop.ts";
import { type Profile, report } from "./lib/cpu-profile.ts";
import { createDatabase, dropDatabase, serverDatabaseUrl } from "./lib/postgres.ts";
import { startServer } from "./lib/server.ts";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const SHOPPERS = Number(process.env.BENCH_SHOPPERS ?? 32);

export default async function checkoutProfile(): Promise<void> {
  const dbName = `liebian_profile_${process.pid}`;
  const dir = process.env.PROFILE_DIR ?? mkdtempSync(path.join(os.tmpdir(), "liebian-prof-"));
  const pglite = process.env.BENCH_ENGINE === "pglite";
  // connected as the checkout bench connects (the Unix socket when there is one): over TCP loopback the
  // kernel's TCP work lands in the server's writev and outweighs everything else in the profile
  if (!pglite) createDatabase(dbName);
  const url = pglite ? undefined : serverDatabaseUrl(dbName).url;
  let orders = 0;
  try {
    const server = await startServer({
      ...(url ? { databaseUrl: url } : {}),
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
    if (url) dropDatabase(dbName);
  }
  const file = readdirSync(dir).find((f) => f.endsWith(".cpuprofile"));
  if (!file) throw new Error(`no profile in ${dir}`);
  console.log(`profile: ${path.join(dir, file)}`);
  report(JSON.parse(readFileSync(path.join(dir, file), "utf8")) as Profile, orders, SECONDS);
}
