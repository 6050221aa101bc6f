// 团购挑战 use cases. While a challenge runs, checkout prices it by the participants so far (the engine's
// group_challenge kind). When it ends, settleEndedChallenges fixes its final tier once (participants = units
// kept in paid orders) and refunds each paid order the difference through the after-sale refund path: one
// after-sale of no units per order, recorded in group_challenge_refunds so a second run — or two at once, which
// queue on the activity's lock — refunds nobody twice. The tier is fixed at the first run after the end that finds
// no challenge order awaiting payment (the close timer bounds that wait), so everyone who joined in the window
// counts (an ended or stopped challenge prices no new order, so none can join later); a return after that does
// not raise the tier back: nobody is charged again.
import {
  computeChallengePayBps,
  computeChallengeUnitFen,
  fen,
  type GroupChallengeArgs,
  groupChallengeArgs,
  planChallengeRefunds,
} from "@liebian/domain";
import type { Executor } from "../../db/client.ts";
import { inTransaction } from "../../db/transaction.ts";
import type { AppDeps } from "../../deps.ts";
import { notFound } from "../../errors/app-error.ts";
import { openPriceDifferenceRefund, startSystemRefund } from "../aftersales/service.ts";
import { findActivity, findActivitySkus, lockActivity } from "./activities-repo.ts";
import {
  countChallengeParticipants,
  findChallengeResult,
  findEndedChallengeIds,
  findOrderChallenge,
  findUnrefundedChallengeLines,
  insertChallengeRefund,
  insertChallengeResult,
  listChallengeRefunds,
} from "./group-challenges-repo.ts";

type Deps = Pick<AppDeps, "db" | "now" | "refunds">;

/** Settles every ended challenge; returns how many difference refunds were opened. */
export async function settleEndedChallenges(deps: Deps, now: Date): Promise<number> {
  let opened = 0;
  for (const activityId of await findEndedChallengeIds(deps.db, now)) {
    const afterSales = await inTransaction(deps.db, async (tx) => {
      const activity = (await lockActivity(tx, activityId))!;
      const args = groupChallengeArgs.parse(activity.args);
      let result = await findChallengeResult(tx, activityId);
      if (result) result = { ...result, participants: Number(result.participants) };
      else {
        const participants = await countChallengeParticipants(tx, activityId);
        result = { participants, payBps: computeChallengePayBps(args, participants), settledAt: now };
        await insertChallengeResult(tx, { activityId, ...result });
      }
      const plan = planChallengeRefunds(
        args,
        result.participants,
        await findUnrefundedChallengeLines(tx, activityId),
      );
      const opened = [];
      for (const refund of plan.refunds) {
        const afterSale = await openPriceDifferenceRefund(tx, {
          orderId: refund.orderId,
          reason: `团购挑战差价退款（${activity.name}）`,
          at: now,
          items: refund.items,
        });
        await insertChallengeRefund(tx, {
          activityId,
          orderId: refund.orderId,
          afterSaleId: afterSale.id,
          refundFen: refund.refundFen,
          createdAt: now,
        });
        opened.push(afterSale);
      }
      return opened;
    });
    // after commit, as every refund starts: the provider is never called inside a transaction
    for (const afterSale of afterSales) await startSystemRefund(deps, afterSale);
    opened += afterSales.length;
  }
  return opened;
}

function tiersView(args: GroupChallengeArgs, participants: number) {
  const payBps = computeChallengePayBps(args, participants);
  const next = args.tiers.find((t) => t.participants > participants) ?? null;
  return {
    tiers: args.tiers,
    participants,
    payBps,
    next: next && {
      participants: next.participants,
      payBps: next.payBps,
      missing: next.participants - participants,
    },
  };
}

/** The shop's progress page: participants so far, the tier reached and the next, each SKU's price now. */
export async function getChallengeProgress(db: Executor, id: number, now: Date) {
  const activity = await findActivity(db, id);
  if (activity?.kind !== "group_challenge") throw notFound("Group challenge", { id });
  const args = groupChallengeArgs.parse(activity.args);
  const skus = await findActivitySkus(db, [id]);
  const result = await findChallengeResult(db, id);
  const participants = result?.participants ?? skus.reduce((s, k) => s + k.sold, 0);
  const view = tiersView(args, participants);
  const state: "ended" | "upcoming" | "running" =
    activity.status === "stopped" || activity.endsAt <= now
      ? "ended"
      : activity.startsAt > now
        ? "upcoming"
        : "running";
  return {
    id,
    name: activity.name,
    startsAt: activity.startsAt,
    endsAt: activity.endsAt,
    state,
    perPersonLimit: args.perPersonLimit,
    ...view,
    settled: result !== null,
    skus: skus.map((k) => ({
      skuId: k.skuId,
      productId: k.productId,
      productTitle: k.productTitle,
      specValues: k.specValues,
      listPriceFen: k.priceFen,
      priceFen: computeChallengeUnitFen(fen(k.priceFen), view.payBps) as number,
    })),
  };
}

/** The admin's results: the progress, and once settled each order's difference refund and where it stands. */
export async function getChallengeResults(db: Executor, id: number, now: Date) {
  const progress = await getChallengeProgress(db, id, now);
  const refunds = (await listChallengeRefunds(db, id)).map((r) => ({
    ...r,
    createdAt: new Date(r.createdAt),
  }));
  return { ...progress, refunds, refundedFen: refunds.reduce((s, r) => s + r.refundFen, 0) };
}

/**
 * The challenge on a shopper's order page: what the order joined, where the challenge stands and, once it is
 * settled, the difference refunded to this order and how far that refund got. 404 for orders of no challenge.
 */
export async function getOrderChallenge(db: Executor, userId: number, orderId: number, now: Date) {
  const found = await findOrderChallenge(db, userId, orderId);
  if (!found) throw notFound("Group challenge order", { orderId });
  const progress = await getChallengeProgress(db, found.activityId, now);
  const refund = found.refund && {
    afterSaleId: Number(found.refund.afterSaleId),
    refundFen: Number(found.refund.refundFen),
    status: found.refund.status,
    createdAt: new Date(found.refund.createdAt),
  };
  return {
    id: progress.id,
    name: progress.name,
    endsAt: progress.endsAt,
    state: progress.state,
    settled: progress.settled,
    participants: progress.participants,
    payBps: progress.payBps,
    refund,
  };
}
