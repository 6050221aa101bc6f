// The global dividend pools (全球分红): each day a share of the shop's paid turnover (completed orders whose
// after-sale window has closed, net of refunds) is shared out. Static (静态分红): dividend member grades each
// split their share equally (per_grade), or one pool is split by grade weight (weighted: member of grade i
// gets rᵢ × pool / Σⱼ rⱼnⱼ). Dynamic (动态分红): each producer level (the level-1/2/3 upline of the day's
// orders) splits its share equally among that day's producers. Enabling dynamic turns static off.
import { BPS_WHOLE } from "../money.ts";
import { type CapOverflow, splitPool } from "./split-pool.ts";

export type PoolMode = "off" | "static" | "dynamic";
export type StaticAllocation = "per_grade" | "weighted";

export type PoolSettings = {
  mode: PoolMode;
  allocation: StaticAllocation;
  /** weighted: the single pool's share of turnover. */
  weightedPoolBps: number;
  /** Static grades' shares (per_grade: share of turnover; weighted: the weight rᵢ). */
  grades: { gradeId: number; rateBps: number }[];
  /** Dynamic: share of turnover per producer level (1–3). */
  levels: { level: 1 | 2 | 3; shareBps: number }[];
  capOverflow: CapOverflow;
};

export type PoolSettingsCheck =
  | { kind: "ok" }
  | { kind: "refuse"; reason: "SHARES_OVER_TURNOVER"; totalBps: number }
  | { kind: "refuse"; reason: "RATE_INVALID"; field: string };

/**
 * Shares may not sum to more than the turnover (100%); each is a whole number of bps in 0–10,000.
 * Example: gold 60% + silver 50% per grade → SHARES_OVER_TURNOVER (11,000 bps).
 */
export function validatePoolSettings(s: PoolSettings): PoolSettingsCheck {
  const rates = [
    ["weightedPoolBps", s.weightedPoolBps],
    ...s.grades.map((g) => [`grades.${g.gradeId}`, g.rateBps] as const),
    ...s.levels.map((l) => [`levels.${l.level}`, l.shareBps] as const),
  ] as const;
  for (const [field, value] of rates)
    if (!Number.isSafeInteger(value) || value < 0 || value > BPS_WHOLE)
      return { kind: "refuse", reason: "RATE_INVALID", field };
  const staticTotal =
    s.allocation === "weighted" ? s.weightedPoolBps : s.grades.reduce((t, g) => t + g.rateBps, 0);
  const dynamicTotal = s.levels.reduce((t, l) => t + l.shareBps, 0);
  const totalBps = s.mode === "dynamic" ? dynamicTotal : staticTotal;
  return totalBps > BPS_WHOLE ? { kind: "refuse", reason: "SHARES_OVER_TURNOVER", totalBps } : { kind: "ok" };
}

export type PoolGroupInput = {
  /** gradeId for static, level for dynamic. */
  groupId: number;
  rateBps: number;
  members: { userId: number; roomFen: number | null }[];
};

export type PoolLine = { userId: number; groupId: number; amountFen: number; heldBackFen: number };

export type PoolStatement = {
  turnoverFen: number;
  poolFen: number;
  groups: { groupId: number; rateBps: number; members: number; poolFen: number; paidFen: number }[];
  lines: PoolLine[];
  paidFen: number;
  heldBackFen: number;
  remainderFen: number;
};

/**
 * A static run: per_grade → each grade's pool = ⌊turnover × rᵢ⌋ split equally among its members; weighted →
 * one pool ⌊turnover × P⌋, each member weighted by their grade's rate. A grade with no members pays nothing:
 * its pool stays with the merchant (held back).
 * Example: turnover ¥1,000,000, gold 5% per grade, 200 gold members → pool ¥50,000, ¥250 each.
 */
export function computeStaticPool(p: {
  turnoverFen: number;
  allocation: StaticAllocation;
  weightedPoolBps: number;
  grades: PoolGroupInput[];
  capOverflow: CapOverflow;
}): PoolStatement {
  if (p.allocation === "per_grade") return splitPerGroup(p.turnoverFen, p.grades, p.capOverflow);
  const poolFen = shareOf(p.turnoverFen, p.weightedPoolBps);
  const members = p.grades.flatMap((g) =>
    g.members.map((m) => ({ ...m, weight: g.rateBps, groupId: g.groupId })),
  );
  const split = splitPool(poolFen, members, p.capOverflow);
  const lines = split.amounts.map((a, i) => ({ ...a, groupId: members[i]!.groupId }));
  return {
    turnoverFen: p.turnoverFen,
    poolFen,
    groups: p.grades.map((g) => ({
      groupId: g.groupId,
      rateBps: g.rateBps,
      members: g.members.length,
      poolFen: 0,
      paidFen: sumWhere(lines, g.groupId),
    })),
    lines,
    paidFen: split.paidFen,
    heldBackFen: split.heldBackFen,
    remainderFen: split.remainderFen,
  };
}

/**
 * A dynamic run: each producer level's share ⌊turnover × sₗ⌋ split equally among that day's producers of
 * that level. Example: 5% of ¥1,000,000 among 200 level-1 producers → ¥250 each.
 */
export function computeDynamicPool(p: {
  turnoverFen: number;
  levels: PoolGroupInput[];
  capOverflow: CapOverflow;
}): PoolStatement {
  return splitPerGroup(p.turnoverFen, p.levels, p.capOverflow);
}

function splitPerGroup(turnoverFen: number, groups: PoolGroupInput[], overflow: CapOverflow): PoolStatement {
  const statement: PoolStatement = {
    turnoverFen,
    poolFen: 0,
    groups: [],
    lines: [],
    paidFen: 0,
    heldBackFen: 0,
    remainderFen: 0,
  };
  for (const g of groups) {
    const poolFen = shareOf(turnoverFen, g.rateBps);
    const split = splitPool(
      poolFen,
      g.members.map((m) => ({ ...m, weight: 1 })),
      overflow,
    );
    statement.poolFen += poolFen;
    statement.paidFen += split.paidFen;
    statement.heldBackFen += split.heldBackFen;
    statement.remainderFen += split.remainderFen;
    statement.groups.push({
      groupId: g.groupId,
      rateBps: g.rateBps,
      members: g.members.length,
      poolFen,
      paidFen: split.paidFen,
    });
    for (const a of split.amounts) statement.lines.push({ ...a, groupId: g.groupId });
  }
  return statement;
}

function shareOf(amountFen: number, rateBps: number): number {
  return Number((BigInt(amountFen) * BigInt(rateBps)) / BigInt(BPS_WHOLE));
}

function sumWhere(lines: PoolLine[], groupId: number): number {
  let total = 0;
  for (const l of lines) if (l.groupId === groupId) total += l.amountFen;
  return total;
}
