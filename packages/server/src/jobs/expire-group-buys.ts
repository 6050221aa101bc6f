// Group buys past their deadline: formed by virtual fill where the activity allows, else failed and every paid
// member refunded in full through the after-sale refund path. A second run finds nothing: a decided group is no
// longer open, a refunded member carries its after-sale, and locked rows are skipped.
import { expireDueGroups } from "../modules/group-buys/service.ts";
import type { Job } from "./job.ts";

export const expireGroupBuys: Job = {
  name: "expire-group-buys",
  everyMs: 30_000,
  run: (deps, now) => expireDueGroups(deps, now),
};
