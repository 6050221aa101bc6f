// The referral tree for staff: a node's counts and sales (team_stats, levels 1–3), its direct downline
// (largest teams first), its upline to the root, and a search by nickname, code or phone.
import { type SQL, sql } from "drizzle-orm";
import { type Executor, queryRows } from "../../db/client.ts";

const nodeColumns = sql`u.id as "userId", u.nickname, d.invite_code as "inviteCode", d.status,
  coalesce((select members from team_stats t where t.user_id = u.id and t.level = 1), 0) as "directMembers",
  coalesce((select sum(members) from team_stats t where t.user_id = u.id), 0) as "teamMembers",
  -- payments add team sales to slot rows (team_sales_slots), binds keep team_stats: a team's sales are both
  (coalesce((select sum(sales_fen) from team_stats t where t.user_id = u.id), 0)
    + coalesce((select sum(sales_fen) from team_sales_slots s where s.user_id = u.id), 0)) as "teamSalesFen",
  (select coalesce(sum(payable_fen - refunded_fen), 0) from orders o where o.buyer_user_id = u.id and o.paid_at is not null) as "ownSalesFen"`;

export type TreeNode = {
  userId: number;
  nickname: string;
  inviteCode: string | null;
  status: string | null;
  directMembers: number;
  teamMembers: number;
  teamSalesFen: number;
  ownSalesFen: number;
};

async function nodes(db: Executor, where: SQL, order: SQL, limit: number): Promise<TreeNode[]> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select ${nodeColumns} from users u left join distributors d on d.user_id = u.id where ${where} order by ${order} limit ${limit}`,
  );
  return rows.map((r) => ({
    userId: Number(r.userId),
    nickname: String(r.nickname),
    inviteCode: r.inviteCode === null ? null : String(r.inviteCode),
    status: r.status === null ? null : String(r.status),
    directMembers: Number(r.directMembers),
    teamMembers: Number(r.teamMembers),
    teamSalesFen: Number(r.teamSalesFen),
    ownSalesFen: Number(r.ownSalesFen),
  }));
}

export async function findNode(db: Executor, userId: number): Promise<TreeNode | null> {
  return (await nodes(db, sql`u.id = ${userId}`, sql`u.id`, 1))[0] ?? null;
}

/** The direct downline of `userId`, largest teams first, then by id. */
export function findChildren(db: Executor, userId: number, limit: number): Promise<TreeNode[]> {
  return nodes(
    db,
    sql`u.id in (select user_id from referral_bindings where upline_user_id = ${userId})`,
    sql`"teamMembers" desc, u.id`,
    limit,
  );
}

/** The uplines of `userId`, nearest first (cycle-safe, at most 50). */
export async function findUplineIds(db: Executor, userId: number): Promise<number[]> {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`with recursive up(id, depth) as (
          select upline_user_id, 1 from referral_bindings where user_id = ${userId}
          union all
          select b.upline_user_id, up.depth + 1 from up join referral_bindings b on b.user_id = up.id where up.depth < 50
        ) cycle id set is_cycle using path
        select id from up where not is_cycle order by depth`,
  );
  return rows.map((r) => Number(r.id));
}

export function searchNodes(db: Executor, q: string, limit: number): Promise<TreeNode[]> {
  return nodes(
    db,
    sql`(u.nickname ilike ${`%${q.replaceAll("%", "").replaceAll("_", "")}%`} or d.invite_code = ${q} or u.phone = ${q})`,
    sql`u.id`,
    limit,
  );
}
