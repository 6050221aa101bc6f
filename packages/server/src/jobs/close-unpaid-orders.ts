// Closes orders still unpaid at their close_due_at and puts their stock back (a balance hold is returned).
// A second run finds nothing: a closed order is no longer pending_payment, and locked rows are skipped.
import { closeDueOrders } from "../modules/orders/service.ts";
import type { Job } from "./job.ts";

export const closeUnpaidOrders: Job = {
  name: "close-unpaid-orders",
  everyMs: 30_000,
  run: (deps, now) => closeDueOrders(deps, now),
};
