// Folds into their available accounts the released commissions of earners who gathered many pending
// releases without withdrawing (modules/commissions/released.ts), so a balance read stays a short sum.
import { foldCrowdedReleases } from "../modules/commissions/released.ts";
import type { Job } from "./job.ts";

export const foldReleasedCommissions: Job = {
  name: "fold-released-commissions",
  everyMs: 3_600_000,
  run: (deps, now) => foldCrowdedReleases(deps, now),
};
