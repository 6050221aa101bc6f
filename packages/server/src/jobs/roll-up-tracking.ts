// Rolls the days whose raw tracking events changed into the daily tables the reports read, and keeps a
// partition of `tracking_events` ready for this month and the next two. A second run finds no dirty day
// and every partition present; rolling a day twice rebuilds the same rows.
import { ensureEventPartitions, rollUpDirtyDays } from "../modules/tracking/rollup.ts";
import { eventBufferOf } from "../modules/tracking/service.ts";
import type { Job } from "./job.ts";

export const rollUpTracking: Job = {
  name: "roll-up-tracking",
  // only days marked dirty are rolled, so a short period costs little and the dashboard lags ~15 s
  everyMs: 15_000,
  run: async (deps, now) => {
    await eventBufferOf(deps).flush();
    const partitions = await ensureEventPartitions(deps.db, now);
    return partitions + (await rollUpDirtyDays(deps.db));
  },
};
