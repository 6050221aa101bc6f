// Settles frozen commissions that are due and have no open after-sale (frozen → settled, `settle:<id>`).
// A second run finds nothing: rows are taken FOR UPDATE SKIP LOCKED in batches and moved by compare-and-set,
// and each ledger key is posted once.
import { releaseDueCommissions } from "../modules/commissions/lifecycle.ts";
import type { Job } from "./job.ts";

export const releaseCommissions: Job = {
  name: "release-commissions",
  everyMs: 60_000,
  run: (deps, now) => releaseDueCommissions(deps, now),
};
