// Dividend grades move up on their own: the facts every condition counts — settled commission, own orders
// amount, team orders amount (the downline within 3 levels), products bought, direct distributors (direct
// invitees who are active distributors) — are read set-based for a page of shoppers at a time (one statement
// per page of 100,000 user ids, never a query per member), the domain decides who moves, and the moves are
// written with one statement per page that never moves anyone down (a staff grade of a higher rank stays).
// The daily job (jobs/upgrade-dividend-grades.ts) sweeps everyone; the distribution centre checks its reader.
import {
  type DividendGradeFacts,
  type DividendGradeRule,
  type GradeStats,
  planDividendGradeUpgrades,
} from "@liebian/domain";
import { sql } from "drizzle-orm";
import { type Db, type Executor, queryRows } from "../../db/client.ts";
import { inTransaction } from "../../db/transaction.ts";
import { findDividendGrades, PAGE_ROWS } from "./repo.ts";

type StatsRow = {
  userId: string | number;
  gradeId: string | number | null;
  ownSpend: string | number;
  ownCount: number;
  downSpend: string | number;
  downCount: number;
  teamSpend: string | number;
  invites: number;
  directDistributors: number;
  settled: string | number;
  products: string[] | null;
};

/**
 * The grade facts of the shoppers with ids in (after, upTo], each with their current dividend grade. `products`
 * limits the bought-products check to the ids some grade asks for. Refunded orders never count.
 */
export async function findGradeFactsInRange(
  db: Executor,
  range: { after: number; upTo: number },
  products: readonly string[],
): Promise<DividendGradeFacts[]> {
  const { after, upTo } = range;
  const inRange = (column: string) => sql.raw(`${column} > ${after} and ${column} <= ${upTo}`);
  const rows = await queryRows<StatsRow>(
    db,
    sql`with recursive own as (
          select o.buyer_user_id as u, sum(o.payable_fen - o.refunded_fen) as fen, count(*)::int as n from orders o
          where ${inRange("o.buyer_user_id")} and o.paid_at is not null and o.status <> 'refunded'
          group by o.buyer_user_id),
        team as (
          select b1.upline_user_id as top, b1.user_id as member, 1 as depth from referral_bindings b1
          where ${inRange("b1.upline_user_id")}
          union all
          select t.top, b.user_id, t.depth + 1 from team t join referral_bindings b on b.upline_user_id = t.member
          where t.depth < 3),
        team_orders as (
          select t.top as u,
                 sum(o.payable_fen - o.refunded_fen) as fen,
                 sum(o.payable_fen - o.refunded_fen) filter (where t.depth = 1) as down_fen,
                 count(*) filter (where t.depth = 1)::int as down_n
          from team t join orders o on o.buyer_user_id = t.member
          where o.paid_at is not null and o.status <> 'refunded'
          group by t.top),
        direct as (
          select b.upline_user_id as u,
                 count(*) filter (where exists (select 1 from distributors d
                                                where d.user_id = b.user_id and d.status = 'active'))::int as distributors,
                 count(*) filter (where exists (select 1 from orders o
                                                where o.buyer_user_id = b.user_id and o.status = 'completed'))::int as invites
          from referral_bindings b where ${inRange("b.upline_user_id")}
          group by b.upline_user_id),
        settled as (
          select c.earner_user_id as u, sum(c.amount_fen - c.clawed_back_fen) as fen from commissions c
          where ${inRange("c.earner_user_id")} and c.status = 'settled'
          group by c.earner_user_id),
        bought as (
          select o.buyer_user_id as u, array_agg(distinct i.product_id::text) as products
          from orders o join order_items i on i.order_id = o.id
          where ${inRange("o.buyer_user_id")} and o.paid_at is not null and o.status <> 'refunded'
            and i.product_id::text in (select jsonb_array_elements_text(${JSON.stringify(products)}::jsonb))
          group by o.buyer_user_id),
        who as (
          select u from own union select u from team_orders union select u from direct
          union select u from settled union select user_id from dividend_members where ${inRange("user_id")})
        select w.u as "userId", m.grade_id as "gradeId",
               coalesce(own.fen, 0)::bigint as "ownSpend", coalesce(own.n, 0) as "ownCount",
               coalesce(t.down_fen, 0)::bigint as "downSpend", coalesce(t.down_n, 0) as "downCount",
               coalesce(t.fen, 0)::bigint as "teamSpend",
               coalesce(d.invites, 0) as invites, coalesce(d.distributors, 0) as "directDistributors",
               coalesce(s.fen, 0)::bigint as settled, bought.products
        from who w
        left join own on own.u = w.u left join team_orders t on t.u = w.u left join direct d on d.u = w.u
        left join settled s on s.u = w.u left join bought on bought.u = w.u
        left join dividend_members m on m.user_id = w.u
        order by w.u`,
  );
  return rows.map((r) => ({
    userId: Number(r.userId),
    currentGradeId: r.gradeId === null ? null : Number(r.gradeId),
    stats: {
      invitesWhoBought: r.invites,
      ownSpendFen: Number(r.ownSpend),
      ownOrderCount: r.ownCount,
      downlineSpendFen: Number(r.downSpend),
      downlineOrderCount: r.downCount,
      settledCommissionFen: Number(r.settled),
      directDistributors: r.directDistributors,
      teamSpendFen: Number(r.teamSpend),
      boughtProductIds: r.products ?? [],
    } satisfies GradeStats,
  }));
}

async function loadRules(db: Executor) {
  const grades: DividendGradeRule[] = (await findDividendGrades(db)).map((g) => ({
    id: g.id,
    rank: g.rank,
    name: g.name,
    tasks: g.tasks,
  }));
  const products = [...new Set(grades.flatMap((g) => g.tasks.boughtProductIds ?? []))];
  return { grades, products };
}

/** Writes the moves; a member a concurrent staff change put at a higher rank is left where they are. */
async function writeMoves(db: Executor, moves: readonly { userId: number; toGradeId: number }[], at: Date) {
  if (moves.length === 0) return 0;
  const rows = await queryRows<{ userId: string | number }>(
    db,
    sql`insert into dividend_members (user_id, grade_id, since)
        select m.user_id, m.grade_id, ${at}::timestamptz
        from unnest(${`{${moves.map((m) => m.userId).join(",")}}`}::bigint[],
                    ${`{${moves.map((m) => m.toGradeId).join(",")}}`}::bigint[]) as m (user_id, grade_id)
        on conflict (user_id) do update set grade_id = excluded.grade_id, since = excluded.since
        where (select rank from dividend_grades where id = excluded.grade_id)
            > (select rank from dividend_grades where id = dividend_members.grade_id)
        returning user_id as "userId"`,
  );
  return rows.length;
}

/** The sweep: every shopper, a page of user ids at a time. Returns how many moved up. */
export async function upgradeAllDividendGrades(deps: { db: Db }, now: Date): Promise<number> {
  const { grades, products } = await loadRules(deps.db);
  if (!grades.some((g) => Object.keys(g.tasks).length > 0)) return 0;
  let moved = 0;
  for (let after = 0; ; ) {
    const [bounds] = await queryRows<{ upTo: string | number | null; n: number }>(
      deps.db,
      sql`select max(id) as "upTo", count(*)::int as n
          from (select id from users where id > ${after} order by id limit ${PAGE_ROWS}) p`,
    );
    if (!bounds || bounds.upTo === null) return moved;
    const upTo = Number(bounds.upTo);
    moved += await inTransaction(deps.db, async (tx) => {
      const facts = await findGradeFactsInRange(tx, { after, upTo }, products);
      return writeMoves(tx, planDividendGradeUpgrades(grades, facts), now);
    });
    if (bounds.n < PAGE_ROWS) return moved;
    after = upTo;
  }
}

/** One shopper: their facts (for the progress shown) after moving them up if they now reach a grade. */
export async function upgradeOneDividendGrade(db: Db, userId: number, now: Date) {
  const { grades, products } = await loadRules(db);
  const [facts] = await findGradeFactsInRange(db, { after: userId - 1, upTo: userId }, products);
  const mine = facts ?? {
    userId,
    currentGradeId: null,
    stats: {
      invitesWhoBought: 0,
      ownSpendFen: 0,
      ownOrderCount: 0,
      downlineSpendFen: 0,
      downlineOrderCount: 0,
      settledCommissionFen: 0,
      directDistributors: 0,
      teamSpendFen: 0,
      boughtProductIds: [],
    },
  };
  await writeMoves(db, planDividendGradeUpgrades(grades, [mine]), now);
  return { grades, stats: mine.stats };
}
