// Referral bindings: the current upline per shopper, its history and visits, and the graph walks
// (ancestors with a recursive CTE, over bindings active at `now`).
import { eq, sql } from "drizzle-orm";
import { type Executor, queryRows } from "../../db/client.ts";
import { referralBindingHistory, referralBindings, referralVisits } from "../../db/schema/distribution.ts";
import { teamCountersOf } from "./team-stats-repo.ts";

export type BindingRow = typeof referralBindings.$inferSelect;

/** Locks both users' rows in id order, so two binds touching the same pair queue instead of deadlocking. */
export async function lockUsersInOrder(db: Executor, ids: number[]): Promise<void> {
  const sorted = [...new Set(ids)].sort((a, b) => a - b);
  for (const id of sorted) await db.execute(sql`select id from users where id = ${id} for update`);
}

/**
 * Serialises every binding write. Two pairs that share no user can still close a cycle of four or more
 * between them (A→B ∥ C→D, then B→C ∥ D→A), so per-pair row locks alone are not enough; binds are rare
 * and short, so one transaction-scoped lock is the simple, certain answer.
 */
export async function lockBindingGraph(db: Executor): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(7260001)`);
}

export async function findBinding(db: Executor, userId: number): Promise<BindingRow | null> {
  const rows = await db.select().from(referralBindings).where(eq(referralBindings.userId, userId));
  return rows[0] ?? null;
}

/** Every ancestor of `userId` through active bindings, nearest first (depth-limited as a safety net). */
export async function findAncestors(
  db: Executor,
  userId: number,
  now: Date,
  maxDepth = 10_000,
): Promise<number[]> {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`with recursive up(id, depth) as (
          select b.upline_user_id, 1 from referral_bindings b
          where b.user_id = ${userId} and (b.expires_at is null or b.expires_at > ${now.toISOString()})
          union all
          select b.upline_user_id, up.depth + 1 from up join referral_bindings b on b.user_id = up.id
          where (b.expires_at is null or b.expires_at > ${now.toISOString()}) and up.depth < ${maxDepth}
        ) cycle id set is_cycle using path
        select id from up where not is_cycle order by depth`,
  );
  return rows.map((r) => r.id);
}

export async function upsertBinding(db: Executor, row: typeof referralBindings.$inferInsert): Promise<void> {
  await db
    .insert(referralBindings)
    .values(row)
    .onConflictDoUpdate({
      target: referralBindings.userId,
      set: {
        uplineUserId: row.uplineUserId,
        source: row.source,
        productId: row.productId ?? null,
        scene: row.scene ?? null,
        boundAt: row.boundAt,
        expiresAt: row.expiresAt ?? null,
        protectedUntil: row.protectedUntil,
      },
    });
}

export async function updateBindingTimes(
  db: Executor,
  userId: number,
  expiresAt: Date | null,
  protectedUntil: Date,
) {
  await db
    .update(referralBindings)
    .set({ expiresAt, protectedUntil })
    .where(eq(referralBindings.userId, userId));
}

export async function insertBindingHistory(db: Executor, row: typeof referralBindingHistory.$inferInsert) {
  await db.insert(referralBindingHistory).values(row);
}

export async function insertVisit(db: Executor, row: typeof referralVisits.$inferInsert) {
  await db.insert(referralVisits).values(row);
}

export async function findBindingHistory(
  db: Executor,
  filter: { userId?: number; limit: number; cursor?: number },
) {
  // the people by name as well as id, so staff read who was bound to whom
  const rows = await queryRows<
    typeof referralBindingHistory.$inferSelect & {
      userNickname: string | null;
      uplineNickname: string | null;
      previousUplineNickname: string | null;
      staffName: string | null;
    }
  >(
    db,
    sql`select id, user_id as "userId", upline_user_id as "uplineUserId",
               previous_upline_user_id as "previousUplineUserId", source, product_id as "productId", scene,
               reason, staff_id as "staffId", at,
               (select nickname from users where id = h.user_id) as "userNickname",
               (select nickname from users where id = h.upline_user_id) as "uplineNickname",
               (select nickname from users where id = h.previous_upline_user_id) as "previousUplineNickname",
               (select name from staff where id = h.staff_id) as "staffName"
        from referral_binding_history h where true
        ${filter.userId ? sql`and user_id = ${filter.userId}` : sql``}
        ${filter.cursor ? sql`and id < ${filter.cursor}` : sql``}
        order by id desc limit ${filter.limit}`,
  );
  return rows.map((r) => ({ ...r, at: new Date(r.at) })); // raw SQL reads timestamps as text
}

/** Binding times of an earner's recent binds (bind velocity). */

/**
 * The team by level (1–3 below the distributor): members and their paid sales net of refunds, read from the
 * counters team-stats.ts keeps (three rows, however large the team).
 */
export async function findTeamSummary(db: Executor, userId: number) {
  const rows = await queryRows<{ level: number; members: number; salesFen: number | string }>(
    db,
    sql`select level, members, sales_fen as "salesFen" from ${teamCountersOf(userId)} t
        where members > 0 order by level`,
  );
  return rows.map((r) => ({ level: Number(r.level), members: r.members, salesFen: Number(r.salesFen) }));
}

/**
 * Members of one level of the team, newest binding first. Walks only down to the level above (the parents),
 * then takes each parent's newest `limit` children from the (upline, bound_at) index and keeps the newest
 * `limit` of those: a flat team's 98,000 level-3 members are never all sorted or joined to users.
 */
export async function findTeamMembers(db: Executor, userId: number, level: number, limit: number) {
  return queryRows<{ userId: number; nickname: string; boundAt: Date; level: number }>(
    db,
    sql`with recursive parents(id, depth) as (
          select ${userId}::bigint, 1
          union all
          select b.user_id, parents.depth + 1 from parents join referral_bindings b on b.upline_user_id = parents.id
          where parents.depth < ${level}
        ),
        newest as (
          select c.user_id, c.bound_at from parents p cross join lateral (
            select user_id, bound_at from referral_bindings b where b.upline_user_id = p.id
            order by bound_at desc limit ${limit}) c
          where p.depth = ${level}
          order by c.bound_at desc, c.user_id desc limit ${limit}
        )
        select n.user_id as "userId", u.nickname, n.bound_at as "boundAt", ${level}::int as level
        from newest n join users u on u.id = n.user_id order by n.bound_at desc, n.user_id desc`,
  );
}
