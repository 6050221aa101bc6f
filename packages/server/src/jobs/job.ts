// What a sweep is: a name, how often it runs, and an idempotent run over whatever is due at `now`.
import type { AppDeps } from "../deps.ts";

export type Job = {
  name: string;
  everyMs: number;
  /** Moves what is due at `now`; returns how many rows it moved. Safe to run in several processes at once. */
  run(deps: AppDeps, now: Date): Promise<number>;
};
