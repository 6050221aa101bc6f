// Dividend grades move up on their own (自动升级): a member reaches the highest grade whose conditions they all
// meet — settled commission ≥, own orders amount ≥, team orders amount ≥, bought a product, direct
// distributors ≥ — and never moves down by it. A grade with no conditions is given by staff only, never
// reached. The sweep reads every shopper's facts set-based and asks this planner who moves.
import { evaluateGrade, type GradeStats, type GradeTasks } from "../distribution/grades.ts";

export type DividendGradeRule = { id: number; rank: number; name: string; tasks: GradeTasks };
export type DividendGradeFacts = { userId: number; currentGradeId: number | null; stats: GradeStats };
export type DividendGradeMove = { userId: number; fromGradeId: number | null; toGradeId: number };

const hasConditions = (g: DividendGradeRule) =>
  Object.values(g.tasks).some((v) => v !== undefined && !(Array.isArray(v) && v.length === 0));

/** The grade `facts` reach (conditions met) when it ranks above their current one; null otherwise. */
export function reachedDividendGrade(
  grades: readonly DividendGradeRule[],
  facts: Omit<DividendGradeFacts, "userId">,
): DividendGradeRule | null {
  const reachable = grades.filter(hasConditions);
  const result = evaluateGrade(
    reachable.map((g) => ({ id: String(g.id), rank: g.rank, name: g.name, tasks: g.tasks })),
    facts.stats,
    null,
    true,
  );
  const reached = reachable.find((g) => String(g.id) === result.gradeId) ?? null;
  if (!reached) return null;
  const current = grades.find((g) => g.id === facts.currentGradeId);
  return current && current.rank >= reached.rank ? null : reached;
}

/**
 * Who moves up, in the order given. Example: silver (rank 1) needs 3 direct distributors, gold (rank 2) also
 * ¥10,000 of team orders; a bronze member with 3 direct distributors and ¥12,000 of team orders → gold; a
 * staff-given diamond (rank 3, no conditions) with the same facts stays diamond.
 */
export function planDividendGradeUpgrades(
  grades: readonly DividendGradeRule[],
  members: readonly DividendGradeFacts[],
): DividendGradeMove[] {
  const moves: DividendGradeMove[] = [];
  for (const m of members) {
    const reached = reachedDividendGrade(grades, m);
    if (reached) moves.push({ userId: m.userId, fromGradeId: m.currentGradeId, toGradeId: reached.id });
  }
  return moves;
}
