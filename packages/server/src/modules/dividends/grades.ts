// Dividend member grades (分红等级) and who holds them: staff edit grades and set a member's grade; a shopper
// moves up automatically when their facts meet every condition of a higher grade (the daily sweep, and when
// they open their distribution centre; never down: grade-sweep.ts). Grade rates in a per-grade pool may not sum over 100% of turnover.
import { type GradeTasks, gradeProgress, validatePoolSettings } from "@liebian/domain";
import type { Db } from "../../db/client.ts";
import { isUniqueViolation } from "../../db/errors.ts";
import { inTransaction } from "../../db/transaction.ts";
import { AppError, notFound } from "../../errors/app-error.ts";
import type { StaffActor } from "../../http/types.ts";
import { recordAudit } from "../audit/service.ts";
import { upgradeOneDividendGrade } from "./grade-sweep.ts";
import { findDividendGrades, findMember, findMyLines, insertDividendGrade, setMemberGrade } from "./repo.ts";
import { getDividendSettings } from "./settings.ts";

export type DividendGradeInput = {
  rank: number;
  name: string;
  rateBps: number;
  tasks: GradeTasks;
};

export async function listDividendGrades(db: Db) {
  return findDividendGrades(db);
}

export async function createDividendGrade(
  deps: { db: Db; now: () => Date },
  actor: StaffActor,
  input: DividendGradeInput,
) {
  try {
    return await inTransaction(deps.db, async (tx) => {
      const [settings, grades] = await Promise.all([getDividendSettings(tx), findDividendGrades(tx)]);
      const check = validatePoolSettings({
        ...settings.pool,
        grades: [
          ...grades.map((g) => ({ gradeId: g.id, rateBps: g.rateBps })),
          { gradeId: 0, rateBps: input.rateBps },
        ],
      });
      if (check.kind === "refuse")
        throw check.reason === "SHARES_OVER_TURNOVER"
          ? new AppError("SHARES_OVER_TURNOVER", `Grade shares would sum to ${check.totalBps} bps`, {
              totalBps: check.totalBps,
            })
          : new AppError("VALIDATION_FAILED", "A grade's rate is 0 to 10,000 bps", { field: "rateBps" });
      const row = await insertDividendGrade(tx, {
        ...input,
        tasks: input.tasks,
        updatedAt: deps.now(),
      });
      if (!row)
        throw new AppError("GRADE_RANK_TAKEN", "Another dividend grade has this rank", { rank: input.rank });
      await recordAudit(tx, actor, {
        action: "dividend_grade.create",
        entity: "dividend_grade",
        entityId: row.id,
        after: input,
      });
      return {
        id: row.id,
        rank: row.rank,
        name: row.name,
        rateBps: row.rateBps,
        tasks: row.tasks,
        members: 0,
      };
    });
  } catch (error) {
    if (isUniqueViolation(error, "dividend_grades_rank_key"))
      throw new AppError("GRADE_RANK_TAKEN", "Another dividend grade has this rank");
    throw error;
  }
}

/** Staff set (or clear, with null) a shopper's dividend grade. */
export async function assignDividendGrade(
  deps: { db: Db; now: () => Date },
  actor: StaffActor,
  userId: number,
  gradeId: number | null,
) {
  return inTransaction(deps.db, async (tx) => {
    const grades = await findDividendGrades(tx);
    if (gradeId !== null && !grades.some((g) => g.id === gradeId))
      throw notFound("Dividend grade", { gradeId });
    const before = await findMember(tx, userId);
    await setMemberGrade(tx, userId, gradeId, deps.now());
    await recordAudit(tx, actor, {
      action: "dividend_member.grade",
      entity: "user",
      entityId: userId,
      before: before ? { gradeId: before.gradeId } : null,
      after: { gradeId },
    });
    return { ok: true as const };
  });
}

/**
 * The shopper's dividend grade (moved up first when their facts now meet a higher one — the daily sweep does
 * the same for everyone), progress towards the next grade and dividends by period.
 */
export async function getMyDividends(deps: { db: Db; now: () => Date }, userId: number) {
  const { stats } = await upgradeOneDividendGrade(deps.db, userId, deps.now());
  const grades = await findDividendGrades(deps.db);
  const member = await findMember(deps.db, userId);
  const grade = grades.find((g) => g.id === member?.gradeId) ?? null;
  const above = grades.filter((g) => g.rank > (grade?.rank ?? -1) && Object.keys(g.tasks).length > 0);
  const next = above[0] ?? null;
  return {
    grade: grade && { id: grade.id, name: grade.name, rateBps: grade.rateBps },
    next: next && {
      id: next.id,
      name: next.name,
      progress: gradeProgress(
        { id: String(next.id), rank: next.rank, name: next.name, tasks: next.tasks },
        stats,
      ),
    },
    periods: await findMyLines(deps.db, userId),
  };
}
