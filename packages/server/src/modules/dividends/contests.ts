// Contests (冲刺活动): staff define a period, a metric and prizes by rank; no two contests on one metric may
// overlap. The live standing shows who leads; once the period has ended, freezing writes the final ranking
// (domain rankContest, completed orders only) as a contest run: cash prizes are paid when finance approves
// it (approve-run.ts), coupons and ¥0 orders granted then, physical prizes recorded for fulfilment (prizes.ts).
import { type ContestPrize, rankContest, validateContest } from "@liebian/domain";
import { desc, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { contests } from "../../db/schema/dividends.ts";
import { inTransaction } from "../../db/transaction.ts";
import { AppError, notFound } from "../../errors/app-error.ts";
import type { StaffActor } from "../../http/types.ts";
import { recordAudit } from "../audit/service.ts";
import { checkPrizeTargets, findMyContestPrize } from "./prizes.ts";
import { findLiveRun, insertLines, insertRunOnce, type RunRow, sumTurnover } from "./repo.ts";
import { findStandings, type Metric } from "./standings.ts";

export type ContestInput = {
  name: string;
  metric: Metric;
  startsAt: string;
  endsAt: string;
  prizes: ContestPrize[];
};
type ContestRow = typeof contests.$inferSelect;

const contestKey = (id: number) => `contest-${id}`;

export async function createContest(
  deps: { db: Db; now: () => Date },
  actor: StaffActor,
  input: ContestInput,
) {
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  await checkPrizeTargets(deps.db, input.prizes);
  return inTransaction(deps.db, async (tx) => {
    // one writer at a time decides overlaps: two overlapping contests saved at once cannot both pass
    await tx.execute(sqlLockContests);
    const others = await tx.select().from(contests).where(eq(contests.metric, input.metric));
    const check = validateContest(
      {
        metric: input.metric,
        startsAtMs: startsAt.getTime(),
        endsAtMs: endsAt.getTime(),
        prizes: input.prizes,
      },
      others.map((o) => ({
        id: o.id,
        metric: o.metric,
        startsAtMs: o.startsAt.getTime(),
        endsAtMs: o.endsAt.getTime(),
      })),
    );
    if (check.kind === "refuse")
      throw check.reason === "CONTEST_OVERLAP"
        ? new AppError("CONTEST_OVERLAP", "Another contest on this metric overlaps this period", {
            contestId: check.contestId,
          })
        : new AppError("CONTEST_INVALID", check.message);
    const [row] = await tx
      .insert(contests)
      .values({
        name: input.name,
        metric: input.metric,
        startsAt,
        endsAt,
        prizes: input.prizes,
        createdAt: deps.now(),
      })
      .returning();
    await recordAudit(tx, actor, {
      action: "contest.create",
      entity: "contest",
      entityId: row!.id,
      after: input,
    });
    return contestView(row!, null);
  });
}

const sqlLockContests = sql`select pg_advisory_xact_lock(hashtext('liebian:contests'))`;

export async function listContests(db: Db) {
  const rows = await db.select().from(contests).orderBy(desc(contests.startsAt)).limit(100);
  return Promise.all(
    rows.map(async (row) => contestView(row, await findLiveRun(db, "contest", contestKey(row.id)))),
  );
}

function contestView(row: ContestRow, run: RunRow | null) {
  return {
    id: row.id,
    name: row.name,
    metric: row.metric,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    prizes: row.prizes as ContestPrize[],
    runId: run?.id ?? null,
    runStatus: run?.status ?? null,
  };
}

async function loadContest(db: Db, id: number) {
  const [row] = await db.select().from(contests).where(eq(contests.id, id));
  if (!row) throw notFound("Contest", { id });
  return row;
}

/** Who leads now (live: every paid order counts) with the prize each place would take. */
export async function contestStanding(db: Db, id: number, userId?: number) {
  const row = await loadContest(db, id);
  const prizes = row.prizes as ContestPrize[];
  const { top } = await findStandings(db, {
    metric: row.metric,
    window: { start: row.startsAt, end: row.endsAt },
    completedOnly: false,
    limit: Math.max(10, prizes.length),
    ...(userId ? { userId } : {}),
  });
  const run = await findLiveRun(db, "contest", contestKey(id));
  return {
    contest: contestView(row, run),
    myPrize: userId ? await findMyContestPrize(db, run, userId) : null,
    standings: top.map((s) => ({
      rank: s.rank,
      userId: s.userId,
      nickname: s.nickname,
      value: s.value,
      prize: prizes.find((p) => p.rank === s.rank) ?? null,
    })),
  };
}

/** Freezes the ranking of an ended contest as a contest run (preview until finance approves); once per contest. */
export async function freezeContest(deps: { db: Db; now: () => Date }, actor: StaffActor, id: number) {
  const row = await loadContest(deps.db, id);
  if (row.endsAt.getTime() > deps.now().getTime())
    throw new AppError("PERIOD_NOT_ENDED", "The contest has not ended yet", {
      endsAt: row.endsAt.toISOString(),
    });
  const existing = await findLiveRun(deps.db, "contest", contestKey(id));
  if (existing) return existing;
  const prizes = row.prizes as ContestPrize[];
  const window = { start: row.startsAt, end: row.endsAt };
  const { top } = await findStandings(deps.db, {
    metric: row.metric,
    window,
    completedOnly: true,
    limit: prizes.length,
  });
  const ranked = rankContest(top, prizes).filter((r) => r.prize !== null);
  const paidFen = ranked.reduce((s, r) => s + (r.prize?.cashFen ?? 0), 0);
  const { turnoverFen, orders } = await sumTurnover(deps.db, window);
  return inTransaction(deps.db, async (tx) => {
    const run = await insertRunOnce(tx, {
      kind: "contest",
      periodKey: contestKey(id),
      periodStart: row.startsAt,
      periodEnd: row.endsAt,
      status: "preview",
      turnoverFen,
      eligibleOrders: orders,
      poolFen: paidFen,
      paidFen,
      heldBackFen: 0,
      remainderFen: 0,
      members: ranked.length,
      statement: {
        groups: [],
        contest: {
          id,
          name: row.name,
          metric: row.metric,
          // what approval grants for each rank, as it stood when the ranking was frozen
          prizes,
          tieRule: "earlier reached first, then lower user id",
        },
      },
      createdAt: deps.now(),
      createdBy: actor.staffId,
    });
    if (!run) return (await findLiveRun(tx, "contest", contestKey(id)))!;
    await insertLines(
      tx,
      run.id,
      ranked.map((r) => ({
        userId: r.userId,
        groupId: r.rank,
        basisFen: r.value,
        rateBps: 0,
        amountFen: r.prize?.cashFen ?? 0,
        heldBackFen: 0,
        item: r.prize?.item ?? null,
      })),
    );
    await recordAudit(tx, actor, {
      action: "contest.freeze",
      entity: "contest",
      entityId: id,
      after: { runId: run.id, winners: ranked.length },
    });
    return run;
  });
}
