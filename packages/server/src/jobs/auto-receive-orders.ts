// Confirms receipt of shipped orders at their auto_receive_due_at (commission release dates are set) and
// starts the after-sale window. A second run finds nothing: the order is no longer shipped.
import { receiveDueOrders } from "../modules/orders/service.ts";
import type { Job } from "./job.ts";

export const autoReceiveOrders: Job = {
  name: "auto-receive-orders",
  everyMs: 60_000,
  run: (deps, now) => receiveDueOrders(deps, now),
};
