// Contests (冲刺活动): a period, a metric and prizes by rank. At the period's end the ranking is frozen:
// highest value first; a tie goes to whoever reached their value first (the moment of their last counted
// order), then to the lower user id, so every ranking is total and a rerun gives the same one.

import { type PrizeInKind, prizeInKindProblem } from "./prizes.ts";

export type ContestMetric = "sales" | "commission" | "invites";
/** Cash, a prize in kind (a coupon, a ¥0 order of a service SKU, or a physical item by its label), or both. */
export type ContestPrize = { rank: number; cashFen: number | null } & PrizeInKind;

export type ContestEntry = { userId: number; value: number; reachedAtMs: number };
export type RankedEntry = ContestEntry & { rank: number; prize: ContestPrize | null };

/**
 * The frozen ranking with the prize of each rank; entries with nothing to count are left out.
 * Example: weekly top 3 by sales, prizes ¥100/¥80/¥50 → ranks 1–3 get 10000/8000/5000 fen.
 */
export function rankContest(
  entries: readonly ContestEntry[],
  prizes: readonly ContestPrize[],
): RankedEntry[] {
  const byRank = new Map(prizes.map((p) => [p.rank, p]));
  return entries
    .filter((e) => e.value > 0)
    .sort((a, b) => b.value - a.value || a.reachedAtMs - b.reachedAtMs || a.userId - b.userId)
    .map((e, i) => ({ ...e, rank: i + 1, prize: byRank.get(i + 1) ?? null }));
}

export type ContestCheck =
  | { kind: "ok" }
  | { kind: "refuse"; reason: "CONTEST_OVERLAP"; contestId: number }
  | { kind: "refuse"; reason: "CONTEST_INVALID"; message: string };

/**
 * A contest needs start < end, ranks 1…n without gaps or repeats, each prize cash ≥ 0 or an item (a prize in
 * kind has its label and names a coupon template or a SKU, not both), and no
 * period overlapping another contest on the same metric. Example: two weekly sales contests on the same week
 * → CONTEST_OVERLAP.
 */
export function validateContest(
  contest: { metric: ContestMetric; startsAtMs: number; endsAtMs: number; prizes: readonly ContestPrize[] },
  others: readonly { id: number; metric: ContestMetric; startsAtMs: number; endsAtMs: number }[],
): ContestCheck {
  if (!(contest.startsAtMs < contest.endsAtMs))
    return { kind: "refuse", reason: "CONTEST_INVALID", message: "the period must end after it starts" };
  const ranks = contest.prizes.map((p) => p.rank).sort((a, b) => a - b);
  if (ranks.some((r, i) => r !== i + 1))
    return { kind: "refuse", reason: "CONTEST_INVALID", message: "prizes are for ranks 1, 2, 3… once each" };
  for (const p of contest.prizes)
    if (
      (p.cashFen === null && !p.item) ||
      (p.cashFen !== null && (!Number.isSafeInteger(p.cashFen) || p.cashFen < 0))
    )
      return {
        kind: "refuse",
        reason: "CONTEST_INVALID",
        message: `rank ${p.rank}: cash ≥ 0 fen or an item`,
      };
  for (const p of contest.prizes) {
    const problem = prizeInKindProblem(p);
    if (problem) return { kind: "refuse", reason: "CONTEST_INVALID", message: `rank ${p.rank}: ${problem}` };
  }
  const clash = others.find(
    (o) => o.metric === contest.metric && o.startsAtMs < contest.endsAtMs && contest.startsAtMs < o.endsAtMs,
  );
  return clash ? { kind: "refuse", reason: "CONTEST_OVERLAP", contestId: clash.id } : { kind: "ok" };
}
