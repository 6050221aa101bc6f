// Dividend member grades (分红等级) and who holds them: staff edit grades and set a member's grade; a shopper
// moves up automatically when their stats meet every condition of a higher grade (checked when they open
// their distribution centre; never down). Grade rates in a per-grade pool may not sum over 100% of turnover.
import { evaluateGrade, gradeProgress, validatePoolSettings } from "@liebian/domain";
import type { Db } from "../../db/client.ts";
import { isUniqueViolation } from "../../db/errors.ts";
import { inTransaction } from "../../db/transaction.ts";
import { AppError, notFound } from "../../errors/app-error.ts";
import type { StaffActor } from "../../http/types.ts";
import { recordAudit } from "../audit/service.ts";
import { gradeStatsOf } from "../grades/service.ts";
import { findDividendGrades, findMember, findMyLines, insertDividendGrade, setMemberGrade } from "./repo.ts";
import { getDividendSettings } from "./settings.ts";

export type DividendGradeInput = {
  rank: number;
  name: string;
  rateBps: number;
  tasks: Record<string, unknown>;
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
        tasks: input.tasks as never,
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

/** The shopper's dividend grade (moved up first when their stats now meet a higher one), progress and dividends. */
export async function getMyDividends(deps: { db: Db; now: () => Date }, userId: number) {
  const grades = await findDividendGrades(deps.db);
  const member = await findMember(deps.db, userId);
  const stats = await gradeStatsOf(deps.db, userId);
  const domainGrades = grades.map((g) => ({ id: String(g.id), rank: g.rank, name: g.name, tasks: g.tasks }));
  const evaluation = evaluateGrade(domainGrades, stats, member ? String(member.gradeId) : null, false);
  let gradeId = member?.gradeId ?? null;
  // a grade with no conditions is given by staff, never reached by default
  const reached = grades.find((g) => String(g.id) === evaluation.gradeId);
  if (evaluation.change === "up" && reached && Object.keys(reached.tasks).length > 0) {
    await setMemberGrade(deps.db, userId, reached.id, deps.now());
    gradeId = reached.id;
  }
  const grade = grades.find((g) => g.id === gradeId) ?? null;
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
