// kill -9 mid-flow: a real server on PostgreSQL is driven through checkout → sandbox payment notification →
// partial refund → release → withdrawal → approval → payout, killed at a random moment (and one of its
// database connections terminated at another), restarted, the flow finished from where it stopped, and
// the money checked: ledger audit clean, each captured payment exactly one paid order, no payout twice.
// CRASH_ITERATIONS (default 20) and CRASH_SEED (printed) reproduce a run.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../../src/db/client.ts";
import { type ServerProcess, startServerProcess } from "../support/server-process.ts";
import { createTestDatabase, onPostgres, type TestDatabase } from "../support/test-database.ts";
import { moneyViolations } from "./money-invariants.ts";
import { BuyerFlow, Shop, sandboxKeyPem } from "./shop-flows.ts";
import { openSweeper } from "./sweeper.ts";

const ITERATIONS = Number(process.env.CRASH_ITERATIONS ?? 20);
const SEED = Number(process.env.CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));
/** Each server process names its connections, so the test cuts one of the process it is about to kill. */
let started = 0;

/** mulberry32: the same seed gives the same kill moments. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** After-sales still `refunding` once the flow was finished (a crash between an approval and its refund). */
async function refundsNotFinished(db: TestDatabase["db"]): Promise<string[]> {
  const rows = await queryRows<{ id: number; refunds: string | null }>(
    db,
    sql`select a.id, string_agg(r.status, ',') as refunds from after_sales a
        left join refunds r on r.after_sale_id = a.id where a.status = 'refunding' group by a.id`,
  );
  return rows.map((r) => `after-sale ${r.id} refunding, refund rows: ${r.refunds ?? "none"}`);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function retry<T>(what: string, work: () => Promise<T>, server: () => ServerProcess): Promise<T> {
  let last: unknown;
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      return await work();
    } catch (error) {
      last = error;
      await sleep(200);
    }
  }
  throw new Error(`${what} did not finish: ${String(last)}\n${server().output.slice(-30).join("\n")}`);
}

describe.skipIf(!onPostgres)("kill -9 in the middle of the money path", () => {
  let database: TestDatabase;
  let server: ServerProcess;
  let shop: Shop;
  let sweeper: Awaited<ReturnType<typeof openSweeper>>;
  const pem = sandboxKeyPem();
  const applications = new Map<ServerProcess, string>();
  const start = async (): Promise<ServerProcess> => {
    const application = `liebian-crash-${++started}`;
    const url = new URL(database.url!);
    url.searchParams.set("application_name", application);
    const env = { WORKERS: "1", SANDBOX_PAYMENT_KEY: pem };
    const child = await startServerProcess({ databaseUrl: url.toString(), env });
    applications.set(child, application);
    return child;
  };
  /** The next server, started while the current one works, so a restart costs no waiting. */
  let spare: Promise<ServerProcess>;
  const restart = async () => {
    // A spare that could not start (it has its own connections to lose) is replaced by a fresh one.
    server = await spare.catch(() => start());
    spare = start();
    shop.base = server.url;
    sweeper.deps.config.publicUrl = server.url;
  };

  beforeAll(async () => {
    console.log(`crash test: CRASH_SEED=${SEED} CRASH_ITERATIONS=${ITERATIONS}`);
    database = await createTestDatabase();
    server = await start();
    spare = start();
    shop = new Shop(server.url, pem);
    await shop.setup();
    sweeper = await openSweeper(database.url!, server.url, pem);
  });

  afterAll(async () => {
    await server?.stop();
    await (await spare.catch(() => null))?.stop();
    await sweeper?.close();
    await database?.close();
  });

  const next = random(SEED);
  for (let i = 0; i < ITERATIONS; i++) {
    // Drawn here, in order, so that CRASH_SEED alone fixes every iteration's moments.
    const killAfterMs = Math.floor(next() * 1200);
    const terminateAfterMs = Math.floor(next() * 1200);
    it(`iteration ${i}: killed after ${killAfterMs} ms, a connection cut after ${terminateAfterMs} ms`, async () => {
      const flow = new BuyerFlow(shop, `${SEED}-${i}`);
      const work = (async () => {
        await flow.advance();
        await sweeper.sweep();
        await shop.withdrawAndApprove();
      })().catch(() => "interrupted");
      const application = applications.get(server)!;
      const terminate = sleep(terminateAfterMs).then(() =>
        database.db
          .execute(
            sql`select pg_terminate_backend(pid) from pg_stat_activity
                where application_name = ${application} order by random() limit 1`,
          )
          .catch(() => {}),
      );
      await sleep(killAfterMs);
      await server.kill9();
      await Promise.all([work, terminate]);

      await restart();
      await retry(
        "the buyer's flow",
        () => flow.advance(),
        () => server,
      );
      await retry(
        "the sweeps",
        () => sweeper.sweep(),
        () => server,
      );
      await retry(
        "withdrawals",
        () => shop.withdrawAndApprove(),
        () => server,
      );
      await retry(
        "the sweeps",
        () => sweeper.sweep(),
        () => server,
      );

      const problems = [
        ...(await moneyViolations(database.db, shop.payments)),
        ...(await refundsNotFinished(database.db)),
      ];
      expect(problems, `CRASH_SEED=${SEED} iteration ${i}\n${server.output.slice(-30).join("\n")}`).toEqual(
        [],
      );
    });
  }

  it("the flows went the whole way: refunds succeeded and withdrawals were paid out", async () => {
    // The flows really went the whole way: refunds were paid and withdrawals paid out.
    const [totals] = await Promise.all([
      database.db.execute(
        sql`select (select count(*)::int from refunds where status = 'succeeded') as refunds,
                   (select count(*)::int from withdrawals where status = 'paid') as payouts`,
      ),
    ]);
    const row = (totals as unknown as { rows: Array<{ refunds: number; payouts: number }> }).rows[0]!;
    console.log(`crash test: ${row.refunds} refunds and ${row.payouts} payouts after ${ITERATIONS} kills`);
    expect(row.refunds).toBeGreaterThanOrEqual(ITERATIONS);
    expect(row.payouts).toBeGreaterThan(0);
  });
});
