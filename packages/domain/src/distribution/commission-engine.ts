// Who earns how much on a paid order: one line per (order item, level) along the frozen upline chain,
// plus the levels that earn nothing and why. Precedence: SKU/product override > earner's grade > plan.

import { applyBps, type Bps, type Fen, fen } from "../money.ts";
import type { CommissionActivityKind, CommissionPlan } from "./plan.ts";
import {
  type CommissionLevel,
  type CommissionOverride,
  type CommissionRuleAmount,
  fixedCommissionRule,
  type LevelValues,
  ratesCommissionRule,
  resolveCommissionOverride,
} from "./rules/index.ts";

/** A member of the upline chain (or the buyer) as frozen onto the order. */
export interface ChainMember {
  userId: string;
  isActiveDistributor: boolean;
  /** The rates of this distributor's grade, if the grade sets its own. */
  gradeRatesBps?: LevelValues<Bps>;
}

export interface CommissionItem {
  orderItemRef: string;
  /** What the buyer paid for the whole line after discounts, freight excluded. */
  paidFen: Fen;
  /** The line at list price (unit list price × quantity). */
  listFen: Fen;
  quantity: number;
  skuRule?: CommissionOverride;
  productRule?: CommissionOverride;
  /** The activity that priced this item (null: none); when absent, the order's `activityKind` stands. */
  activityKind?: CommissionActivityKind | null;
}

export interface CommissionInput {
  plan: CommissionPlan;
  items: readonly CommissionItem[];
  /** The buyer's ancestors, nearest first (up to 3; extra ones are ignored). */
  chain: readonly ChainMember[];
  buyer: ChainMember;
  activityKind?: CommissionActivityKind | null;
  /** The 团长 of the buyer's group, on group-buy orders. */
  groupLeader?: Omit<ChainMember, "gradeRatesBps"> | null;
}

/** Level 0 is the group-buy leader's bonus; 1–3 are upline levels. */
export type CommissionLineLevel = 0 | CommissionLevel;
export type CommissionLineRole = "upline" | "group_leader";
export type CommissionRateSource = "product" | "grade" | "plan" | "leader_bonus";

export interface CommissionLine {
  orderItemRef: string;
  level: CommissionLineLevel;
  role: CommissionLineRole;
  earnerUserId: string;
  baseFen: Fen;
  rateBps: Bps | null;
  fixedFenPerUnit: Fen | null;
  rateSource: CommissionRateSource;
  quantity: number;
  /** Before the cap cut. */
  uncappedFen: Fen;
  /** Always > 0; what the earner gets. */
  amountFen: Fen;
  reason: "FULL" | "CAPPED";
}

export type CommissionSkipReason =
  | "PLAN_DISABLED"
  | "ACTIVITY_NO_COMMISSION"
  | "COMMISSION_OFF"
  | "NO_UPLINE"
  | "NOT_ACTIVE_DISTRIBUTOR"
  | "ZERO_AMOUNT"
  | "CAPPED_TO_ZERO"
  | "LEADER_IS_BUYER";

export interface SkippedLevel {
  orderItemRef: string;
  level: CommissionLineLevel;
  role: CommissionLineRole;
  earnerUserId: string | null;
  reason: CommissionSkipReason;
}

export interface CommissionItemTotals {
  orderItemRef: string;
  paidFen: Fen;
  capFen: Fen;
  commissionFen: Fen;
  /** paid − commission: what stays with the merchant. */
  merchantFen: Fen;
}

export interface CommissionResult {
  lines: CommissionLine[];
  skipped: SkippedLevel[];
  items: CommissionItemTotals[];
  commissionFen: Fen;
}

/**
 * The earners by level: with self-purchase on, a distributor buyer is level 1 and the chain shifts up;
 * the result is truncated to the plan's levels. Inactive members keep their place (no compression).
 * Example: levels 2, self-purchase, buyer B (distributor) with chain [A, R] → [B, A].
 */
export function buildEarnerChain(plan: CommissionPlan, buyer: ChainMember, chain: readonly ChainMember[]) {
  const ids = new Set<string>([buyer.userId]);
  for (const member of chain) {
    if (ids.has(member.userId)) throw new Error(`user ${member.userId} appears twice in the upline chain`);
    ids.add(member.userId);
  }
  const selfFirst = plan.selfPurchase && buyer.isActiveDistributor;
  return (selfFirst ? [buyer, ...chain] : [...chain]).slice(0, plan.levels);
}

/**
 * Commission lines of an order. Each line is floored to the fen; levels fill the item's cap
 * ⌊paid × cap⌋ in order and a level is cut to what remains. Example: ¥100 at 10%/5%, C buys through
 * B whose upline is A → B earns 1000 fen (level 1), A earns 500 fen (level 2).
 */
export function computeCommissions(input: CommissionInput): CommissionResult {
  const { plan, items } = input;
  const earners = buildEarnerChain(plan, input.buyer, input.chain);
  const refs = new Set<string>();
  const result: CommissionResult = { lines: [], skipped: [], items: [], commissionFen: fen(0) };
  for (const item of items) {
    assertItem(item);
    if (refs.has(item.orderItemRef)) throw new Error(`order item ${item.orderItemRef} appears twice`);
    refs.add(item.orderItemRef);
    const capFen = applyBps(item.paidFen, plan.capBps);
    const lines = computeItem(input, earners, item, capFen, result.skipped);
    const commissionFen = fen(lines.reduce((a, l) => a + l.amountFen, 0));
    result.lines.push(...lines);
    const merchantFen = fen(item.paidFen - commissionFen);
    result.items.push({
      orderItemRef: item.orderItemRef,
      paidFen: item.paidFen,
      capFen,
      commissionFen,
      merchantFen,
    });
    result.commissionFen = fen(result.commissionFen + commissionFen);
  }
  return result;
}

function computeItem(
  input: CommissionInput,
  earners: readonly ChainMember[],
  item: CommissionItem,
  capFen: Fen,
  skipped: SkippedLevel[],
): CommissionLine[] {
  const { plan } = input;
  const activityKind = item.activityKind !== undefined ? item.activityKind : input.activityKind;
  const override = resolveCommissionOverride(item.skuRule, item.productRule);
  const blanket: CommissionSkipReason | null = !plan.enabled
    ? "PLAN_DISABLED"
    : override.kind === "off"
      ? "COMMISSION_OFF"
      : activityKind && !plan.activityCommission[activityKind]
        ? "ACTIVITY_NO_COMMISSION"
        : null;
  const baseFen = plan.base === "paid" ? item.paidFen : item.listFen;
  const lines: CommissionLine[] = [];
  let remaining = capFen as number;
  const skip = (
    level: CommissionLineLevel,
    role: CommissionLineRole,
    earnerUserId: string | null,
    reason: CommissionSkipReason,
  ) => skipped.push({ orderItemRef: item.orderItemRef, level, role, earnerUserId, reason });
  const take = (
    level: CommissionLineLevel,
    role: CommissionLineRole,
    earner: string,
    source: CommissionRateSource,
    priced: CommissionRuleAmount,
  ) => {
    if (priced.amountFen === 0) return skip(level, role, earner, "ZERO_AMOUNT");
    const amountFen = fen(Math.min(priced.amountFen, remaining));
    if (amountFen === 0) return skip(level, role, earner, "CAPPED_TO_ZERO");
    remaining -= amountFen;
    const reason = amountFen < priced.amountFen ? "CAPPED" : "FULL";
    const { rateBps, fixedFenPerUnit } = priced;
    const base = source === "leader_bonus" ? item.paidFen : baseFen;
    lines.push({
      orderItemRef: item.orderItemRef,
      level,
      role,
      earnerUserId: earner,
      baseFen: base,
      rateBps,
      fixedFenPerUnit,
      rateSource: source,
      quantity: item.quantity,
      uncappedFen: priced.amountFen,
      amountFen,
      reason,
    });
  };

  for (let level = 1 as CommissionLevel; level <= plan.levels; level = (level + 1) as CommissionLevel) {
    const earner = earners[level - 1];
    if (blanket) skip(level, "upline", earner?.userId ?? null, blanket);
    else if (!earner) skip(level, "upline", null, "NO_UPLINE");
    else if (!earner.isActiveDistributor) skip(level, "upline", earner.userId, "NOT_ACTIVE_DISTRIBUTOR");
    else {
      const facts = { level, baseFen, quantity: item.quantity };
      if (override.kind === "rates")
        take(level, "upline", earner.userId, "product", ratesCommissionRule.apply(override, facts));
      else if (override.kind === "fixed")
        take(level, "upline", earner.userId, "product", fixedCommissionRule.apply(override, facts));
      else if (earner.gradeRatesBps)
        take(
          level,
          "upline",
          earner.userId,
          "grade",
          ratesCommissionRule.apply({ ratesBps: earner.gradeRatesBps }, facts),
        );
      else
        take(
          level,
          "upline",
          earner.userId,
          "plan",
          ratesCommissionRule.apply({ ratesBps: plan.ratesBps }, facts),
        );
    }
  }

  const leader = input.groupLeader;
  if (activityKind === "group_buy" && leader && plan.groupBuyLeaderBonusBps > 0) {
    const leaderBlanket = !plan.enabled ? "PLAN_DISABLED" : override.kind === "off" ? "COMMISSION_OFF" : null;
    if (leaderBlanket) skip(0, "group_leader", leader.userId, leaderBlanket);
    else if (leader.userId === input.buyer.userId) skip(0, "group_leader", leader.userId, "LEADER_IS_BUYER");
    else if (!leader.isActiveDistributor) skip(0, "group_leader", leader.userId, "NOT_ACTIVE_DISTRIBUTOR");
    else {
      const rateBps = plan.groupBuyLeaderBonusBps;
      const priced = { amountFen: applyBps(item.paidFen, rateBps), rateBps, fixedFenPerUnit: null };
      take(0, "group_leader", leader.userId, "leader_bonus", priced);
    }
  }
  return lines;
}

function assertItem(item: CommissionItem): void {
  if (!Number.isSafeInteger(item.quantity) || item.quantity < 1) {
    throw new RangeError(`order item ${item.orderItemRef}: quantity must be a positive integer`);
  }
  for (const amount of [item.paidFen, item.listFen]) {
    if (!Number.isSafeInteger(amount) || amount < 0) {
      throw new RangeError(`order item ${item.orderItemRef}: amounts must be non-negative integer fen`);
    }
  }
}
