// Prints the SQL the server sends for ONE placed and paid checkout of 2 SKUs, so checkout.pgbench.sql can be
// kept in step with it: a throwaway database with log_statement=all, the bench shop, a few warm-up
// checkouts, then the lines PostgreSQL logged for one more. Reads the cluster's log file (PG_LOG, default
// Debian's /var/log/postgresql/postgresql-15-main.log), so it runs where that file is readable.
import { openSync, readSync, statSync } from "node:fs";
import { checkoutAndPay } from "./lib/checkout-flow.ts";
import { prepareShop } from "./lib/checkout-shop.ts";
import { createDatabase, dropDatabase, psql } from "./lib/postgres.ts";
import { startServer } from "./lib/server.ts";

const LOG = process.env.PG_LOG ?? "/var/log/postgresql/postgresql-15-main.log";
const settle = () => new Promise((resolve) => setTimeout(resolve, 500));

export default async function checkoutStatements(): Promise<void> {
  const db = `liebian_statements_${process.pid}`;
  const url = createDatabase(db);
  psql(`ALTER DATABASE ${db} SET log_statement = 'all'`);
  // the outbox's deliverer (every second) would write its own statements into the window: not the checkout's
  const server = await startServer({ databaseUrl: url, env: { JOB_EVERY_MS: "deliver-outbox=3600000" } });
  try {
    const shop = await prepareShop(server.baseUrl, 8);
    const items = (a: number, b: number) => [
      { skuId: shop.skuFirst + a, quantity: 1 },
      { skuId: shop.skuFirst + b, quantity: 2 },
    ];
    for (let i = 0; i < 3; i++) await checkoutAndPay(server.baseUrl, shop.shoppers[1]!, items(3, 17));
    await settle();
    const from = statSync(LOG).size;
    const result = await checkoutAndPay(server.baseUrl, shop.shoppers[0]!, items(5, 42));
    await settle();
    const bytes = Buffer.alloc(statSync(LOG).size - from);
    readSync(openSync(LOG, "r"), bytes, 0, bytes.length, from);
    // One entry per logged line and its tab-indented continuation; the job queue's polling (pg-boss, its
    // own connections) is not the checkout's.
    const entries: string[][] = [];
    for (const line of bytes.toString().split("\n")) {
      if (line.startsWith("\t")) entries.at(-1)?.push(line);
      else entries.push([line]);
    }
    const ours = entries.filter(
      (entry) => entry[0]!.includes(`@${db} `) && !entry.some((line) => line.includes("pgboss.")),
    );
    const pgBoss = new Set(
      entries
        .filter((entry) => entry.some((line) => line.includes("pgboss.")))
        .map((entry) => /\[(\d+)\]/.exec(entry[0]!)?.[1]),
    );
    // the job queue's backends: everything they send is theirs
    const lines = ours.filter((entry) => !pgBoss.has(/\[(\d+)\]/.exec(entry[0]!)?.[1])).flat();
    console.log(lines.join("\n"));
    const statements = lines.filter((l) => / LOG: {2}(statement|execute)/.test(l)).length;
    console.log(`\ncheckout ${result.ok ? "paid" : `failed: ${result.error}`}; ${statements} statements`);
  } finally {
    await server.stop();
    dropDatabase(db);
  }
}
