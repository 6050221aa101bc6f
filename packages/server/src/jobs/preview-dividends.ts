// At each period's end, prepares the dividend statements finance will review: the pool day that ended
// (static or dynamic, as the settings say) and, once a month has ended, the team dividend and bonus month. It only
// previews — paying waits for finance's approval. A second run finds the live run of the period and adds
// nothing (one live run per kind and period, by a unique index).
import { periodOf } from "@liebian/domain";
import { previewRun } from "../modules/dividends/preview-run.ts";
import { getDividendSettings } from "../modules/dividends/settings.ts";
import type { Job } from "./job.ts";

export const previewDividends: Job = {
  name: "preview-dividends",
  everyMs: 3_600_000,
  run: async (deps, now) => {
    const settings = await getDividendSettings(deps.db);
    const at = { db: deps.db, now: () => now };
    let created = 0;
    if (settings.pool.mode !== "off") {
      const yesterday = periodOf("day", periodOf("day", now.getTime()).startMs - 1);
      const run = await previewRun(at, { kind: settings.pool.mode, periodKey: yesterday.key, staffId: null });
      if (run.created) created++;
    }
    const lastMonth = periodOf("month", periodOf("month", now.getTime()).startMs - 1);
    for (const kind of ["team", "bonus"] as const) {
      const on = kind === "team" ? settings.team.enabled : settings.bonuses.length > 0;
      if (!on) continue;
      const run = await previewRun(at, { kind, periodKey: lastMonth.key, staffId: null });
      if (run.created) created++;
    }
    return created;
  },
};
