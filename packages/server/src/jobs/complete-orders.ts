// Completes received orders whose after-sale window has passed and that have no open after-sale (its due
// commissions are released, rewards and grades follow). A second run finds nothing: the order is completed.
import { completeDueOrders } from "../modules/orders/service.ts";
import type { Job } from "./job.ts";

export const completeOrders: Job = {
  name: "complete-orders",
  everyMs: 60_000,
  run: (deps, now) => completeDueOrders(deps, now),
};
