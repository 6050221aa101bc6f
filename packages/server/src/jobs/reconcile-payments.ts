// Due: trades still pending 5 minutes after the pay request (their notification may be lost) and refunds
// still pending after a minute; the sweep asks the provider and applies the answer. A second run, here or in
// another process, is harmless: it only queries, re-sends a refund under its SAME number, and applies through
// the exactly-once paths keyed by transaction id and out_refund_no.
import { reconcilePendingPayments, reconcilePendingRefunds } from "../modules/payments/reconcile.ts";
import type { Job } from "./job.ts";

export const reconcilePayments: Job = {
  name: "reconcile-payments",
  everyMs: 60_000,
  async run(deps, now) {
    return (await reconcilePendingPayments(deps, now)) + (await reconcilePendingRefunds(deps, now));
  },
};
