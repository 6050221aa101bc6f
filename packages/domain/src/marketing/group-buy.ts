// 拼团: the rules of a group buy — who may open or join a group, what each member pays, when a group forms,
// and what happens when its time runs out (virtual fill, or every paid member refunded).
import { z } from "zod";
import { buildGroupLeaderBonusPosting, type Posting } from "../ledger/postings.ts";
import { type Fen, fen } from "../money.ts";

/** What the merchant sets for one group-buy activity. */
export const groupBuyArgs = z.object({
  /** The group price of one unit per SKU (e.g. ¥199 → ¥149). */
  items: z.array(z.object({ skuId: z.string().min(1), groupPriceFen: z.int().min(0) })).min(1),
  /** Members a group needs to form, opener included. */
  groupSize: z.int().min(2).max(100),
  /** How long an opened group waits for members. */
  timeLimitMinutes: z
    .int()
    .min(5)
    .max(7 * 24 * 60),
  /** Taken off the opener's unit price (团长优惠); 0 for none. */
  leaderDiscountFen: z.int().min(0).default(0),
  /** Paid to the opener when the group forms (发起人奖励), if they are an active distributor; 0 for none. */
  leaderBonusFen: z.int().min(0).default(0),
  /** Groups one shopper may open or join in this activity; null: no limit. */
  perPersonLimit: z.int().min(1).nullable().default(null),
  /** At expiry, a group missing at most this many members forms anyway (virtual fill); 0: never. */
  virtualFillMaxMissing: z.int().min(0).default(0),
});
export type GroupBuyArgs = z.output<typeof groupBuyArgs>;

export type GroupRefusal =
  | "GROUP_BUY_NOT_RUNNING"
  | "GROUP_SKU_NOT_IN_ACTIVITY"
  | "GROUP_LIMIT_EXCEEDED"
  | "GROUP_NOT_OPEN"
  | "GROUP_EXPIRED"
  | "GROUP_FULL"
  | "GROUP_ALREADY_JOINED";

export type GroupDecision = { ok: true } | { ok: false; code: GroupRefusal };

/**
 * The unit price a member pays: the SKU's group price, less the leader discount for the opener (never below
 * zero); null when the SKU is not in the activity. Example: ¥149 group price, ¥10 leader discount → opener 13900.
 */
export function computeGroupUnitPrice(args: GroupBuyArgs, skuId: string, asLeader: boolean): Fen | null {
  const item = args.items.find((i) => i.skuId === skuId);
  if (!item) return null;
  return fen(Math.max(0, item.groupPriceFen - (asLeader ? args.leaderDiscountFen : 0)));
}

type Window = { startsAtMs: number; endsAtMs: number };

/**
 * Whether a shopper may open a group: the activity is running, the SKU is in it, and the shopper has not
 * reached the per-person limit of groups. Example: limit 1, already in one group → GROUP_LIMIT_EXCEEDED.
 */
export function decideOpenGroup(facts: {
  args: GroupBuyArgs;
  window: Window;
  nowMs: number;
  skuId: string;
  shopperGroups: number;
}): GroupDecision {
  const { args, window, nowMs } = facts;
  if (nowMs < window.startsAtMs || nowMs >= window.endsAtMs)
    return { ok: false, code: "GROUP_BUY_NOT_RUNNING" };
  if (!args.items.some((i) => i.skuId === facts.skuId))
    return { ok: false, code: "GROUP_SKU_NOT_IN_ACTIVITY" };
  if (args.perPersonLimit !== null && facts.shopperGroups >= args.perPersonLimit)
    return { ok: false, code: "GROUP_LIMIT_EXCEEDED" };
  return { ok: true };
}

export type GroupFacts = {
  status: "open" | "formed" | "failed";
  size: number;
  expiresAtMs: number;
  /** Members holding a place: their order is unpaid or paid, not ended or refunded. */
  memberUserIds: readonly string[];
};

/**
 * Whether a shopper may join a group by its link: it is still open and in time, has a free place, the
 * shopper is not in it already, and is under the per-person limit. Checked under the group's lock, so two
 * last joins at once cannot both take the last place.
 * Example: a 3-person group with 3 members → GROUP_FULL.
 */
export function decideJoinGroup(facts: {
  args: GroupBuyArgs;
  group: GroupFacts;
  nowMs: number;
  joinerUserId: string;
  skuId: string;
  shopperGroups: number;
}): GroupDecision {
  const { group, args } = facts;
  if (group.status !== "open") return { ok: false, code: "GROUP_NOT_OPEN" };
  if (facts.nowMs >= group.expiresAtMs) return { ok: false, code: "GROUP_EXPIRED" };
  if (group.memberUserIds.includes(facts.joinerUserId)) return { ok: false, code: "GROUP_ALREADY_JOINED" };
  if (group.memberUserIds.length >= group.size) return { ok: false, code: "GROUP_FULL" };
  if (!args.items.some((i) => i.skuId === facts.skuId))
    return { ok: false, code: "GROUP_SKU_NOT_IN_ACTIVITY" };
  if (args.perPersonLimit !== null && facts.shopperGroups >= args.perPersonLimit)
    return { ok: false, code: "GROUP_LIMIT_EXCEEDED" };
  return { ok: true };
}

/** True when a payment makes the group whole: every place is taken by a paid member. Example: 3 of 3 → true. */
export function decideGroupFormed(group: {
  status: GroupFacts["status"];
  size: number;
  paidMembers: number;
}) {
  return group.status === "open" && group.paidMembers >= group.size;
}

export type GroupExpiry =
  | { kind: "wait" }
  /** Formed by the system with `virtualMembers` placeholder members. */
  | { kind: "form"; virtualMembers: number }
  /** Failed: every paid member order is refunded in full; unpaid ones close. */
  | { kind: "fail"; refundOrderIds: number[] };

/**
 * What the expiry sweep does with an open group whose time is up: form it with virtual members when it misses
 * no more than the activity allows (and has a paid member), else fail it and refund every paid member.
 * Example: 3-person group, 2 paid, virtual fill up to 1 → form with 1 virtual member; fill 0 → fail, refund both.
 */
export function decideGroupExpiry(facts: {
  args: Pick<GroupBuyArgs, "virtualFillMaxMissing">;
  group: { status: GroupFacts["status"]; size: number; expiresAtMs: number };
  nowMs: number;
  paidOrderIds: readonly number[];
}): GroupExpiry {
  const { group } = facts;
  if (group.status !== "open" || facts.nowMs < group.expiresAtMs) return { kind: "wait" };
  const missing = group.size - facts.paidOrderIds.length;
  if (missing <= 0) return { kind: "form", virtualMembers: 0 };
  if (facts.paidOrderIds.length > 0 && missing <= facts.args.virtualFillMaxMissing)
    return { kind: "form", virtualMembers: missing };
  return { kind: "fail", refundOrderIds: [...facts.paidOrderIds].sort((a, b) => a - b) };
}

export type LeaderBonusPlan<At> =
  | { kind: "pay"; amountFen: Fen; posting: Posting<At> }
  | { kind: "none"; reason: "NO_BONUS" | "NOT_ACTIVE_DISTRIBUTOR" | "VIRTUAL_MEMBERS" };

/**
 * The opener's bonus when their group forms: the activity's amount, paid once per group (the ledger key names
 * the group), only to an active distributor and only for a group of real members.
 * Example: a five-person course group forms, ¥50 bonus → reward_expense +5000, commission_available:u:7 −5000.
 */
export function planGroupLeaderBonus<At>(facts: {
  groupId: number;
  activityId: number;
  leaderUserId: number;
  leaderIsActiveDistributor: boolean;
  bonusFen: number;
  virtualMembers: number;
  at: At;
}): LeaderBonusPlan<At> {
  if (facts.bonusFen <= 0) return { kind: "none", reason: "NO_BONUS" };
  if (facts.virtualMembers > 0) return { kind: "none", reason: "VIRTUAL_MEMBERS" };
  if (!facts.leaderIsActiveDistributor) return { kind: "none", reason: "NOT_ACTIVE_DISTRIBUTOR" };
  const amountFen = fen(facts.bonusFen);
  return { kind: "pay", amountFen, posting: buildGroupLeaderBonusPosting({ ...facts, amountFen }) };
}
