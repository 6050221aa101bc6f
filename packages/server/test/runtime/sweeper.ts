// Runs the shop's sweeps against a server's database from the test process, as one more worker would,
// with a clock two minutes ahead so that what the sweeps wait for (a refund's first minute) is due now.
import { composeDeps } from "../../src/compose.ts";
import { loadConfig } from "../../src/config.ts";
import { openPostgres } from "../../src/db/client.ts";
import type { Job } from "../../src/jobs/job.ts";
import { pollPayouts } from "../../src/jobs/poll-payouts.ts";
import { reconcilePayments } from "../../src/jobs/reconcile-payments.ts";
import { releaseCommissions } from "../../src/jobs/release-commissions.ts";

/** Marks the test's own connections, so a test terminating "a server connection" never picks one. */
export const TEST_APPLICATION = "liebian-test-sweeper";

export async function openSweeper(databaseUrl: string, serverUrl: string, sandboxPem: string) {
  const url = new URL(databaseUrl);
  url.searchParams.set("application_name", TEST_APPLICATION);
  const database = await openPostgres(url.toString(), 4);
  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    PUBLIC_URL: serverUrl,
    DATA_DIR: "/nonexistent",
    SECRET_KEY: "test-secret-key-that-is-long-enough-1234",
    SANDBOX_PAYMENT_KEY: sandboxPem,
    LOG_LEVEL: "silent",
  });
  const deps = composeDeps(config, database, {
    now: () => new Date(Date.now() + 120_000),
    log: () => {},
  });
  const sweeps: Job[] = [releaseCommissions, reconcilePayments, pollPayouts];
  return {
    deps,
    /** Each sweep once; returns how many rows they moved. */
    async sweep(): Promise<number> {
      let moved = 0;
      for (const job of sweeps) moved += await job.run(deps, deps.now());
      await deps.paymentProviders?.sandbox?.settle();
      return moved;
    },
    close: () => database.close(),
  };
}
