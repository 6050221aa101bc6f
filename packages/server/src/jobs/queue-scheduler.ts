// PostgreSQL's scheduler: each sweep is a pg-boss queue, so WORKERS processes (or machines) run it once
// per period between them instead of once each. Every process offers the sweep each period with
// sendThrottled (pg-boss keeps one job per period slot) and the queue's `exclusive` policy keeps at most
// one queued or running, so a slow sweep is never started twice. Whichever process polls first runs it.
import { PgBoss } from "pg-boss";
import type { AppDeps } from "../deps.ts";
import type { Job, JobLog, Scheduler } from "./job.ts";
import { runJobOnce } from "./job.ts";

/** pg-boss keeps its tables in this schema, beside (not inside) the app's. */
export const QUEUE_SCHEMA = "pgboss";

function boss(databaseUrl: string): PgBoss {
  // Two connections: one polls and runs, one listens. The app's own pool stays for requests.
  return new PgBoss({ connectionString: databaseUrl, schema: QUEUE_SCHEMA, max: 2 });
}

/** Installs or upgrades pg-boss's schema once, before several processes start on it. */
export async function prepareQueue(databaseUrl: string): Promise<void> {
  const installer = boss(databaseUrl);
  await installer.start();
  await installer.stop({ graceful: false });
}

export async function startQueueScheduler(
  deps: AppDeps,
  databaseUrl: string,
  jobs: Job[],
  log: JobLog,
): Promise<Scheduler> {
  const queue = boss(databaseUrl);
  queue.on("error", (error) => log("error", "job queue error", { err: error }));
  await queue.start();
  for (const job of jobs) {
    const seconds = Math.max(1, Math.round(job.everyMs / 1000));
    // A sweep that fails is simply offered again next period; a stuck one expires after ten periods
    // (at least 5 minutes, at most 4 hours), so a crashed process does not hold its sweep for long.
    await queue.createQueue(job.name, {
      policy: "exclusive",
      retryLimit: 0,
      expireInSeconds: Math.min(4 * 3600, Math.max(300, seconds * 10)),
      deleteAfterSeconds: 3600,
    });
    await queue.work(job.name, { pollingIntervalSeconds: Math.min(2, seconds) }, () =>
      runJobOnce(deps, job, log),
    );
  }
  const offer = (job: Job) =>
    queue
      .sendThrottled(job.name, null, null, Math.max(1, Math.round(job.everyMs / 1000)))
      .catch((error: unknown) => log("error", `${job.name} could not be queued`, { err: error }));
  const timers = jobs.map((job) => setInterval(() => void offer(job), job.everyMs));
  return {
    async stop() {
      for (const timer of timers) clearInterval(timer);
      await queue.stop({ graceful: true, timeout: 10_000 });
    },
  };
}
