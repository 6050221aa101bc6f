// Group challenges past their end: the final tier is fixed once and every paid participant is refunded the
// difference through the after-sale refund path. A second run (or two at once, queued on the activity's lock)
// refunds nobody twice: each order's refund is recorded under (challenge, order).
import { settleEndedChallenges } from "../modules/marketing/group-challenges.ts";
import type { Job } from "./job.ts";

export const settleGroupChallenges: Job = {
  name: "settle-group-challenges",
  everyMs: 60_000,
  run: (deps, now) => settleEndedChallenges(deps, now),
};
