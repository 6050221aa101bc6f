// Runs the sweeps on an interval in each server process. pg-boss is not installed yet, so this is a plain
// setInterval loop; that is safe because every sweep takes its rows FOR UPDATE SKIP LOCKED and is
// idempotent, so several processes share the work. A sweep never overlaps itself within one process.
import type { AppDeps } from "../deps.ts";
import { autoReceiveOrders } from "./auto-receive-orders.ts";
import { closeUnpaidOrders } from "./close-unpaid-orders.ts";
import { completeOrders } from "./complete-orders.ts";
import { evaluateGrades } from "./evaluate-grades.ts";
import type { Job } from "./job.ts";
import { pollPayouts } from "./poll-payouts.ts";
import { reconcilePayments } from "./reconcile-payments.ts";
import { releaseCommissions } from "./release-commissions.ts";

/** The explicit list of sweeps; other areas append theirs. */
export const jobs: Job[] = [
  closeUnpaidOrders,
  autoReceiveOrders,
  completeOrders,
  releaseCommissions,
  pollPayouts,
  reconcilePayments,
  evaluateGrades,
];

export type Scheduler = { stop(): Promise<void> };

export function startScheduler(
  deps: AppDeps,
  options: { jobs?: Job[]; log: (level: "info" | "error", message: string, data?: object) => void },
): Scheduler {
  const running = new Map<string, Promise<void>>();
  const timers = (options.jobs ?? jobs).map((job) =>
    setInterval(() => {
      if (running.has(job.name)) return;
      const run = job
        .run(deps, deps.now())
        .then((moved) => {
          if (moved > 0) options.log("info", `${job.name} moved ${moved}`, { job: job.name, moved });
        })
        .catch((error: unknown) => options.log("error", `${job.name} failed`, { job: job.name, err: error }))
        .finally(() => running.delete(job.name));
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
