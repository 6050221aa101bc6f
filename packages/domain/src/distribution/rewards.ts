// One-off rewards: the first-order reward (首单奖励, a new distributor's first promoted order) and the
// invite reward (邀请奖励). Nothing is paid for recruiting alone: the invitee must have completed an order.

import { type Fen, fen } from "../money.ts";

export interface RewardRule {
  enabled: boolean;
  amountFen: Fen;
  /** Per earner per business day; null = no cap. A reward is cut to what is left of the cap. */
  dailyCapFen: Fen | null;
  dailyCapCount: number | null;
}

export interface RewardToday {
  count: number;
  amountFen: Fen;
}

export type RewardDecision =
  | { kind: "reward"; amountFen: Fen; capped: boolean }
  | {
      kind: "none";
      reason:
        | "REWARD_OFF"
        | "NOT_ACTIVE_DISTRIBUTOR"
        | "ALREADY_REWARDED"
        | "NOT_FIRST_ORDER"
        | "ORDER_NOT_COMPLETED"
        | "SELF_INVITE"
        | "INVITEE_NO_COMPLETED_ORDER"
        | "DAILY_CAP_REACHED";
    };

export interface FirstOrderRewardFacts {
  rule: RewardRule;
  distributor: { isActiveDistributor: boolean; alreadyRewarded: boolean };
  /** Completed (received and past after-sale) orders this distributor promoted, this one included. */
  completedPromotedOrders: number;
  orderCompleted: boolean;
  today: RewardToday;
}

/**
 * A new distributor's first promoted order, once completed, earns the first-order reward.
 * Example: ¥10 reward, first completed order → { kind: "reward", amountFen: 1000 }.
 */
export function decideFirstOrderReward(facts: FirstOrderRewardFacts): RewardDecision {
  const { rule, distributor } = facts;
  if (!rule.enabled || rule.amountFen <= 0) return { kind: "none", reason: "REWARD_OFF" };
  if (!distributor.isActiveDistributor) return { kind: "none", reason: "NOT_ACTIVE_DISTRIBUTOR" };
  if (distributor.alreadyRewarded) return { kind: "none", reason: "ALREADY_REWARDED" };
  if (!facts.orderCompleted) return { kind: "none", reason: "ORDER_NOT_COMPLETED" };
  if (facts.completedPromotedOrders !== 1) return { kind: "none", reason: "NOT_FIRST_ORDER" };
  return withinDailyCap(rule, facts.today);
}

export interface InviteRewardFacts {
  rule: RewardRule;
  inviter: { userId: string; isActiveDistributor: boolean };
  invitee: { userId: string; completedOrderCount: number; alreadyRewardedForInvitee: boolean };
  today: RewardToday;
}

/**
 * The inviter earns the invite reward once per invitee, and only after the invitee completed an order.
 * Example: invitee signed up but never bought → { kind: "none", reason: "INVITEE_NO_COMPLETED_ORDER" }.
 */
export function decideInviteReward(facts: InviteRewardFacts): RewardDecision {
  const { rule, inviter, invitee } = facts;
  if (!rule.enabled || rule.amountFen <= 0) return { kind: "none", reason: "REWARD_OFF" };
  if (inviter.userId === invitee.userId) return { kind: "none", reason: "SELF_INVITE" };
  if (!inviter.isActiveDistributor) return { kind: "none", reason: "NOT_ACTIVE_DISTRIBUTOR" };
  if (invitee.alreadyRewardedForInvitee) return { kind: "none", reason: "ALREADY_REWARDED" };
  if (invitee.completedOrderCount < 1) return { kind: "none", reason: "INVITEE_NO_COMPLETED_ORDER" };
  return withinDailyCap(rule, facts.today);
}

function withinDailyCap(rule: RewardRule, today: RewardToday): RewardDecision {
  if (rule.dailyCapCount !== null && today.count >= rule.dailyCapCount) {
    return { kind: "none", reason: "DAILY_CAP_REACHED" };
  }
  const left = rule.dailyCapFen === null ? rule.amountFen : Math.max(0, rule.dailyCapFen - today.amountFen);
  const amountFen = fen(Math.min(rule.amountFen, left));
  if (amountFen === 0) return { kind: "none", reason: "DAILY_CAP_REACHED" };
  return { kind: "reward", amountFen, capped: amountFen < rule.amountFen };
}
