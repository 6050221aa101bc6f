// The embedded engine's scheduler: a timer per sweep in the one server process (PGlite is one process
// per data folder, so "once per period" needs no coordination). A sweep never overlaps itself.
import type { AppDeps } from "../deps.ts";
import type { Job, JobLog, Scheduler } from "./job.ts";
import { runJobOnce } from "./job.ts";

export function startIntervalScheduler(deps: AppDeps, jobs: Job[], log: JobLog): Scheduler {
  const running = new Map<string, Promise<void>>();
  const timers = jobs.map((job) =>
    setInterval(() => {
      if (running.has(job.name)) return;
      const run = runJobOnce(deps, job, log).finally(() => running.delete(job.name));
      running.set(job.name, run);
    }, job.everyMs),
  );
  return {
    async stop() {
      for (const timer of timers) clearInterval(timer);
      await Promise.all(running.values());
    },
  };
}
