// Dividend tables: the merchant's dividend settings, dividend member grades and who holds them, runs (one
// statement per kind and period: previewed, then approved and paid, or discarded) with their lines, and
// contests. The money itself moves in the ledger when finance approves a run; these rows are the statements.
import type { GradeTasks } from "@liebian/domain";
import { sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { users } from "./accounts.ts";
import { at, id, money, ref } from "./columns.ts";

/** One row (id 1): pools, caps, team dividend rules and bonus rules, as the admin saved them (zod-checked JSON). */
export const dividendSettings = pgTable(
  "dividend_settings",
  {
    id: smallint("id").primaryKey(),
    config: jsonb("config").notNull(),
    updatedAt: at("updated_at").notNull(),
  },
  (t) => [check("dividend_settings_single_row", sql`${t.id} = 1`)],
);

/** Dividend member grades (分红等级: gold 5%, silver 4%…) with the conditions that upgrade a member into them. */
export const dividendGrades = pgTable(
  "dividend_grades",
  {
    id: id(),
    rank: integer("rank").notNull(),
    name: text("name").notNull(),
    rateBps: integer("rate_bps").notNull(),
    /** Domain `GradeTasks`: settled commission, own and team order amounts, a product bought, direct distributors. */
    tasks: jsonb("tasks").$type<GradeTasks>().notNull(),
    updatedAt: at("updated_at").notNull(),
  },
  (t) => [
    // grades are ordered by rank; two grades never share one
    uniqueIndex("dividend_grades_rank_key").on(t.rank),
    check("dividend_grades_rate_check", sql`${t.rateBps} between 0 and 10000`),
  ],
);

/** Who is a dividend member and of which grade (upgraded automatically, or set by staff). */
export const dividendMembers = pgTable(
  "dividend_members",
  {
    userId: ref("user_id")
      .primaryKey()
      .references(() => users.id),
    gradeId: ref("grade_id")
      .notNull()
      .references(() => dividendGrades.id),
    since: at("since").notNull(),
  },
  (t) => [
    // a static run reads each grade's members
    index("dividend_members_grade_idx").on(t.gradeId, t.userId),
  ],
);

export const dividendRunKinds = ["static", "dynamic", "team", "contest", "bonus"] as const;
export type DividendRunKind = (typeof dividendRunKinds)[number];
export const dividendRunStatuses = ["preview", "approved", "discarded"] as const;

export const dividendRuns = pgTable(
  "dividend_runs",
  {
    id: id(),
    kind: text("kind", { enum: dividendRunKinds }).notNull(),
    /** The period's key ("2026-12-03", "2026-12", "contest-7"). */
    periodKey: text("period_key").notNull(),
    periodStart: at("period_start").notNull(),
    periodEnd: at("period_end").notNull(),
    status: text("status", { enum: dividendRunStatuses }).notNull(),
    turnoverFen: money("turnover_fen").notNull(),
    eligibleOrders: integer("eligible_orders").notNull(),
    poolFen: money("pool_fen").notNull(),
    paidFen: money("paid_fen").notNull(),
    heldBackFen: money("held_back_fen").notNull(),
    remainderFen: money("remainder_fen").notNull(),
    members: integer("members").notNull(),
    /** Per grade or level: rate, members, pool, paid; and the settings the run used. */
    statement: jsonb("statement").notNull(),
    createdAt: at("created_at").notNull(),
    createdBy: ref("created_by"),
    decidedAt: at("decided_at"),
    decidedBy: ref("decided_by"),
    /** The counted turnover the last clawback sweep saw (clawback on); a lower figure means new refunds. */
    clawbackTurnoverFen: money("clawback_turnover_fen"),
  },
  (t) => [
    // one live statement per kind and period: a second run of the period finds it instead of adding one
    uniqueIndex("dividend_runs_period_key").on(t.kind, t.periodKey).where(sql`${t.status} <> 'discarded'`),
    check("dividend_runs_status_check", sql`${t.status} in ('preview', 'approved', 'discarded')`),
    check(
      "dividend_runs_money_check",
      sql`${t.paidFen} >= 0 and ${t.heldBackFen} >= 0 and ${t.remainderFen} >= 0 and ${t.paidFen} + ${t.heldBackFen} + ${t.remainderFen} <= ${t.poolFen}`,
    ),
  ],
);

export const dividendRunLines = pgTable(
  "dividend_run_lines",
  {
    runId: ref("run_id").notNull(),
    userId: ref("user_id").notNull(),
    /** Grade id (static), producer level (dynamic), 0 (team), rank (contest). */
    groupId: integer("group_id").notNull(),
    /** What the line was measured on: team sales, contest value; 0 for pools. */
    basisFen: money("basis_fen").notNull(),
    rateBps: integer("rate_bps").notNull(),
    amountFen: money("amount_fen").notNull(),
    heldBackFen: money("held_back_fen").notNull(),
    /** A prize in kind: a free class or a coupon granted on approval, or a physical prize recorded for fulfilment. */
    item: text("item"),
    /** What approval granted for the prize in kind ("order:<id>", "coupon:<id>"); null for a physical prize. */
    grantRef: text("grant_ref"),
    /** When staff marked a physical prize handed over (发放登记). */
    fulfilledAt: at("fulfilled_at"),
    fulfilledBy: ref("fulfilled_by"),
  },
  (t) => [
    primaryKey({ columns: [t.runId, t.userId, t.groupId] }),
    // a member's dividends by period (shop) and the caps' received-so-far
    index("dividend_run_lines_user_idx").on(t.userId, t.runId),
    // prizes in kind are few among millions of pool lines: approval's grants and the fulfilment list read these
    index("dividend_run_lines_prize_idx").on(t.runId, t.groupId, t.userId).where(sql`${t.item} is not null`),
    check("dividend_run_lines_money_check", sql`${t.amountFen} >= 0 and ${t.heldBackFen} >= 0`),
  ],
);

/**
 * Clawback after refund (only when the merchant switched it on): per approved run and member, what they owe
 * back on today's refunded figures (only rises, never above what they were paid) and what sweeps took from
 * their available balance (never more than it held). due − taken is outstanding, shown on the run.
 */
export const dividendClawbacks = pgTable(
  "dividend_clawbacks",
  {
    runId: ref("run_id")
      .notNull()
      .references(() => dividendRuns.id),
    userId: ref("user_id").notNull(),
    dueFen: money("due_fen").notNull(),
    takenFen: money("taken_fen").notNull(),
    updatedAt: at("updated_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.runId, t.userId] }),
    check("dividend_clawbacks_money_check", sql`${t.takenFen} >= 0 and ${t.takenFen} <= ${t.dueFen}`),
  ],
);

export const contestMetrics = ["sales", "commission", "invites"] as const;

export const contests = pgTable(
  "contests",
  {
    id: id(),
    name: text("name").notNull(),
    metric: text("metric", { enum: contestMetrics }).notNull(),
    startsAt: at("starts_at").notNull(),
    endsAt: at("ends_at").notNull(),
    /** `{ rank, cashFen, item }[]`. */
    prizes: jsonb("prizes").notNull(),
    createdAt: at("created_at").notNull(),
  },
  (t) => [
    // overlap checks and the shop's current contests
    index("contests_metric_idx").on(t.metric, t.startsAt),
    check("contests_period_check", sql`${t.startsAt} < ${t.endsAt}`),
  ],
);
