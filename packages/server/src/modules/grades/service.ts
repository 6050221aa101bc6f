// Distributor grades: staff edit them (rates checked against the plan's cap), distributors move up on
// the events that can change their stats and by the nightly sweep (down only when the merchant allows).
import { evaluateGrade, type Grade, gradeProgress, levelBps, validateCommissionPlan } from "@liebian/domain";
import { sql } from "drizzle-orm";
import { type Db, type Executor, queryRows, type Tx } from "../../db/client.ts";
import { isUniqueViolation } from "../../db/errors.ts";
import { inTransaction } from "../../db/transaction.ts";
import { AppError, notFound } from "../../errors/app-error.ts";
import type { StaffActor } from "../../http/types.ts";
import { recordAudit } from "../audit/service.ts";
import { getDistributionSettings } from "../distribution/settings.ts";
import { insertHistory, lockDistributor, updateDistributorGrade } from "../distributors/repo.ts";
import {
  deleteGrade,
  findGradeStats,
  findGrades,
  findInviteeOrders,
  type GradeRow,
  insertGrade,
  updateGrade,
} from "./repo.ts";

export type GradeInput = {
  rank: number;
  name: string;
  tasks: Grade["tasks"];
  ratesBps: [number, number, number] | null;
};

function toDomain(row: GradeRow): Grade {
  return {
    id: String(row.id),
    rank: row.rank,
    name: row.name,
    tasks: row.tasks,
    ...(row.ratesBps ? { ratesBps: levelBps(row.ratesBps) } : {}),
  };
}

async function checkRates(db: Db | Tx, input: GradeInput) {
  if (!input.ratesBps) return;
  const settings = await getDistributionSettings(db);
  const check = validateCommissionPlan(settings.plan, {
    grades: [{ gradeId: input.name, ratesBps: levelBps(input.ratesBps) }],
  });
  if (check.kind === "refuse")
    throw new AppError(
      check.reason === "PLAN_INVALID" ? "VALIDATION_FAILED" : check.reason,
      check.issues[0]?.message ?? "invalid rates",
    );
}

export async function listGrades(db: Db) {
  return findGrades(db);
}

export async function saveGrade(
  deps: { db: Db; now: () => Date },
  actor: StaffActor,
  id: number | null,
  input: GradeInput,
) {
  return rankUnique(
    inTransaction(deps.db, async (tx) => {
      await checkRates(tx, input);
      const values = { ...input, updatedAt: deps.now() };
      const grades = await findGrades(tx);
      const before = id === null ? null : (grades.find((g) => g.id === id) ?? null);
      const taken = grades.some((g) => g.rank === input.rank && g.id !== id);
      if (taken) throw new AppError("GRADE_RANK_TAKEN", "Another grade has this rank", { rank: input.rank });
      const row = id === null ? await insertGrade(tx, values) : await updateGrade(tx, id, values);
      if (!row)
        throw id === null
          ? new AppError("GRADE_RANK_TAKEN", "Another grade has this rank")
          : notFound("Grade", { id });
      await recordAudit(tx, actor, {
        action: id === null ? "grade.create" : "grade.update",
        entity: "grade",
        entityId: row.id,
        before,
        after: row,
      });
      return row;
    }),
  );
}

/** Two saves racing for one rank: the unique index refuses the second; answer it as the code it is. */
async function rankUnique<T>(save: Promise<T>): Promise<T> {
  try {
    return await save;
  } catch (error) {
    if (isUniqueViolation(error, "distributor_grades_rank_key"))
      throw new AppError("GRADE_RANK_TAKEN", "Another grade has this rank");
    throw error;
  }
}

export async function removeGrade(deps: { db: Db }, actor: StaffActor, id: number) {
  return inTransaction(deps.db, async (tx) => {
    const before = await deleteGrade(tx, id);
    if (!before) throw notFound("Grade", { id });
    await recordAudit(tx, actor, { action: "grade.delete", entity: "grade", entityId: id, before });
  });
}

/** Re-evaluates one distributor; logs and applies a change. */
export async function evaluateDistributorGrade(tx: Tx, userId: number, reason: string, at: Date) {
  const row = await lockDistributor(tx, userId);
  if (row?.status !== "active") return null;
  const grades = await findGrades(tx);
  if (grades.length === 0) return null;
  const settings = await getDistributionSettings(tx);
  const stats = await findGradeStats(tx, userId);
  const result = evaluateGrade(
    grades.map(toDomain),
    stats,
    row.gradeId === null ? null : String(row.gradeId),
    settings.grades.allowDowngrade,
  );
  const to = result.gradeId === null ? null : Number(result.gradeId);
  if (to !== row.gradeId) {
    await updateDistributorGrade(tx, userId, to, at);
    await insertHistory(tx, {
      userId,
      action: "grade_changed",
      fromValue: row.gradeId === null ? null : String(row.gradeId),
      toValue: to === null ? null : String(to),
      reason,
      at,
    });
  }
  return { ...result, stats };
}

/** After an order completes: its buyer and its chain may have reached a grade. */
export async function evaluateGradeOnEvent(tx: Tx, orderId: number, at: Date) {
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`select buyer_user_id::text as id from order_distribution where order_id = ${orderId}
        union select jsonb_array_elements(chain)->>'userId' from order_distribution where order_id = ${orderId}`,
  );
  for (const { id } of rows.sort((a, b) => Number(a.id) - Number(b.id)))
    await evaluateDistributorGrade(tx, Number(id), "event", at);
}

/** The nightly sweep: every active distributor, in small transactions. */
export async function evaluateAllGrades(deps: { db: Db }, now: Date): Promise<number> {
  const ids = await queryRows<{ id: number }>(
    deps.db,
    sql`select user_id as id from distributors where status = 'active' order by user_id`,
  );
  let changed = 0;
  for (const { id } of ids) {
    const before = await inTransaction(deps.db, async (tx) => {
      const r = await lockDistributor(tx, id);
      const result = await evaluateDistributorGrade(tx, id, "sweep", now);
      return result !== null && String(r?.gradeId ?? null) !== String(result.gradeId);
    });
    if (before) changed++;
  }
  return changed;
}

/** The distributor's grade and progress towards the next. */
export async function getMyGrade(db: Db, userId: number, gradeId: number | null) {
  const grades = await findGrades(db);
  const stats = await findGradeStats(db, userId);
  const current = grades.find((g) => g.id === gradeId) ?? null;
  const next = grades.find((g) => g.rank > (current?.rank ?? Number.NEGATIVE_INFINITY)) ?? null;
  const countsInvites = next?.tasks && "invitesWhoBought" in (next.tasks as object);
  return {
    grade: current
      ? { id: current.id, name: current.name, rank: current.rank, ratesBps: current.ratesBps ?? null }
      : null,
    next: next
      ? {
          id: next.id,
          name: next.name,
          progress: gradeProgress(toDomain(next), stats),
          // what the grade brings: its own commission rates, or the shop's default ones when it has none
          ratesBps: next.ratesBps ?? null,
        }
      : null,
    // which friends' orders count toward "invited friends who bought" (completed ones only), and which not yet
    inviteeOrders: countsInvites ? await findInviteeOrders(db, userId) : [],
  };
}

/** The facts a grade's tasks count for one shopper, for other areas' grades (dividend grades). */
export async function gradeStatsOf(db: Executor, userId: number) {
  return findGradeStats(db, userId);
}
