// The "my team" counters (team_stats; read by findTeamSummary in repo.ts): add merged deltas, walk a member's
// uplines under share locks (so a rebind of any link waits for the payment counting through it), and the
// full recount that backs the migration, the benchmark seed and any repair.
import type { TeamStatsDelta, TeamWeight } from "@liebian/domain";
import { sql } from "drizzle-orm";
import { type Executor, queryRows } from "../../db/client.ts";
import { runStatement } from "../../db/statement.ts";

/** Up to three uplines of `userId`, nearest first, each link share-locked before the next is read. */
export async function lockUplines(db: Executor, userId: number): Promise<number[]> {
  // One statement: the chain read without locks names the rows, which are then locked and read again as
  // they are now; when a rebind changed the chain in between, the walk leaves the locked rows and the
  // chain is locked a link at a time instead.
  const rows = await runStatement<{ userId: number; upline: number; a1: number | null; a2: number | null }>(
    db,
    `with c as (select b1.upline_user_id as a1, b2.upline_user_id as a2 from referral_bindings b1
                left join referral_bindings b2 on b2.user_id = b1.upline_user_id where b1.user_id = $1)
     select b.user_id as "userId", b.upline_user_id as upline, (select a1 from c) as a1, (select a2 from c) as a2
     from referral_bindings b
     where b.user_id = $1 or b.user_id = (select a1 from c) or b.user_id = (select a2 from c)
     order by b.user_id for share of b`,
    [userId],
  );
  if (rows.length === 0) return [];
  const first = rows[0]!;
  const requested = new Set([userId, ...[first.a1, first.a2].filter((id) => id !== null).map(Number)]);
  const uplineOf = new Map(rows.map((r) => [Number(r.userId), Number(r.upline)] as const));
  const uplines: number[] = [];
  let current = userId;
  for (let i = 0; i < 3; i++) {
    if (!requested.has(current)) return lockUplinesOneByOne(db, userId);
    const next = uplineOf.get(current);
    if (next === undefined) break;
    current = next;
    uplines.push(current);
  }
  return uplines;
}

async function lockUplinesOneByOne(db: Executor, userId: number): Promise<number[]> {
  const uplines: number[] = [];
  let current = userId;
  for (let i = 0; i < 3; i++) {
    const [row] = await runStatement<{ upline: number }>(
      db,
      "select upline_user_id as upline from referral_bindings where user_id = $1 for share",
      [current],
    );
    if (!row) break;
    current = Number(row.upline);
    uplines.push(current);
  }
  return uplines;
}

/** Up to three uplines without locks: for binds, which already hold the binding-graph lock. */
export async function findUplines(db: Executor, userId: number): Promise<number[]> {
  const [row] = await queryRows<{ a1: number | null; a2: number | null; a3: number | null }>(
    db,
    sql`select b1.upline_user_id as a1, b2.upline_user_id as a2, b3.upline_user_id as a3
        from referral_bindings b1
        left join referral_bindings b2 on b2.user_id = b1.upline_user_id
        left join referral_bindings b3 on b3.user_id = b2.upline_user_id
        where b1.user_id = ${userId}`,
  );
  return row ? [row.a1, row.a2, row.a3].filter((id) => id !== null).map(Number) : [];
}

/** What `userId` brings to a team: themself with their paid sales, and their own levels 1 and 2. */
export async function findTeamWeight(db: Executor, userId: number): Promise<TeamWeight> {
  const [row] = await queryRows<Record<"own" | "m1" | "s1" | "m2" | "s2", number | string>>(
    db,
    sql`select (select coalesce(sum(payable_fen - refunded_fen), 0) from orders
                where buyer_user_id = ${userId} and paid_at is not null)::bigint as own,
               coalesce(max(members) filter (where level = 1), 0) as m1,
               coalesce(max(sales_fen) filter (where level = 1), 0)::bigint as s1,
               coalesce(max(members) filter (where level = 2), 0) as m2,
               coalesce(max(sales_fen) filter (where level = 2), 0)::bigint as s2
        from ${teamCountersOf(userId)} t where level <= 2`,
  );
  return [
    { members: 1, salesFen: Number(row!.own) },
    { members: Number(row!.m1), salesFen: Number(row!.s1) },
    { members: Number(row!.m2), salesFen: Number(row!.s2) },
  ];
}

/** Adds each delta to its (user, level) row, creating it; one statement, rows taken in the order given. */
export async function addToTeamStats(db: Executor, deltas: TeamStatsDelta[]): Promise<void> {
  if (deltas.length === 0) return;
  await db.execute(sql`
    insert into team_stats (user_id, level, members, sales_fen)
    select d."userId", d.level, d.members, d."salesFen" from jsonb_to_recordset(${JSON.stringify(deltas)}::jsonb)
      as d ("userId" bigint, level smallint, members int, "salesFen" bigint)
    on conflict (user_id, level) do update set members = team_stats.members + excluded.members,
      sales_fen = team_stats.sales_fen + excluded.sales_fen`);
}

/** Slot rows per (upline, level) for team sales: each connection adds to its own. */
export const TEAM_SALES_SLOTS = 64;

/**
 * Adds payments' and refunds' sales deltas to this connection's slot rows (members never change here), rows
 * taken in (user, level) order so two payments never wait on each other in a cycle.
 */
export async function addToTeamSales(db: Executor, deltas: TeamStatsDelta[]): Promise<void> {
  if (deltas.length === 0) return;
  await runStatement(
    db,
    `insert into team_sales_slots (user_id, level, slot, sales_fen)
     select d."userId", d.level, pg_backend_pid() % ${TEAM_SALES_SLOTS}, d."salesFen" from jsonb_to_recordset($1::text::jsonb)
       as d ("userId" bigint, level smallint, "salesFen" bigint)
     order by 1, 2
     on conflict (user_id, level, slot) do update set sales_fen = team_sales_slots.sales_fen + excluded.sales_fen`,
    [JSON.stringify(deltas)],
  );
}

/** One member's counters at levels 1–3: team_stats plus the sales slots, summed (what every reader reads). */
export function teamCountersOf(userId: number | null) {
  const who = userId === null ? sql`true` : sql`user_id = ${userId}`;
  return sql`(select user_id, level, sum(members)::int as members, sum(sales_fen)::bigint as sales_fen from (
      select user_id, level, members, sales_fen from team_stats where ${who}
      union all select user_id, level, 0, sales_fen from team_sales_slots where ${who}) parts
    group by user_id, level)`;
}

/** The counters recounted from the bindings and paid orders (the same count as migration 0020). */
const RECOUNT = sql`
  with own as (
    select buyer_user_id as user_id, sum(payable_fen - refunded_fen) as fen
    from orders where paid_at is not null group by buyer_user_id
  ), member as (
    select b1.user_id as id, b1.upline_user_id as a1, b2.upline_user_id as a2, b3.upline_user_id as a3
    from referral_bindings b1
    left join referral_bindings b2 on b2.user_id = b1.upline_user_id
    left join referral_bindings b3 on b3.user_id = b2.upline_user_id
  )
  select up.user_id, up.level, count(*)::int as members, coalesce(sum(own.fen), 0)::bigint as sales_fen
  from member
  left join own on own.user_id = member.id
  cross join lateral (values (member.a1, 1), (member.a2, 2), (member.a3, 3)) as up (user_id, level)
  where up.user_id is not null
  group by up.user_id, up.level`;

/** Recounts every counter: the benchmark's seed and a repair after data was moved by hand. */
export async function rebuildTeamStats(db: Executor): Promise<void> {
  await db.execute(sql`delete from team_sales_slots`);
  await db.execute(sql`delete from team_stats`);
  await db.execute(sql`insert into team_stats (user_id, level, members, sales_fen) ${RECOUNT}`);
}

/** Counters that differ from a recount (none, when every writer kept them): what tests and the bench check. */
export async function findTeamStatsDrift(db: Executor) {
  return queryRows<{ userId: number; level: number; kept: string; recounted: string }>(
    db,
    sql`with recount as (${RECOUNT}),
        kept as (select user_id, level, members, sales_fen from ${teamCountersOf(null)} t
                 where members <> 0 or sales_fen <> 0)
        select coalesce(k.user_id, r.user_id)::int8 as "userId", coalesce(k.level, r.level)::int as level,
               coalesce(k.members, 0) || ' / ' || coalesce(k.sales_fen, 0) as kept,
               coalesce(r.members, 0) || ' / ' || coalesce(r.sales_fen, 0) as recounted
        from kept k full join recount r on r.user_id = k.user_id and r.level = k.level
        where k.members is distinct from r.members or k.sales_fen is distinct from r.sales_fen
        order by 1, 2 limit 20`,
  );
}

/** An after-sale's refund, goods and freight: what it adds to its order's refunded total. */
export async function findAfterSaleRefund(db: Executor, afterSaleId: number): Promise<number> {
  const [row] = await queryRows<{ fen: number | string }>(
    db,
    sql`select refund_fen as fen from after_sales where id = ${afterSaleId}`,
  );
  return Number(row!.fen);
}
