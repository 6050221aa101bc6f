import { describe, expect, test } from "vitest";
import { fen } from "../money.ts";
import {
  decideFirstOrderReward,
  decideInviteReward,
  type FirstOrderRewardFacts,
  type InviteRewardFacts,
  type RewardDecision,
  type RewardRule,
} from "./rewards.ts";

const rule: RewardRule = { enabled: true, amountFen: fen(1000), dailyCapFen: fen(5000), dailyCapCount: 10 };
const today = { count: 0, amountFen: fen(0) };
const text = (d: RewardDecision) =>
  d.kind === "reward" ? `reward ${d.amountFen}${d.capped ? " capped" : ""}` : d.reason;

describe("decideFirstOrderReward (首单奖励 ¥10)", () => {
  const facts = (more: Partial<FirstOrderRewardFacts> = {}): FirstOrderRewardFacts => ({
    rule,
    distributor: { isActiveDistributor: true, alreadyRewarded: false },
    completedPromotedOrders: 1,
    orderCompleted: true,
    today,
    ...more,
  });
  test.each([
    { label: "first completed order", f: facts(), expected: "reward 1000" },
    { label: "switched off", f: facts({ rule: { ...rule, enabled: false } }), expected: "REWARD_OFF" },
    {
      label: "not a distributor",
      f: facts({ distributor: { isActiveDistributor: false, alreadyRewarded: false } }),
      expected: "NOT_ACTIVE_DISTRIBUTOR",
    },
    {
      label: "already rewarded",
      f: facts({ distributor: { isActiveDistributor: true, alreadyRewarded: true } }),
      expected: "ALREADY_REWARDED",
    },
    {
      label: "order not completed yet",
      f: facts({ orderCompleted: false }),
      expected: "ORDER_NOT_COMPLETED",
    },
    { label: "second order", f: facts({ completedPromotedOrders: 2 }), expected: "NOT_FIRST_ORDER" },
    {
      label: "¥45 of ¥50 cap used → cut to ¥5",
      f: facts({ today: { count: 1, amountFen: fen(4500) } }),
      expected: "reward 500 capped",
    },
    {
      label: "cap used up",
      f: facts({ today: { count: 5, amountFen: fen(5000) } }),
      expected: "DAILY_CAP_REACHED",
    },
    {
      label: "count cap reached",
      f: facts({ today: { count: 10, amountFen: fen(0) } }),
      expected: "DAILY_CAP_REACHED",
    },
  ])("$label → $expected", ({ f, expected }) => {
    expect(text(decideFirstOrderReward(f))).toBe(expected);
  });
});

describe("decideInviteReward (邀请奖励: only after the invitee completes an order)", () => {
  const facts = (more: Partial<InviteRewardFacts> = {}): InviteRewardFacts => ({
    rule,
    inviter: { userId: "A", isActiveDistributor: true },
    invitee: { userId: "B", completedOrderCount: 1, alreadyRewardedForInvitee: false },
    today,
    ...more,
  });
  test.each([
    { label: "invitee completed an order", f: facts(), expected: "reward 1000" },
    {
      label: "invitee only signed up (拉人头)",
      f: facts({ invitee: { userId: "B", completedOrderCount: 0, alreadyRewardedForInvitee: false } }),
      expected: "INVITEE_NO_COMPLETED_ORDER",
    },
    {
      label: "inviting oneself",
      f: facts({ invitee: { userId: "A", completedOrderCount: 1, alreadyRewardedForInvitee: false } }),
      expected: "SELF_INVITE",
    },
    {
      label: "second order of the same invitee",
      f: facts({ invitee: { userId: "B", completedOrderCount: 2, alreadyRewardedForInvitee: true } }),
      expected: "ALREADY_REWARDED",
    },
    {
      label: "inviter no longer a distributor",
      f: facts({ inviter: { userId: "A", isActiveDistributor: false } }),
      expected: "NOT_ACTIVE_DISTRIBUTOR",
    },
    {
      label: "no cap",
      f: facts({
        rule: { ...rule, dailyCapFen: null, dailyCapCount: null },
        today: { count: 99, amountFen: fen(99000) },
      }),
      expected: "reward 1000",
    },
  ])("$label → $expected", ({ f, expected }) => {
    expect(text(decideInviteReward(f))).toBe(expected);
  });
});
