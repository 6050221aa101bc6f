// Dividend queries: set-based reads of a period's counted orders (completed — the after-sale window has
// closed — net of refunds), the members, producers and team tree a run splits over (read in key-ordered
// pages, never a query per member), the caps' received-so-far, and the run rows and lines.
import { and, asc, desc, eq, lt, ne, sql } from "drizzle-orm";
import { type Executor, queryRows } from "../../db/client.ts";
import {
  dividendGrades,
  dividendMembers,
  type dividendRunLines,
  dividendRuns,
  dividendSettings,
} from "../../db/schema/dividends.ts";

export type RunRow = typeof dividendRuns.$inferSelect;
export type LineRow = typeof dividendRunLines.$inferSelect;
export type Window = { start: Date; end: Date };

/** Rows read per page when a run walks members or the tree: big enough to amortise, small enough for memory. */
export const PAGE_ROWS = 100_000;

/** The goods part of an order's payment less what was refunded of it (freight is not turnover). */
const NET_GOODS = sql`(o.payable_fen - o.freight_fen - (o.refunded_fen - o.freight_refunded_fen))`;

export async function findSettingsRow(db: Executor) {
  const [row] = await db.select().from(dividendSettings).where(eq(dividendSettings.id, 1));
  return row ?? null;
}

export async function upsertSettingsRow(db: Executor, config: unknown, at: Date) {
  await db
    .insert(dividendSettings)
    .values({ id: 1, config, updatedAt: at })
    .onConflictDoUpdate({ target: dividendSettings.id, set: { config, updatedAt: at } });
}

/** The period's turnover: completed orders whose completion (the end of their after-sale window) falls in it. */
export async function sumTurnover(db: Executor, w: Window) {
  const [row] = await queryRows<{ fen: string | number; orders: number }>(
    db,
    sql`select coalesce(sum(${NET_GOODS}), 0)::bigint as fen, count(*)::int as orders
        from orders o where o.status = 'completed' and o.completed_at >= ${w.start} and o.completed_at < ${w.end}`,
  );
  return { turnoverFen: Number(row!.fen), orders: row!.orders };
}

/** Commission paid on the period's counted orders (for the payout rate beside the 30% line). */
export async function sumCommissionOn(db: Executor, w: Window) {
  const [row] = await queryRows<{ fen: string | number }>(
    db,
    sql`select coalesce(sum(c.amount_fen - c.clawed_back_fen), 0)::bigint as fen
        from commissions c join orders o on o.id = c.order_id
        where o.status = 'completed' and o.completed_at >= ${w.start} and o.completed_at < ${w.end}
          and c.status <> 'cancelled'`,
  );
  return Number(row!.fen);
}

/** Dividends approved for periods inside the window (all kinds), less what clawback took back of them. */
export async function sumDividendsIn(db: Executor, w: Window) {
  const [row] = await queryRows<{ fen: string | number }>(
    db,
    sql`select (coalesce(sum(r.paid_fen), 0)
                - coalesce((select sum(c.taken_fen) from dividend_clawbacks c
                            join dividend_runs cr on cr.id = c.run_id
                            where cr.status = 'approved' and cr.period_start >= ${w.start}
                              and cr.period_end <= ${w.end}), 0))::bigint as fen
        from dividend_runs r
        where r.status = 'approved' and r.period_start >= ${w.start} and r.period_end <= ${w.end}`,
  );
  return Number(row!.fen);
}

/** One page of dividend members (user id order), with their grade. */
export async function findMembersPage(db: Executor, afterUserId: number) {
  const rows = await queryRows<{ userId: string | number; gradeId: string | number }>(
    db,
    sql`select user_id as "userId", grade_id as "gradeId" from dividend_members
        where user_id > ${afterUserId} order by user_id limit ${PAGE_ROWS}`,
  );
  return rows.map((r) => ({ userId: Number(r.userId), gradeId: Number(r.gradeId) }));
}

/** The day's producers: who was the level 1/2/3 upline of a counted order (distinct per level). */
export async function findProducers(db: Executor, w: Window) {
  const rows = await queryRows<{ userId: string | number; level: number }>(
    db,
    sql`select distinct c.earner_user_id as "userId", c.level from commissions c
        join orders o on o.id = c.order_id
        where o.status = 'completed' and o.completed_at >= ${w.start} and o.completed_at < ${w.end}
          and c.level between 1 and 3 and c.status <> 'cancelled'
        order by 2, 1`,
  );
  return rows.map((r) => ({ userId: Number(r.userId), level: r.level }));
}

/** What each member received from approved pool runs since `yearStart`, per cap window (only members with any). */
export async function findReceivedInWindows(
  db: Executor,
  starts: { day: Date; month: Date; quarter: Date; year: Date },
  before: Date,
) {
  const rows = await queryRows<{
    userId: string | number;
    d: string | number;
    m: string | number;
    q: string | number;
    y: string | number;
  }>(
    db,
    sql`select l.user_id as "userId",
               coalesce(sum(l.amount_fen) filter (where r.period_start >= ${starts.day}), 0)::bigint as d,
               coalesce(sum(l.amount_fen) filter (where r.period_start >= ${starts.month}), 0)::bigint as m,
               coalesce(sum(l.amount_fen) filter (where r.period_start >= ${starts.quarter}), 0)::bigint as q,
               sum(l.amount_fen)::bigint as y
        from dividend_runs r join dividend_run_lines l on l.run_id = r.id
        where r.status = 'approved' and r.kind in ('static', 'dynamic')
          and r.period_start >= ${starts.year} and r.period_start < ${before}
        group by l.user_id`,
  );
  return new Map(
    rows.map((r) => [
      Number(r.userId),
      { dayFen: Number(r.d), monthFen: Number(r.m), quarterFen: Number(r.q), yearFen: Number(r.y) },
    ]),
  );
}

/**
 * One page of the team tree for a month: every bound shopper (user id order) with their upline, their own
 * counted sales in the window, and whether they may lead (an active distributor).
 */
export async function findTreePage(db: Executor, w: Window, afterUserId: number) {
  const rows = await queryRows<{
    userId: string | number;
    uplineUserId: string | number | null;
    salesFen: string | number;
    leads: boolean;
  }>(
    db,
    sql`with page as (
          select b.user_id, b.upline_user_id from referral_bindings b
          where b.user_id > ${afterUserId} order by b.user_id limit ${PAGE_ROWS})
        select p.user_id as "userId", p.upline_user_id as "uplineUserId",
               coalesce((select sum(${NET_GOODS}) from orders o
                         where o.buyer_user_id = p.user_id and o.status = 'completed'
                           and o.completed_at >= ${w.start} and o.completed_at < ${w.end}), 0)::bigint as "salesFen",
               exists (select 1 from distributors d where d.user_id = p.user_id and d.status = 'active') as leads
        from page p order by p.user_id`,
  );
  return rows.map((r) => ({
    userId: Number(r.userId),
    uplineUserId: r.uplineUserId === null ? null : Number(r.uplineUserId),
    salesFen: Number(r.salesFen),
    leads: r.leads,
  }));
}

/** Uplines at the top of the tree (bound to nobody) and whether they may lead. */
export async function findRoots(db: Executor) {
  const rows = await queryRows<{ userId: string | number; leads: boolean }>(
    db,
    sql`select distinct b.upline_user_id as "userId",
               exists (select 1 from distributors d where d.user_id = b.upline_user_id and d.status = 'active') as leads
        from referral_bindings b
        where not exists (select 1 from referral_bindings up where up.user_id = b.upline_user_id)`,
  );
  return rows.map((r) => ({ userId: Number(r.userId), leads: r.leads }));
}

/** A root's own counted sales in the window (roots are few: their uplines are nobody). */
export async function findSalesOf(db: Executor, w: Window, userIds: number[]) {
  if (userIds.length === 0) return new Map<number, number>();
  const rows = await queryRows<{ userId: string | number; fen: string | number }>(
    db,
    sql`select o.buyer_user_id as "userId", sum(${NET_GOODS})::bigint as fen from orders o
        where o.buyer_user_id in (select (jsonb_array_elements_text(${JSON.stringify(userIds)}::jsonb))::bigint)
          and o.status = 'completed' and o.completed_at >= ${w.start} and o.completed_at < ${w.end}
        group by o.buyer_user_id`,
  );
  return new Map(rows.map((r) => [Number(r.userId), Number(r.fen)]));
}

export async function findLiveRun(db: Executor, kind: RunRow["kind"], periodKey: string) {
  const [row] = await db
    .select()
    .from(dividendRuns)
    .where(
      and(
        eq(dividendRuns.kind, kind),
        eq(dividendRuns.periodKey, periodKey),
        ne(dividendRuns.status, "discarded"),
      ),
    );
  return row ?? null;
}

/** Inserts the run unless a live one of the period exists (the partial unique index decides); null then. */
export async function insertRunOnce(db: Executor, row: typeof dividendRuns.$inferInsert) {
  const [inserted] = await db.insert(dividendRuns).values(row).onConflictDoNothing().returning();
  return inserted ?? null;
}

export type NewLine = {
  userId: number;
  groupId: number;
  basisFen: number;
  rateBps: number;
  amountFen: number;
  heldBackFen: number;
  item: string | null;
};

/**
 * Writes a run's lines in pages of one statement each: the numeric columns travel as one array literal per
 * column (parsed by PostgreSQL far faster than a JSON document of objects), prizes in kind as a JSON array.
 */
export async function insertLines(db: Executor, runId: number, lines: readonly NewLine[]) {
  const column = (page: readonly NewLine[], pick: (l: NewLine) => number) => `{${page.map(pick).join(",")}}`;
  for (let from = 0; from < lines.length; from += PAGE_ROWS) {
    const page = lines.slice(from, from + PAGE_ROWS);
    await db.execute(sql`
      insert into dividend_run_lines (run_id, user_id, group_id, basis_fen, rate_bps, amount_fen, held_back_fen, item)
      select ${runId}::bigint, l.user_id, l.group_id, l.basis_fen, l.rate_bps, l.amount_fen, l.held_back_fen,
             ${JSON.stringify(page.map((l) => l.item))}::jsonb ->> (l.n - 1)::int
      from unnest(${column(page, (l) => l.userId)}::bigint[], ${column(page, (l) => l.groupId)}::int[],
                  ${column(page, (l) => l.basisFen)}::bigint[], ${column(page, (l) => l.rateBps)}::int[],
                  ${column(page, (l) => l.amountFen)}::bigint[], ${column(page, (l) => l.heldBackFen)}::bigint[])
        with ordinality as l (user_id, group_id, basis_fen, rate_bps, amount_fen, held_back_fen, n)`);
  }
}

export async function lockRun(db: Executor, id: number) {
  const [row] = await db.select().from(dividendRuns).where(eq(dividendRuns.id, id)).for("update");
  return row ?? null;
}

export async function findRun(db: Executor, id: number) {
  const [row] = await db.select().from(dividendRuns).where(eq(dividendRuns.id, id));
  return row ?? null;
}

/** The lines that pay: one per earner with money (summed over groups), for the ledger posting. */
export async function findPayingLines(db: Executor, runId: number) {
  const rows = await queryRows<{ userId: string | number; amountFen: string | number }>(
    db,
    sql`select user_id as "userId", sum(amount_fen)::bigint as "amountFen" from dividend_run_lines
        where run_id = ${runId} and amount_fen > 0 group by user_id order by user_id`,
  );
  return rows.map((r) => ({ userId: Number(r.userId), amountFen: Number(r.amountFen) }));
}

export async function moveRunIf(db: Executor, id: number, from: RunRow["status"], set: Partial<RunRow>) {
  const rows = await db
    .update(dividendRuns)
    .set(set)
    .where(and(eq(dividendRuns.id, id), eq(dividendRuns.status, from)))
    .returning({ id: dividendRuns.id });
  return rows.length === 1;
}

export async function listRuns(db: Executor, limit: number, cursor?: number) {
  return db
    .select()
    .from(dividendRuns)
    .where(cursor ? lt(dividendRuns.id, cursor) : undefined)
    .orderBy(desc(dividendRuns.id))
    .limit(limit);
}

/** A run's lines, largest first then by user, in offset pages (a statement is read, not edited). */
export async function findRunLines(db: Executor, runId: number, limit: number, offset: number) {
  const rows = await queryRows<LineRow & { nickname: string | null }>(
    db,
    sql`select l.user_id as "userId", u.nickname, l.group_id as "groupId", l.basis_fen as "basisFen",
               l.rate_bps as "rateBps", l.amount_fen as "amountFen", l.held_back_fen as "heldBackFen", l.item
        from dividend_run_lines l left join users u on u.id = l.user_id
        where l.run_id = ${runId}
        order by l.amount_fen desc, l.group_id, l.user_id limit ${limit} offset ${offset}`,
  );
  return rows.map((r) => ({
    ...r,
    userId: Number(r.userId),
    basisFen: Number(r.basisFen),
    amountFen: Number(r.amountFen),
    heldBackFen: Number(r.heldBackFen),
  }));
}

/** A member's dividends, newest period first (approved and previewed runs). */
export async function findMyLines(db: Executor, userId: number) {
  const rows = await queryRows<{
    runId: string | number;
    kind: string;
    periodKey: string;
    amountFen: string | number;
    paidAt: Date | string | null;
  }>(
    db,
    sql`select r.id as "runId", r.kind, r.period_key as "periodKey", sum(l.amount_fen)::bigint as "amountFen",
               r.decided_at as "paidAt"
        from dividend_run_lines l join dividend_runs r on r.id = l.run_id
        where l.user_id = ${userId} and r.status = 'approved'
        group by r.id order by r.period_start desc, r.id desc limit 60`,
  );
  return rows.map((r) => ({
    runId: Number(r.runId),
    kind: r.kind,
    periodKey: r.periodKey,
    amountFen: Number(r.amountFen),
    paidAt: r.paidAt === null ? null : new Date(r.paidAt),
  }));
}

export async function findDividendGrades(db: Executor) {
  const rows = await queryRows<Omit<typeof dividendGrades.$inferSelect, "updatedAt"> & { members: number }>(
    db,
    sql`select g.id, g.rank, g.name, g.rate_bps as "rateBps", g.tasks,
               (select count(*) from dividend_members m where m.grade_id = g.id)::int as members
        from dividend_grades g order by g.rank`,
  );
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

export async function insertDividendGrade(db: Executor, row: typeof dividendGrades.$inferInsert) {
  const [inserted] = await db.insert(dividendGrades).values(row).onConflictDoNothing().returning();
  return inserted ?? null;
}

export async function findMember(db: Executor, userId: number) {
  const [row] = await db.select().from(dividendMembers).where(eq(dividendMembers.userId, userId));
  return row ?? null;
}

export async function setMemberGrade(db: Executor, userId: number, gradeId: number | null, at: Date) {
  if (gradeId === null) {
    await db.delete(dividendMembers).where(eq(dividendMembers.userId, userId));
    return;
  }
  await db
    .insert(dividendMembers)
    .values({ userId, gradeId, since: at })
    .onConflictDoUpdate({ target: dividendMembers.userId, set: { gradeId, since: at } });
}

export const gradeOrder = asc(dividendGrades.rank);

export type VolumeFactsRow = { units: number; amountFen: number; referredBuyers: number };

/**
 * Per distributor, what they promoted (level-1 commissions) in orders completed in the window: units and paid
 * amount net of refunds of the given products (all when none), and how many buyers they brought.
 */
export async function findVolumeFacts(db: Executor, w: Window, productIds: readonly number[] | undefined) {
  const scoped = productIds && productIds.length > 0;
  const rows = await queryRows<{
    userId: string | number;
    units: string | number;
    fen: string | number;
    buyers: number;
  }>(
    db,
    sql`select c.earner_user_id as "userId",
               coalesce(sum(i.quantity - i.refunded_quantity), 0)::bigint as units,
               coalesce(sum(i.paid_fen - i.refunded_fen), 0)::bigint as fen,
               count(distinct c.buyer_user_id)::int as buyers
        from commissions c
        join order_items i on i.id = c.order_item_id
        join orders o on o.id = c.order_id
        where c.level = 1 and c.status <> 'cancelled' and o.status = 'completed'
          and o.completed_at >= ${w.start} and o.completed_at < ${w.end}
          and (${!scoped} or i.product_id in (select (jsonb_array_elements_text(${JSON.stringify(productIds ?? [])}::jsonb))::bigint))
        group by c.earner_user_id order by c.earner_user_id`,
  );
  return rows.map((r) => ({
    userId: Number(r.userId),
    units: Number(r.units),
    amountFen: Number(r.fen),
    referredBuyers: r.buyers,
  }));
}

/** The lines of a run that carry a prize in kind, with what approval granted for each so far. */
export async function findPrizeLines(db: Executor, runId: number) {
  const rows = await queryRows<{
    userId: string | number;
    groupId: number;
    item: string;
    grantRef: string | null;
  }>(
    db,
    sql`select user_id as "userId", group_id as "groupId", item, grant_ref as "grantRef" from dividend_run_lines
        where run_id = ${runId} and item is not null order by user_id, group_id`,
  );
  return rows.map((r) => ({
    userId: Number(r.userId),
    groupId: r.groupId,
    item: r.item,
    grantRef: r.grantRef,
  }));
}
