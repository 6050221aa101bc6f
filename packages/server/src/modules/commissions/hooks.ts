// Wires distribution into an order's moves and into sign-up (called from the composition root and tests).
import type { AppDeps } from "../../deps.ts";
import { bindOnSignup } from "../binding/service.ts";
import { countPaidOrderInTeams, countRefundInTeams } from "../binding/team-stats.ts";
import { evaluateGradeOnEvent } from "../grades/service.ts";
import { createCommissions } from "./create.ts";
import { clawBackRefund, releaseBatch, setReleaseDates } from "./lifecycle.ts";
import { grantCompletionRewards } from "./rewards.ts";
import { snapshotOrder } from "./snapshot.ts";

export function registerDistributionHooks(deps: Pick<AppDeps, "orderHooks" | "onSignup">): void {
  deps.onSignup.push(bindOnSignup);
  deps.orderHooks.onPlaced.push(snapshotOrder);
  deps.orderHooks.onPaid.push(createCommissions, countPaidOrderInTeams);
  deps.orderHooks.onReceived.push(setReleaseDates);
  deps.orderHooks.onRefunded.push(clawBackRefund, countRefundInTeams);
  deps.orderHooks.onCompleted.push(async (tx, moment) => {
    // The complete sweep already waited for the after-sale window; what is due settles with the order.
    await releaseBatch(tx, moment.at, 1000, moment.orderId);
    await grantCompletionRewards(tx, moment);
    await evaluateGradeOnEvent(tx, moment.orderId, moment.at);
  });
}
