// Standings of distributors by promoted sales, commission or invites over a window, set-based in one query
// each: the live leaderboards (today / this week / this month, every paid order counts) and a contest's
// frozen ranking (only completed orders — their after-sale window has closed). Invites count only invitees
// who bought (no reward for recruiting alone, 拉人头). Ties: earlier reached first, then lower user id.
import { type SQL, sql } from "drizzle-orm";
import { type Executor, queryRows } from "../../db/client.ts";
import type { Window } from "./repo.ts";

export type Metric = "sales" | "commission" | "invites";
export type Standing = {
  userId: number;
  nickname: string | null;
  value: number;
  reachedAtMs: number;
  rank: number;
};

function valuesQuery(metric: Metric, w: Window, completedOnly: boolean): SQL {
  const orderCounts = completedOnly
    ? sql`o.status = 'completed'`
    : sql`o.paid_at is not null and o.status <> 'refunded'`;
  switch (metric) {
    case "sales":
      return sql`select c.earner_user_id as user_id, sum(i.paid_fen - i.refunded_fen) as value, max(c.created_at) as reached
                 from commissions c join order_items i on i.id = c.order_item_id join orders o on o.id = c.order_id
                 where c.level = 1 and c.status <> 'cancelled' and c.created_at >= ${w.start} and c.created_at < ${w.end}
                   and ${orderCounts}
                 group by c.earner_user_id`;
    case "commission":
      return sql`select c.earner_user_id as user_id, sum(c.amount_fen - c.clawed_back_fen) as value, max(c.created_at) as reached
                 from commissions c join orders o on o.id = c.order_id
                 where c.status <> 'cancelled' and c.created_at >= ${w.start} and c.created_at < ${w.end} and ${orderCounts}
                 group by c.earner_user_id`;
    case "invites":
      return sql`select b.upline_user_id as user_id, count(*) as value, max(b.bound_at) as reached
                 from referral_bindings b
                 where b.bound_at >= ${w.start} and b.bound_at < ${w.end}
                   and exists (select 1 from orders o where o.buyer_user_id = b.user_id and ${orderCounts})
                 group by b.upline_user_id`;
  }
}

/** The top `limit` of the window and, when `userId` is given, that user's own place. */
export async function findStandings(
  db: Executor,
  p: { metric: Metric; window: Window; completedOnly: boolean; limit: number; userId?: number },
): Promise<{ top: Standing[]; mine: Standing | null }> {
  const rows = await queryRows<{
    userId: string | number;
    nickname: string | null;
    value: string | number;
    reached: Date | string;
    rank: string | number;
  }>(
    db,
    sql`with v as (${valuesQuery(p.metric, p.window, p.completedOnly)}),
             ranked as (select v.*, row_number() over (order by v.value desc, v.reached asc, v.user_id asc) as rank
                        from v where v.value > 0)
        select r.user_id as "userId", u.nickname, r.value::bigint as value, r.reached, r.rank
        from ranked r left join users u on u.id = r.user_id
        where r.rank <= ${p.limit} or r.user_id = ${p.userId ?? 0}
        order by r.rank`,
  );
  const all = rows.map((r) => ({
    userId: Number(r.userId),
    nickname: r.nickname,
    value: Number(r.value),
    reachedAtMs: new Date(r.reached).getTime(),
    rank: Number(r.rank),
  }));
  return { top: all.filter((s) => s.rank <= p.limit), mine: all.find((s) => s.userId === p.userId) ?? null };
}
