// Settles frozen commissions that are due and have no open after-sale (frozen → settled, one `release:<id>`
// ledger transaction per batch).
// A second run finds nothing: rows are taken FOR UPDATE SKIP LOCKED in batches and moved by compare-and-set
// in the transaction that posts them, so a settled row is never posted again.
import { releaseDueCommissions } from "../modules/commissions/lifecycle.ts";
import type { Job } from "./job.ts";

export const releaseCommissions: Job = {
  name: "release-commissions",
  everyMs: 60_000,
  run: (deps, now) => releaseDueCommissions(deps, now),
};
