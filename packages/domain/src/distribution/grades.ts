// Distributor grades (分销等级): which grade a distributor's stats reach (all tasks of a grade
// required), whether a lower result may downgrade, and the progress towards the next grade.

import type { Bps } from "../money.ts";
import type { LevelValues } from "./rules/index.ts";

/** Targets; an absent task is not required. Amounts in fen, refunded orders excluded by the caller. */
export interface GradeTasks {
  /** Direct invitees who completed at least one order (never invitees alone: no 拉人头). */
  invitesWhoBought?: number;
  ownSpendFen?: number;
  ownOrderCount?: number;
  downlineSpendFen?: number;
  downlineOrderCount?: number;
  settledCommissionFen?: number;
  /** Direct invitees who are active distributors themselves (dividend grades' 直推分销商数). */
  directDistributors?: number;
  /** Paid orders of the downline within 3 levels, net of refunds (dividend grades' 团队订单金额). */
  teamSpendFen?: number;
  /** Bought at least one of these products. */
  boughtProductIds?: readonly string[];
}

export interface Grade {
  id: string;
  /** Higher rank = higher grade; unique. */
  rank: number;
  name: string;
  tasks: GradeTasks;
  ratesBps?: LevelValues<Bps>;
}

export interface GradeStats {
  invitesWhoBought: number;
  ownSpendFen: number;
  ownOrderCount: number;
  downlineSpendFen: number;
  downlineOrderCount: number;
  settledCommissionFen: number;
  /** Counted only where a grade asks for it (dividend grades); absent = 0. */
  directDistributors?: number;
  teamSpendFen?: number;
  boughtProductIds: readonly string[];
}

export type GradeTaskName = keyof GradeTasks;

export interface TaskProgress {
  task: GradeTaskName;
  current: number;
  target: number;
  met: boolean;
}

export interface GradeEvaluation {
  /** null = below every grade. */
  gradeId: string | null;
  change: "up" | "down" | "same";
  /** The next grade above the result, or null at the top. */
  next: { gradeId: string; progress: TaskProgress[] } | null;
}

const NUMERIC_TASKS = [
  "invitesWhoBought",
  "ownSpendFen",
  "ownOrderCount",
  "downlineSpendFen",
  "downlineOrderCount",
  "settledCommissionFen",
  "directDistributors",
  "teamSpendFen",
] as const;

/** Each required task of a grade with the distributor's current value. */
export function gradeProgress(grade: Grade, stats: GradeStats): TaskProgress[] {
  const progress: TaskProgress[] = [];
  for (const task of NUMERIC_TASKS) {
    const target = grade.tasks[task];
    if (target === undefined) continue;
    const current = stats[task] ?? 0;
    progress.push({ task, current, target, met: current >= target });
  }
  const products = grade.tasks.boughtProductIds;
  if (products && products.length > 0) {
    const current = products.some((id) => stats.boughtProductIds.includes(id)) ? 1 : 0;
    progress.push({ task: "boughtProductIds", current, target: 1, met: current === 1 });
  }
  return progress;
}

/**
 * The highest grade whose tasks are all met; without allowDowngrade a distributor never drops below
 * their current grade. Example: Silver needs 3 invites who bought, Gold 10 + ¥1000 downline spend;
 * 5 invites → Silver, next Gold with progress invites 5/10.
 */
export function evaluateGrade(
  grades: readonly Grade[],
  stats: GradeStats,
  currentGradeId: string | null,
  allowDowngrade: boolean,
): GradeEvaluation {
  const sorted = [...grades].sort((a, b) => a.rank - b.rank);
  sorted.forEach((g, i) => {
    const prev = sorted[i - 1];
    if (prev && prev.rank === g.rank) throw new Error(`grades ${prev.id} and ${g.id} share rank ${g.rank}`);
  });
  let reachedIndex = -1;
  sorted.forEach((g, i) => {
    if (gradeProgress(g, stats).every((p) => p.met)) reachedIndex = i;
  });
  // An unknown current grade (deleted by staff) counts as none.
  const currentIndex = sorted.findIndex((g) => g.id === currentGradeId);
  const resultIndex = allowDowngrade ? reachedIndex : Math.max(reachedIndex, currentIndex);
  const change = resultIndex > currentIndex ? "up" : resultIndex < currentIndex ? "down" : "same";
  const nextGrade = sorted[resultIndex + 1];
  return {
    gradeId: sorted[resultIndex]?.id ?? null,
    change,
    next: nextGrade ? { gradeId: nextGrade.id, progress: gradeProgress(nextGrade, stats) } : null,
  };
}
