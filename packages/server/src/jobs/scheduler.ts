// Which sweeps run, and on what: a pg-boss queue on PostgreSQL, so WORKERS processes run each sweep once
// per period between them; timers in the one process on the embedded engine. Every sweep takes its rows
// FOR UPDATE SKIP LOCKED and is idempotent, so a run that overlaps one elsewhere still moves nothing twice.
import type { AppDeps } from "../deps.ts";
import { autoReceiveOrders } from "./auto-receive-orders.ts";
import { clawBackDividends } from "./claw-back-dividends.ts";
import { closeUnpaidOrders } from "./close-unpaid-orders.ts";
import { completeOrders } from "./complete-orders.ts";
import { deliverOutboxJob } from "./deliver-outbox.ts";
import { evaluateGrades } from "./evaluate-grades.ts";
import { expireGroupBuys } from "./expire-group-buys.ts";
import { foldReleasedCommissions } from "./fold-released-commissions.ts";
import { startIntervalScheduler } from "./interval-scheduler.ts";
import type { Job, JobLog, Scheduler } from "./job.ts";
import { pollPayouts } from "./poll-payouts.ts";
import { previewDividends } from "./preview-dividends.ts";
import { pushWechatMessages } from "./push-wechat-messages.ts";
import { startQueueScheduler } from "./queue-scheduler.ts";
import { reconcilePayments } from "./reconcile-payments.ts";
import { refreshParcels } from "./refresh-parcels.ts";
import { releaseCommissions } from "./release-commissions.ts";
import { rollUpTracking } from "./roll-up-tracking.ts";
import { settleGroupChallenges } from "./settle-group-challenges.ts";
import { upgradeDividendGrades } from "./upgrade-dividend-grades.ts";

/** The explicit list of sweeps; other areas append theirs. */
export const jobs: Job[] = [
  closeUnpaidOrders,
  autoReceiveOrders,
  completeOrders,
  releaseCommissions,
  foldReleasedCommissions,
  pollPayouts,
  reconcilePayments,
  evaluateGrades,
  deliverOutboxJob,
  rollUpTracking,
  previewDividends,
  upgradeDividendGrades,
  clawBackDividends,
  expireGroupBuys,
  refreshParcels,
  pushWechatMessages,
  settleGroupChallenges,
];

export type { Scheduler };

export async function startScheduler(
  deps: AppDeps,
  options: { jobs?: Job[]; log: JobLog },
): Promise<Scheduler> {
  // JOB_EVERY_MS replaces a sweep's period (the browser tests run the release sweep every second)
  const periods = deps.config.jobEveryMs ?? {};
  const given = options.jobs ?? jobs;
  const unknown = Object.keys(periods).filter((name) => !given.some((job) => job.name === name));
  if (unknown.length > 0) throw new Error(`JOB_EVERY_MS names no sweep: ${unknown.join(", ")}`);
  const list = given.map((job) => (periods[job.name] ? { ...job, everyMs: periods[job.name]! } : job));
  const url = deps.config.databaseUrl;
  if (deps.database.engine === "postgres" && url) return startQueueScheduler(deps, url, list, options.log);
  return startIntervalScheduler(deps, list, options.log);
}
