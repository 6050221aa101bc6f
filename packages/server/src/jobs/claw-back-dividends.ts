// When the merchant switched clawback after refund on, takes back the dividends whose counted turnover was
// refunded after their run was paid (modules/dividends/claw-back.ts), and retries what a short balance left
// outstanding. Each run is its own transaction; a second sweep on the same figures takes nothing.
import { clawBackRun, findRunsToClawBack } from "../modules/dividends/claw-back.ts";
import { getDividendSettings } from "../modules/dividends/settings.ts";
import type { Job } from "./job.ts";

export const clawBackDividends: Job = {
  name: "claw-back-dividends",
  everyMs: 6 * 3_600_000,
  run: async (deps, now) => {
    if (!(await getDividendSettings(deps.db)).clawbackAfterRefund) return 0;
    const at = { db: deps.db, now: () => now };
    let taken = 0;
    for (const runId of await findRunsToClawBack(deps.db)) {
      const summary = await clawBackRun(at, runId);
      if (summary.takenNowFen > 0) taken++;
    }
    return taken;
  },
};
