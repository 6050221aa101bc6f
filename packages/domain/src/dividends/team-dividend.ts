// Team dividends (团队分红): a leader's team is their downline to a set depth (at most 3, the legal line of
// 团队计酬); team sales in the period (completed, unrefunded orders) reaching a tier's threshold earn its rate.
// Flat: each qualifying leader earns rate × team sales. Differential (级差): on each sale a leader earns their
// rate minus the highest rate already paid on that sale by qualifying leaders below them, so no sale is paid
// twice at the same rate. Amounts are floored per leader; the remainder stays with the merchant.
import { BPS_WHOLE } from "../money.ts";

export const TEAM_DEPTH_MAX = 3;

export type TeamTier = { thresholdFen: number; rateBps: number };
export type TeamDividendMode = "flat" | "differential";

export type TeamDividendRules = {
  enabled: boolean;
  mode: TeamDividendMode;
  /** Levels below the leader counted as their team: 1–3. */
  depth: number;
  tiers: TeamTier[];
};

/** Shipped switched off (团队计酬 needs the merchant's counsel), 3 levels deep, no tiers. */
export const defaultTeamDividendRules: TeamDividendRules = {
  enabled: false,
  mode: "differential",
  depth: 3,
  tiers: [],
};

export type TeamRulesCheck =
  | { kind: "ok" }
  | { kind: "refuse"; reason: "TEAM_DEPTH_OUT_OF_RANGE" | "TIERS_INVALID" | "SHARES_OVER_TURNOVER" };

/** Depth 1–3; thresholds ≥ 0 and rates 0–10,000 bps, both rising with the tier. Example: depth 4 → refused. */
export function validateTeamDividendRules(r: TeamDividendRules): TeamRulesCheck {
  if (!Number.isInteger(r.depth) || r.depth < 1 || r.depth > TEAM_DEPTH_MAX)
    return { kind: "refuse", reason: "TEAM_DEPTH_OUT_OF_RANGE" };
  for (const [i, t] of r.tiers.entries()) {
    const prev = r.tiers[i - 1];
    if (!Number.isSafeInteger(t.thresholdFen) || t.thresholdFen < 0 || !Number.isSafeInteger(t.rateBps))
      return { kind: "refuse", reason: "TIERS_INVALID" };
    if (t.rateBps < 0) return { kind: "refuse", reason: "TIERS_INVALID" };
    if (t.rateBps > BPS_WHOLE) return { kind: "refuse", reason: "SHARES_OVER_TURNOVER" };
    if (prev && (t.thresholdFen <= prev.thresholdFen || t.rateBps <= prev.rateBps))
      return { kind: "refuse", reason: "TIERS_INVALID" };
  }
  return { kind: "ok" };
}

/** The rate of the highest tier `teamSalesFen` reaches; 0 below every tier. */
export function teamTierRate(tiers: readonly TeamTier[], teamSalesFen: number): number {
  let rate = 0;
  for (const t of tiers)
    if (teamSalesFen >= t.thresholdFen && t.thresholdFen >= 0) rate = Math.max(rate, t.rateBps);
  return rate;
}

export type TeamMember = {
  userId: number;
  /** Current upline, or null at a root. */
  uplineUserId: number | null;
  /** Own completed, unrefunded paid sales (as buyer) in the period. */
  salesFen: number;
  /** May lead a team (an active distributor); false only counts their sales. Default true. */
  leads?: boolean;
};

export type TeamDividendLine = {
  userId: number;
  teamSalesFen: number;
  rateBps: number;
  amountFen: number;
};

export type TeamDividendStatement = {
  lines: TeamDividendLine[];
  paidFen: number;
  /** Σ exact amounts − Σ floored amounts, in fen (rounded down): what flooring left with the merchant. */
  remainderFen: number;
};

/**
 * Computes the period's team dividends over the whole tree (one pass per sale up at most `depth` uplines).
 * Example (differential, tiers ¥10,000→3%, ¥50,000→5%): leader L with sub-leader S (3%); a ¥1,000 sale under
 * S pays S ¥30 and L ¥20 (5% − 3%), never L 5% on top of S's 3%.
 */
export function computeTeamDividends(
  rules: TeamDividendRules,
  members: readonly TeamMember[],
): TeamDividendStatement {
  const none: TeamDividendStatement = { lines: [], paidFen: 0, remainderFen: 0 };
  if (!rules.enabled || validateTeamDividendRules(rules).kind !== "ok") return none;
  const index = new Map<number, number>();
  for (const [i, m] of members.entries()) index.set(m.userId, i);
  const upline = members.map((m) => (m.uplineUserId === null ? -1 : (index.get(m.uplineUserId) ?? -1)));

  const team = new Float64Array(members.length);
  members.forEach((m, i) => {
    if (m.salesFen <= 0) return;
    let at = upline[i]!;
    for (let d = 0; d < rules.depth && at >= 0; d++, at = upline[at]!) team[at]! += m.salesFen;
  });
  const rate = Array.from(team, (sales, i) =>
    members[i]!.leads === false ? 0 : teamTierRate(rules.tiers, sales),
  );

  // earned × 10,000 per leader, exact (BigInt only where the sum could pass 2^53)
  const earned = new Map<number, bigint>();
  const credit = (leader: number, sale: number, bpsPaid: number) =>
    earned.set(leader, (earned.get(leader) ?? 0n) + BigInt(sale) * BigInt(bpsPaid));
  members.forEach((m, i) => {
    if (m.salesFen <= 0) return;
    let paidRate = 0;
    let at = upline[i]!;
    for (let d = 0; d < rules.depth && at >= 0; d++, at = upline[at]!) {
      const r = rate[at]!;
      if (r === 0) continue;
      if (rules.mode === "flat") credit(at, m.salesFen, r);
      else if (r > paidRate) {
        credit(at, m.salesFen, r - paidRate);
        paidRate = r;
      }
    }
  });

  const lines: TeamDividendLine[] = [];
  let exact = 0n;
  let paid = 0;
  for (const [at, value] of earned) {
    const amountFen = Number(value / BigInt(BPS_WHOLE));
    exact += value;
    paid += amountFen;
    if (amountFen > 0)
      lines.push({ userId: members[at]!.userId, teamSalesFen: team[at]!, rateBps: rate[at]!, amountFen });
  }
  lines.sort((a, b) => a.userId - b.userId);
  return { lines, paidFen: paid, remainderFen: Number(exact / BigInt(BPS_WHOLE)) - paid };
}

/**
 * The rates one sale pays up its chain (nearest leader first) in differential mode: each leader the part of
 * their rate above what is already paid. Example: [3%, 5%, 5%] → [300, 200, 0]; the sum is the top rate.
 */
export function differentialIncrements(chainRatesBps: readonly number[]): number[] {
  let paid = 0;
  return chainRatesBps.map((r) => {
    const add = Math.max(0, r - paid);
    paid = Math.max(paid, r);
    return add;
  });
}
