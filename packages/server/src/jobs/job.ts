// What a sweep is: a name, how often it runs, and an idempotent run over whatever is due at `now`;
// and what a scheduler running sweeps offers (interval-scheduler.ts embedded, queue-scheduler.ts on PostgreSQL).
import type { AppDeps } from "../deps.ts";

export type Job = {
  name: string;
  everyMs: number;
  /** Moves what is due at `now`; returns how many rows it moved. Safe to run in several processes at once. */
  run(deps: AppDeps, now: Date): Promise<number>;
};

export type JobLog = (level: "info" | "error", message: string, data?: object) => void;

export type Scheduler = { stop(): Promise<void> };

/** Runs one sweep and logs what it moved or why it failed; never throws. */
export async function runJobOnce(deps: AppDeps, job: Job, log: JobLog): Promise<void> {
  try {
    const moved = await job.run(deps, deps.now());
    if (moved > 0) log("info", `${job.name} moved ${moved}`, { job: job.name, moved });
  } catch (error) {
    log("error", `${job.name} failed`, { job: job.name, err: error });
  }
}
