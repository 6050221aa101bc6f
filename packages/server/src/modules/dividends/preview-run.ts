// A run's preview: for an ended period, the statement of who gets what — the counted orders (completed:
// their after-sale window has closed; net of refunds), the pool, each grade's or level's share, each member's
// amount, what caps held back and what flooring left — computed by the domain from set-based reads and
// written as one run row with its lines. One live run per kind and period: a second run of the period
// answers the existing one and changes nothing. Nothing is paid until finance approves (approve-run.ts).
import {
  computeCapRoom,
  computeDynamicPool,
  computeStaticPool,
  computeTeamDividends,
  computeVolumeBonus,
  decideRunPeriod,
  type Period,
  type PoolStatement,
  periodOf,
  type TeamMember,
} from "@liebian/domain";
import type { Db } from "../../db/client.ts";
import { inTransaction } from "../../db/transaction.ts";
import { AppError } from "../../errors/app-error.ts";
import {
  findDividendGrades,
  findLiveRun,
  findMembersPage,
  findProducers,
  findReceivedInWindows,
  findRoots,
  findSalesOf,
  findTreePage,
  findVolumeFacts,
  insertLines,
  insertRunOnce,
  type NewLine,
  PAGE_ROWS,
  type RunRow,
  sumTurnover,
  type Window,
} from "./repo.ts";
import type { DividendSettings } from "./schemas.ts";
import { getDividendSettings } from "./settings.ts";

export type RunKind = "static" | "dynamic" | "team" | "bonus";

type Statement = {
  turnoverFen: number;
  eligibleOrders: number;
  poolFen: number;
  paidFen: number;
  heldBackFen: number;
  remainderFen: number;
  groups: PoolStatement["groups"];
  lines: NewLine[];
};

/** Previews the run of `kind` for the period `periodKey`; an existing live run of that period is answered as is. */
export async function previewRun(
  deps: { db: Db; now: () => Date },
  input: { kind: RunKind; periodKey: string; staffId: number | null },
): Promise<{ run: RunRow; created: boolean }> {
  const decided = decideRunPeriod(
    input.kind === "team" || input.kind === "bonus" ? "month" : "day",
    input.periodKey,
    deps.now().getTime(),
  );
  if (decided.kind === "refuse")
    throw new AppError(
      decided.reason,
      decided.reason === "PERIOD_NOT_ENDED"
        ? "That period has not ended yet"
        : "Not a period of this run's kind",
      { periodKey: input.periodKey },
    );
  const existing = await findLiveRun(deps.db, input.kind, input.periodKey);
  if (existing) return { run: existing, created: false };
  const settings = await getDividendSettings(deps.db);
  refuseWhenOff(input.kind, settings);

  const period = decided.period;
  const window = { start: new Date(period.startMs), end: new Date(period.endMs) };
  const statement =
    input.kind === "team"
      ? await teamStatement(deps.db, settings, window)
      : input.kind === "bonus"
        ? await bonusStatement(deps.db, settings, window)
        : await poolStatement(deps.db, input.kind, settings, period, window);

  return inTransaction(deps.db, async (tx) => {
    const run = await insertRunOnce(tx, {
      kind: input.kind,
      periodKey: input.periodKey,
      periodStart: window.start,
      periodEnd: window.end,
      status: "preview",
      turnoverFen: statement.turnoverFen,
      eligibleOrders: statement.eligibleOrders,
      poolFen: statement.poolFen,
      paidFen: statement.paidFen,
      heldBackFen: statement.heldBackFen,
      remainderFen: statement.remainderFen,
      members: statement.lines.length,
      statement: {
        groups: statement.groups,
        settings: settingsUsed(input.kind, settings),
      },
      createdAt: deps.now(),
      createdBy: input.staffId,
    });
    // another preview of the period committed first: answer that one
    if (!run) return { run: (await findLiveRun(tx, input.kind, input.periodKey))!, created: false };
    await insertLines(tx, run.id, statement.lines);
    return { run, created: true };
  });
}

function settingsUsed(kind: RunKind, settings: DividendSettings) {
  if (kind === "team") return settings.team;
  if (kind === "bonus") return { bonuses: settings.bonuses };
  return { pool: settings.pool, caps: settings.caps };
}

function refuseWhenOff(kind: RunKind, settings: DividendSettings) {
  const on =
    kind === "team"
      ? settings.team.enabled
      : kind === "bonus"
        ? settings.bonuses.length > 0
        : settings.pool.mode === kind;
  if (!on)
    throw new AppError("DIVIDENDS_OFF", `${kind} dividends are not switched on in the settings`, { kind });
}

async function poolStatement(
  db: Db,
  kind: "static" | "dynamic",
  settings: DividendSettings,
  period: Period,
  w: Window,
): Promise<Statement> {
  const { turnoverFen, orders } = await sumTurnover(db, w);
  const rooms = await capRooms(db, settings, period);
  const room = (userId: number) => (rooms ? rooms(userId) : null);
  let pool: PoolStatement;
  if (kind === "static") {
    const grades = await findDividendGrades(db);
    const byGrade = new Map(grades.map((g) => [g.id, [] as { userId: number; roomFen: number | null }[]]));
    for (let after = 0; ; ) {
      const page = await findMembersPage(db, after);
      for (const m of page) byGrade.get(m.gradeId)?.push({ userId: m.userId, roomFen: room(m.userId) });
      if (page.length < PAGE_ROWS) break;
      after = page[page.length - 1]!.userId;
    }
    pool = computeStaticPool({
      turnoverFen,
      allocation: settings.pool.allocation,
      weightedPoolBps: settings.pool.weightedPoolBps,
      grades: grades.map((g) => ({ groupId: g.id, rateBps: g.rateBps, members: byGrade.get(g.id)! })),
      capOverflow: settings.pool.capOverflow,
    });
  } else {
    const producers = await findProducers(db, w);
    pool = computeDynamicPool({
      turnoverFen,
      levels: settings.pool.levels.map((l) => ({
        groupId: l.level,
        rateBps: l.shareBps,
        members: producers
          .filter((p) => p.level === l.level)
          .map((p) => ({ userId: p.userId, roomFen: room(p.userId) })),
      })),
      capOverflow: settings.pool.capOverflow,
    });
  }
  const rate = new Map(pool.groups.map((g) => [g.groupId, g.rateBps]));
  return {
    turnoverFen,
    eligibleOrders: orders,
    poolFen: pool.poolFen,
    paidFen: pool.paidFen,
    heldBackFen: pool.heldBackFen,
    remainderFen: pool.remainderFen,
    groups: pool.groups,
    lines: pool.lines.map((l) => ({ ...l, basisFen: 0, rateBps: rate.get(l.groupId) ?? 0, item: null })),
  };
}

/** Each member's room under the caps, or null when no cap is set (nothing to read then). */
async function capRooms(db: Db, settings: DividendSettings, period: Period) {
  const caps = settings.caps;
  if ([caps.dayFen, caps.monthFen, caps.quarterFen, caps.yearFen].every((c) => c === null)) return null;
  const starts = {
    day: new Date(period.startMs),
    month: new Date(periodOf("month", period.startMs).startMs),
    quarter: new Date(periodOf("quarter", period.startMs).startMs),
    year: new Date(periodOf("year", period.startMs).startMs),
  };
  const received = await findReceivedInWindows(db, starts, new Date(period.endMs));
  const none = { dayFen: 0, monthFen: 0, quarterFen: 0, yearFen: 0 };
  return (userId: number) => computeCapRoom(caps, received.get(userId) ?? none);
}

export async function teamStatement(db: Db, settings: DividendSettings, w: Window): Promise<Statement> {
  const { turnoverFen, orders } = await sumTurnover(db, w);
  const members: TeamMember[] = [];
  for (let after = 0; ; ) {
    const page = await findTreePage(db, w, after);
    members.push(...page);
    if (page.length < PAGE_ROWS) break;
    after = page[page.length - 1]!.userId;
  }
  const roots = await findRoots(db);
  const rootSales = await findSalesOf(
    db,
    w,
    roots.map((r) => r.userId),
  );
  for (const r of roots)
    members.push({
      userId: r.userId,
      uplineUserId: null,
      salesFen: rootSales.get(r.userId) ?? 0,
      leads: r.leads,
    });
  const s = computeTeamDividends(settings.team, members);
  return {
    turnoverFen,
    eligibleOrders: orders,
    poolFen: s.paidFen + s.remainderFen,
    paidFen: s.paidFen,
    heldBackFen: 0,
    remainderFen: s.remainderFen,
    groups: [],
    lines: s.lines.map((l) => ({
      userId: l.userId,
      groupId: 0,
      basisFen: l.teamSalesFen,
      rateBps: l.rateBps,
      amountFen: l.amountFen,
      heldBackFen: 0,
      item: null,
    })),
  };
}

/**
 * A bonus month: each rule (group = its position, from 1) over each distributor's promoted volume in orders
 * completed in the month. Cash bonuses are lines with an amount; a prize in kind is a line with its label,
 * granted as a ¥0 order when finance approves the run.
 */
export async function bonusStatement(db: Db, settings: DividendSettings, w: Window): Promise<Statement> {
  const { turnoverFen, orders } = await sumTurnover(db, w);
  const lines: NewLine[] = [];
  const groups: PoolStatement["groups"] = [];
  for (const [index, rule] of settings.bonuses.entries()) {
    const facts = await findVolumeFacts(db, w, rule.productIds);
    let paidFen = 0;
    let members = 0;
    for (const f of facts) {
      const bonus = computeVolumeBonus(rule, f);
      if (bonus.kind === "none") continue;
      members++;
      const basisFen =
        rule.kind === "units_tier" ? f.units : rule.kind === "in_kind" ? f.referredBuyers : f.amountFen;
      const amountFen = bonus.kind === "cash" ? bonus.amountFen : 0;
      paidFen += amountFen;
      const item = bonus.kind === "in_kind" ? bonus.prizeLabel : null;
      lines.push({
        userId: f.userId,
        groupId: index + 1,
        basisFen,
        rateBps: 0,
        amountFen,
        heldBackFen: 0,
        item,
      });
    }
    groups.push({ groupId: index + 1, rateBps: 0, members, poolFen: paidFen, paidFen });
  }
  const paidFen = lines.reduce((s, l) => s + l.amountFen, 0);
  return {
    turnoverFen,
    eligibleOrders: orders,
    poolFen: paidFen,
    paidFen,
    heldBackFen: 0,
    remainderFen: 0,
    groups,
    lines,
  };
}
