// The server's fixed cost per request, apart from any business rule: CPU per request of `GET /healthz`
// (routing, hooks, reply) and of `GET /api/v1/notifications/unread` (the same plus a shopper's session and one
// indexed count), with BENCH_SHOPPERS (32) clients for BENCH_SECONDS (10) on a throwaway PostgreSQL database,
// WORKERS=1. A checkout is three requests: this is the floor under the checkout's server CPU per order.
// `npm run bench -- request-cost`; prints only.

import { prepareShop } from "./lib/checkout-shop.ts";
import { call } from "./lib/http.ts";
import { createDatabase, dropDatabase, serverDatabaseUrl } from "./lib/postgres.ts";
import { startServer } from "./lib/server.ts";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CLIENTS = Number(process.env.BENCH_SHOPPERS ?? 32);

export default async function requestCost(): Promise<void> {
  const db = `liebian_reqcost_${process.pid}`;
  createDatabase(db);
  const server = await startServer({ databaseUrl: serverDatabaseUrl(db).url, workers: 1 });
  try {
    const shop = await prepareShop(server.baseUrl, CLIENTS);
    const measure = async (label: string, url: string, withToken: boolean) => {
      const run = async (seconds: number) => {
        const until = performance.now() + seconds * 1000;
        let done = 0;
        await Promise.all(
          shop.shoppers.map(async (s) => {
            while (performance.now() < until) {
              const reply = await call(
                server.baseUrl,
                "GET",
                url,
                undefined,
                withToken ? s.token : undefined,
              );
              if (reply.status !== 200) throw new Error(`${url} answered ${reply.status}`);
              done++;
            }
          }),
        );
        return done;
      };
      await run(2);
      const before = server.cpuMs();
      const done = await run(SECONDS);
      const cpu = (server.cpuMs() - before) / done;
      console.log(
        `${label}: ${(done / SECONDS).toFixed(0)} requests/s, server CPU ${cpu.toFixed(3)} ms/request`,
      );
    };
    await measure("GET /healthz", "/healthz", false);
    await measure(
      "GET /api/v1/notifications/unread (session + one count)",
      "/api/v1/notifications/unread",
      true,
    );
  } finally {
    await server.stop();
    dropDatabase(db);
  }
}
