// Asks the payout rail about withdrawals still `paying` (an earlier answer was "processing" or unknown)
// and records the result; it only queries, never sends again, so a second run is harmless.
import { findPayingIds, findWithdrawal } from "../modules/withdrawals/repo.ts";
import { sandboxPayouts } from "../modules/withdrawals/sandbox-payout.ts";
import { recordPayoutResult } from "../modules/withdrawals/service.ts";
import type { Job } from "./job.ts";

export const pollPayouts: Job = {
  name: "poll-payouts",
  everyMs: 60_000,
  async run(deps) {
    const payouts = deps.payouts ?? sandboxPayouts;
    let moved = 0;
    for (const id of await findPayingIds(deps.db, 100)) {
      const row = await findWithdrawal(deps.db, id);
      if (!row) continue;
      const result = await payouts.query(row.outBillNo, row.method).catch(() => null);
      if (
        result &&
        result.status !== "processing" &&
        (await recordPayoutResult(deps, id, result)).status !== "paying"
      )
        moved++;
    }
    return moved;
  },
};
