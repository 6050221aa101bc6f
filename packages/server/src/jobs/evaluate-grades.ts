// Re-evaluates every active distributor's grade (upgrades; downgrades only when the merchant enables
// periodic re-evaluation). Runs every 6 hours; a second run changes nothing that the first did not.
import { evaluateAllGrades } from "../modules/grades/service.ts";
import type { Job } from "./job.ts";

export const evaluateGrades: Job = {
  name: "evaluate-grades",
  everyMs: 6 * 3_600_000,
  run: (deps, now) => evaluateAllGrades(deps, now),
};
