// A payment's ledger posting against a ledger holding more and more accounts (earners' balances, wallets):
// its cost must not grow with them. For each account count, a throwaway PostgreSQL database migrated with our
// migrations gets that many accounts (analysed, as autovacuum would leave them), then one connection posts
// what a paid order posts — the payment and two commissions frozen, one postLedgerTransactions call, in its
// own transaction — BENCH_POSTINGS times after a warm-up, and the mean and p99 per posting are printed and
// written to bench/results/ledger-accounts.json.
import { buildCommissionFrozenPosting, buildPaymentPosting } from "@liebian/domain";
import { sql } from "drizzle-orm";
import { openPostgres, queryRows } from "../../packages/server/src/db/client.ts";
import { runMigrations } from "../../packages/server/src/db/migrate.ts";
import { inTransaction } from "../../packages/server/src/db/transaction.ts";
import { postLedgerTransactions } from "../../packages/server/src/modules/ledger/service.ts";
import { createDatabase, databaseUrl, dropDatabase, psql } from "./lib/postgres.ts";
import { writeResult } from "./lib/result.ts";
import { percentile, round } from "./lib/stats.ts";

const COUNTS = (process.env.BENCH_ACCOUNTS ?? "0,1000,5000,15000,50000").split(",").map(Number);
const POSTINGS = Number(process.env.BENCH_POSTINGS ?? 2000);

/** What a paid order of `fen` posts, built by the domain as the payment use case builds it: the payment, and
 * a level-1 and level-2 commission frozen. */
function paidOrder(n: number, fen: number) {
  const at = new Date();
  const frozen = (level: number, amountFen: number) =>
    buildCommissionFrozenPosting({ orderId: n, orderItemId: n, level, earnerUserId: level, amountFen, at });
  return [
    buildPaymentPosting({
      provider: "sandbox",
      transactionId: `bench${n}`,
      orderNo: `bench${n}`,
      buyerUserId: 3,
      amountFen: fen,
      stray: false,
      at,
    }),
    frozen(1, Math.floor(fen / 10)),
    frozen(2, Math.floor(fen / 20)),
  ];
}

async function measure(accounts: number) {
  const name = `liebian_accounts_${process.pid}_${accounts}`;
  createDatabase(name);
  const database = await openPostgres(databaseUrl(name), 1);
  try {
    await runMigrations(database);
    if (accounts > 0)
      psql(
        `insert into ledger_accounts (code) select 'commission_available:u:' || g from generate_series(1, ${accounts}) g`,
        name,
      );
    psql("vacuum analyze ledger_accounts", name);
    const post = (n: number) =>
      inTransaction(database.db, (tx) => postLedgerTransactions(tx, paidOrder(n, 10_000 + (n % 5000))));
    for (let n = 0; n < 200; n++) await post(n);
    const ms: number[] = [];
    for (let n = 200; n < 200 + POSTINGS; n++) {
      const t0 = performance.now();
      await post(n);
      ms.push(performance.now() - t0);
    }
    const [row] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from ledger_accounts`,
    );
    const sorted = [...ms].sort((a, b) => a - b);
    const result = {
      accounts: Number(row!.n),
      postings: POSTINGS,
      meanMs: round(ms.reduce((s, x) => s + x, 0) / ms.length, 3),
      p99Ms: round(percentile(sorted, 99), 3),
    };
    console.log(`${result.accounts} accounts: ${result.meanMs} ms per posting (p99 ${result.p99Ms} ms)`);
    return result;
  } finally {
    await database.close();
    dropDatabase(name);
  }
}

export default async function ledgerAccounts(): Promise<void> {
  const runs = [];
  for (const accounts of COUNTS) runs.push(await measure(accounts));
  writeResult("ledger-accounts", {
    command: "npm run bench -- ledger-accounts",
    notes: [
      "One connection, one paid order's postings (payment + two commissions frozen: three ledger transactions, one postLedgerTransactions call) per database transaction; the accounts are analysed before timing. Flat across account counts is the target.",
    ],
    runs,
  });
}
