// Distributor rows, their history and applications; plus the read-only purchase facts eligibility needs.
import { and, desc, eq, getTableColumns, lt, sql } from "drizzle-orm";
import { type Executor, queryRows } from "../../db/client.ts";
import { users } from "../../db/schema/accounts.ts";
import {
  type DistributorStatus,
  distributorApplications,
  distributorHistory,
  distributors,
} from "../../db/schema/distribution.ts";

export type DistributorRow = typeof distributors.$inferSelect;
export type ApplicationRow = typeof distributorApplications.$inferSelect;

export async function findDistributor(db: Executor, userId: number): Promise<DistributorRow | null> {
  const rows = await db.select().from(distributors).where(eq(distributors.userId, userId));
  return rows[0] ?? null;
}

/**
 * Locks the user's row, then their distributor row. The user row exists before the distributor row does,
 * so two first-time grants for one shopper (a double tap on "join") queue here instead of racing the insert.
 */
export async function lockDistributor(db: Executor, userId: number): Promise<DistributorRow | null> {
  await db.execute(sql`select id from users where id = ${userId} for update`);
  const rows = await db.select().from(distributors).where(eq(distributors.userId, userId)).for("update");
  return rows[0] ?? null;
}

export async function findDistributorByCode(db: Executor, code: string): Promise<DistributorRow | null> {
  const rows = await db.select().from(distributors).where(eq(distributors.inviteCode, code.toUpperCase()));
  return rows[0] ?? null;
}

/** Inserts the row with this invite code; false when the code is taken (the caller draws another). */
export async function insertDistributor(
  db: Executor,
  row: { userId: number; inviteCode: string; grantedVia: string; at: Date },
): Promise<boolean> {
  const inserted = await db
    .insert(distributors)
    .values({
      userId: row.userId,
      status: "active",
      inviteCode: row.inviteCode,
      grantedVia: row.grantedVia,
      joinedAt: row.at,
      updatedAt: row.at,
    })
    // Only a taken invite code is "try another code"; a second row for the same user is an error, not a loop.
    .onConflictDoNothing({ target: distributors.inviteCode })
    .returning({ userId: distributors.userId });
  return inserted.length === 1;
}

export async function updateDistributorStatus(
  db: Executor,
  userId: number,
  status: DistributorStatus,
  at: Date,
) {
  await db.update(distributors).set({ status, updatedAt: at }).where(eq(distributors.userId, userId));
}

export async function updateDistributorGrade(db: Executor, userId: number, gradeId: number | null, at: Date) {
  await db.update(distributors).set({ gradeId, updatedAt: at }).where(eq(distributors.userId, userId));
}

export async function insertHistory(db: Executor, row: typeof distributorHistory.$inferInsert) {
  await db.insert(distributorHistory).values(row);
}

export async function findHistory(db: Executor, userId: number) {
  return db
    .select()
    .from(distributorHistory)
    .where(eq(distributorHistory.userId, userId))
    .orderBy(desc(distributorHistory.id))
    .limit(100);
}

/** Paid, net-of-refund purchase facts of a shopper (orders are the commerce area's; read only). */
export async function findPurchaseFacts(db: Executor, userId: number) {
  const [row] = await queryRows<{ orders: number; spend: number; products: string[] | null }>(
    db,
    sql`select count(distinct o.id)::int as orders,
               coalesce((select sum(payable_fen - refunded_fen) from orders
                         where buyer_user_id = ${userId} and paid_at is not null), 0)::bigint as spend,
               array_agg(distinct i.product_id::text) filter (where i.product_id is not null) as products
        from orders o left join order_items i on i.order_id = o.id
        where o.buyer_user_id = ${userId} and o.paid_at is not null and o.status <> 'refunded'`,
  );
  return {
    paidOrderCount: row?.orders ?? 0,
    paidSpendFen: Number(row?.spend ?? 0),
    products: row?.products ?? [],
  };
}

export async function insertApplication(db: Executor, row: typeof distributorApplications.$inferInsert) {
  const [inserted] = await db.insert(distributorApplications).values(row).onConflictDoNothing().returning();
  return inserted ?? null;
}

export async function findLatestApplication(db: Executor, userId: number): Promise<ApplicationRow | null> {
  const rows = await db
    .select()
    .from(distributorApplications)
    .where(eq(distributorApplications.userId, userId))
    .orderBy(desc(distributorApplications.id))
    .limit(1);
  return rows[0] ?? null;
}

export async function lockApplication(db: Executor, id: number): Promise<ApplicationRow | null> {
  const rows = await db
    .select()
    .from(distributorApplications)
    .where(eq(distributorApplications.id, id))
    .for("update");
  return rows[0] ?? null;
}

export async function updateApplication(db: Executor, id: number, values: Partial<ApplicationRow>) {
  await db.update(distributorApplications).set(values).where(eq(distributorApplications.id, id));
}

export async function listApplications(
  db: Executor,
  status: ApplicationRow["status"],
  limit: number,
  cursor?: number,
) {
  // the review queue names the applicant by their account (nickname, login phone), not only the form's fields
  return db
    .select({
      ...getTableColumns(distributorApplications),
      nickname: users.nickname,
      accountPhone: users.phone,
    })
    .from(distributorApplications)
    .innerJoin(users, eq(users.id, distributorApplications.userId))
    .where(
      and(
        eq(distributorApplications.status, status),
        cursor ? lt(distributorApplications.id, cursor) : undefined,
      ),
    )
    .orderBy(desc(distributorApplications.id))
    .limit(limit);
}

export type DistributorListRow = DistributorRow & {
  nickname: string;
  phone: string | null;
  directCount: number;
};

export async function listDistributors(
  db: Executor,
  filter: { status?: DistributorStatus; limit: number; cursor?: number },
): Promise<DistributorListRow[]> {
  return queryRows<DistributorListRow>(
    db,
    sql`select d.user_id as "userId", d.status, d.invite_code as "inviteCode", d.grade_id as "gradeId",
               d.granted_via as "grantedVia", d.joined_at as "joinedAt", d.updated_at as "updatedAt",
               u.nickname, u.phone,
               coalesce((select t.members from team_stats t where t.user_id = d.user_id and t.level = 1), 0)::int as "directCount"
        from distributors d join users u on u.id = d.user_id
        where true ${filter.status ? sql`and d.status = ${filter.status}` : sql``}
          ${filter.cursor ? sql`and d.user_id < ${filter.cursor}` : sql``}
        order by d.user_id desc limit ${filter.limit}`,
  );
}
