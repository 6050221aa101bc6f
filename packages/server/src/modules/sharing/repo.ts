// What a share needs to know about its distributor: status, code, grade rates, and a display name.
import { sql } from "drizzle-orm";
import { type Executor, queryRows } from "../../db/client.ts";

export type Sharer = {
  userId: number;
  status: string;
  inviteCode: string;
  ratesBps: unknown;
  nickname: string | null;
  avatarUrl: string | null;
};

export async function findSharer(db: Executor, userId: number): Promise<Sharer | null> {
  const rows = await queryRows<Sharer>(
    db,
    sql`select d.user_id as "userId", d.status, d.invite_code as "inviteCode", g.rates_bps as "ratesBps",
          u.nickname, u.avatar_url as "avatarUrl"
        from distributors d join users u on u.id = d.user_id
        left join distributor_grades g on g.id = d.grade_id
        where d.user_id = ${userId}`,
  );
  const row = rows[0];
  return row ? { ...row, userId: Number(row.userId) } : null;
}
