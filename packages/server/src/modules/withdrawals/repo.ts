// Withdrawal rows: insert, lock, compare-and-set moves, today's totals and the lists.
import { and, desc, eq, inArray, lt, sql } from "drizzle-orm";
import { type Executor, queryRows } from "../../db/client.ts";
import { type WithdrawalRowStatus, withdrawals } from "../../db/schema/distribution.ts";

export type WithdrawalRow = typeof withdrawals.$inferSelect;

export async function insertWithdrawal(
  db: Executor,
  row: typeof withdrawals.$inferInsert,
): Promise<WithdrawalRow> {
  const [inserted] = await db.insert(withdrawals).values(row).returning();
  return inserted!;
}

export async function lockWithdrawal(db: Executor, id: number): Promise<WithdrawalRow | null> {
  const rows = await db.select().from(withdrawals).where(eq(withdrawals.id, id)).for("update");
  return rows[0] ?? null;
}

export async function findWithdrawal(db: Executor, id: number): Promise<WithdrawalRow | null> {
  const rows = await db.select().from(withdrawals).where(eq(withdrawals.id, id));
  return rows[0] ?? null;
}

export async function moveWithdrawalIf(
  db: Executor,
  id: number,
  from: WithdrawalRowStatus[],
  values: Partial<WithdrawalRow>,
): Promise<WithdrawalRow | null> {
  const [row] = await db
    .update(withdrawals)
    .set(values)
    .where(and(eq(withdrawals.id, id), inArray(withdrawals.status, from)))
    .returning();
  return row ?? null;
}

export async function findTodayTotals(db: Executor, userId: number, date: string) {
  const [row] = await queryRows<{ count: number; amount: number }>(
    db,
    sql`select count(*)::int as count, coalesce(sum(amount_fen), 0)::bigint as amount from withdrawals
        where user_id = ${userId} and business_date = ${date} and status <> 'rejected'`,
  );
  return { count: row?.count ?? 0, amountFen: Number(row?.amount ?? 0) };
}

export async function listWithdrawals(
  db: Executor,
  filter: { userId?: number; status?: WithdrawalRowStatus; limit: number; cursor?: number },
) {
  return db
    .select()
    .from(withdrawals)
    .where(
      and(
        filter.userId === undefined ? undefined : eq(withdrawals.userId, filter.userId),
        filter.status === undefined ? undefined : eq(withdrawals.status, filter.status),
        filter.cursor === undefined ? undefined : lt(withdrawals.id, filter.cursor),
      ),
    )
    .orderBy(desc(withdrawals.id))
    .limit(filter.limit);
}

export async function findPayingIds(db: Executor, limit: number): Promise<number[]> {
  const rows = await db
    .select({ id: withdrawals.id })
    .from(withdrawals)
    .where(eq(withdrawals.status, "paying"))
    .limit(limit);
  return rows.map((r) => r.id);
}
