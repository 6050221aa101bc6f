// Dividend grades move up on their own: the facts every condition counts — settled commission, own orders
// amount, team orders amount (the downline within 3 levels), products bought, direct distributors (direct
// invitees who are active distributors) — are read set-based: for the daily sweep (jobs/upgrade-dividend-
// grades.ts) in one pass over the whole shop, for one shopper (the distribution centre checks its reader) by
// walking their 3 levels; never a query per member. The domain decides who moves, and the moves are written
// with one statement per page that never moves anyone down (a staff grade of a higher rank stays).
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

const toFacts = (r: StatsRow): DividendGradeFacts => ({
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
});

/**
 * The grade facts of the shoppers with ids in (after, upTo], each with their current dividend grade. `products`
 * limits the bought-products check to the ids some grade asks for. Refunded orders never count.
 */
async function findGradeFactsInRange(
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
  return rows.map(toFacts);
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

/**
 * Every shopper's grade facts in one set-based pass, into a temporary table of the transaction: own orders
 * grouped once, the team within 3 levels summed bottom-up (a member's level-1 figure is their direct
 * invitees' own orders, level 2 the sum of their invitees' level 1, level 3 of their level 2: a tree, so
 * nothing is counted twice), direct invitees' distributors and buyers, settled commission, products bought.
 * Each step is a hash join over whole tables, so the work grows with the shop, not with pages × shop (reading
 * the 3-level team per page of users scanned the tree and the orders once per page: 575 s at 1,000,000).
 */
async function writeAllGradeFacts(tx: Executor, products: readonly string[]) {
  const bought =
    products.length === 0
      ? sql`select null::bigint as u, null::text[] as products where false`
      : sql`select o.buyer_user_id as u, array_agg(distinct i.product_id::text) as products
            from orders o join order_items i on i.order_id = o.id
            where o.paid_at is not null and o.status <> 'refunded'
              and i.product_id::text in (select jsonb_array_elements_text(${JSON.stringify(products)}::jsonb))
            group by o.buyer_user_id`;
  await tx.execute(sql`create temporary table grade_facts on commit drop as
    with own as (
      select o.buyer_user_id as u, sum(o.payable_fen - o.refunded_fen) as fen, count(*)::int as n from orders o
      where o.paid_at is not null and o.status <> 'refunded' group by o.buyer_user_id),
    l1 as (
      select b.upline_user_id as u, sum(own.fen) as fen, sum(own.n)::int as n
      from referral_bindings b join own on own.u = b.user_id group by b.upline_user_id),
    l2 as (
      select b.upline_user_id as u, sum(l1.fen) as fen
      from referral_bindings b join l1 on l1.u = b.user_id group by b.upline_user_id),
    l3 as (
      select b.upline_user_id as u, sum(l2.fen) as fen
      from referral_bindings b join l2 on l2.u = b.user_id group by b.upline_user_id),
    direct as (
      select b.upline_user_id as u, count(d.user_id)::int as distributors, count(c.u)::int as invites
      from referral_bindings b
      left join distributors d on d.user_id = b.user_id and d.status = 'active'
      left join (select distinct buyer_user_id as u from orders where status = 'completed') c on c.u = b.user_id
      group by b.upline_user_id),
    settled as (
      select c.earner_user_id as u, sum(c.amount_fen - c.clawed_back_fen) as fen from commissions c
      where c.status = 'settled' group by c.earner_user_id),
    bought as (${bought}),
    who as (
      select u from own union select u from l1 union select u from direct
      union select u from settled union select user_id from dividend_members)
    select w.u as user_id, m.grade_id,
           coalesce(own.fen, 0)::bigint as own_spend, coalesce(own.n, 0) as own_count,
           coalesce(l1.fen, 0)::bigint as down_spend, coalesce(l1.n, 0) as down_count,
           (coalesce(l1.fen, 0) + coalesce(l2.fen, 0) + coalesce(l3.fen, 0))::bigint as team_spend,
           coalesce(d.invites, 0) as invites, coalesce(d.distributors, 0) as direct_distributors,
           coalesce(s.fen, 0)::bigint as settled, bought.products
    from who w
    left join own on own.u = w.u left join l1 on l1.u = w.u left join l2 on l2.u = w.u
    left join l3 on l3.u = w.u left join direct d on d.u = w.u left join settled s on s.u = w.u
    left join bought on bought.u = w.u left join dividend_members m on m.user_id = w.u`);
  await tx.execute(sql`create index on grade_facts (user_id)`);
}

/** One key-ordered page of the pass's facts. */
async function readGradeFactsPage(tx: Executor, after: number): Promise<DividendGradeFacts[]> {
  const rows = await queryRows<StatsRow>(
    tx,
    sql`select user_id as "userId", grade_id as "gradeId", own_spend as "ownSpend", own_count as "ownCount",
               down_spend as "downSpend", down_count as "downCount", team_spend as "teamSpend", invites,
               direct_distributors as "directDistributors", settled, products
        from grade_facts where user_id > ${after} order by user_id limit ${PAGE_ROWS}`,
  );
  return rows.map(toFacts);
}

/**
 * The sweep: every shopper's facts in one pass, then a page of 100,000 at a time planned by the domain and
 * written with one statement. One transaction, so the pass and the moves see the same shop. Returns how
 * many moved up.
 */
export async function upgradeAllDividendGrades(deps: { db: Db }, now: Date): Promise<number> {
  const { grades, products } = await loadRules(deps.db);
  if (!grades.some((g) => Object.keys(g.tasks).length > 0)) return 0;
  return inTransaction(deps.db, async (tx) => {
    // the pass hashes whole tables: room to do it in memory rather than in batches on disk
    await tx.execute(sql`set local work_mem = '64MB'`);
    await writeAllGradeFacts(tx, products);
    let moved = 0;
    for (let after = 0; ; ) {
      const facts = await readGradeFactsPage(tx, after);
      moved += await writeMoves(tx, planDividendGradeUpgrades(grades, facts), now);
      if (facts.length < PAGE_ROWS) return moved;
      after = facts.at(-1)!.userId;
    }
  });
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
