// Moves dividend members up to the grades whose conditions they now meet, once a day, set-based over every
// shopper (modules/dividends/grade-sweep.ts); never down. A second run moves nobody the first did not.
import { upgradeAllDividendGrades } from "../modules/dividends/grade-sweep.ts";
import type { Job } from "./job.ts";

export const upgradeDividendGrades: Job = {
  name: "upgrade-dividend-grades",
  everyMs: 24 * 3_600_000,
  run: (deps, now) => upgradeAllDividendGrades(deps, now),
};
