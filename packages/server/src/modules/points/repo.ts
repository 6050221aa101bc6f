// Points queries: the balance row, the keyed transaction with its entries, an order's points so far, and a
// shopper's history.

import type { PointsTransaction } from "@liebian/domain";
import { and, desc, eq, inArray, lt, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { pointsBalances, pointsEntries, pointsTransactions } from "../../db/schema/marketing.ts";

export async function findPointsBalance(db: Executor, userId: number) {
  const [row] = await db.select().from(pointsBalances).where(eq(pointsBalances.userId, userId));
  return row ?? { userId, points: 0, pending: 0 };
}

/**
 * Writes a points transaction once: null when its key was already written (the event happened before).
 * The caller then moves the balance in the same database transaction.
 */
export async function insertPointsTransaction(tx: Executor, t: PointsTransaction, at: Date) {
  const [row] = await tx
    .insert(pointsTransactions)
    .values({
      idempotencyKey: t.idempotencyKey,
      kind: t.kind,
      userId: t.userId,
      orderId: t.orderId,
      points: t.points,
      owed: t.owed,
      createdAt: at,
    })
    .onConflictDoNothing({ target: pointsTransactions.idempotencyKey })
    .returning({ id: pointsTransactions.id });
  if (!row) return null;
  if (t.entries.length > 0)
    await tx.insert(pointsEntries).values(t.entries.map((e) => ({ transactionId: row.id, ...e })));
  return row;
}

/**
 * Takes `points` spendable points when the shopper has them: the row lock makes two concurrent spends queue,
 * and the second sees what the first left. False: not enough (nothing changed).
 */
export async function takeSpendablePoints(tx: Executor, userId: number, points: number): Promise<boolean> {
  const rows = await tx
    .update(pointsBalances)
    .set({ points: sql`${pointsBalances.points} - ${points}` })
    .where(and(eq(pointsBalances.userId, userId), sql`${pointsBalances.points} >= ${points}`))
    .returning({ userId: pointsBalances.userId });
  return rows.length === 1;
}

/** Adds to a shopper's balance (either part may be negative; the table's check keeps both ≥ 0). */
export async function addToPointsBalance(
  tx: Executor,
  userId: number,
  delta: { points: number; pending: number },
) {
  await tx
    .insert(pointsBalances)
    // PostgreSQL checks the proposed row before the conflict: a first row starts from what is added to it
    .values({ userId, points: Math.max(0, delta.points), pending: Math.max(0, delta.pending) })
    .onConflictDoUpdate({
      target: pointsBalances.userId,
      set: {
        points: sql`${pointsBalances.points} + ${delta.points}`,
        pending: sql`${pointsBalances.pending} + ${delta.pending}`,
      },
    });
}

export async function lockPointsBalance(tx: Executor, userId: number) {
  const [row] = await tx.select().from(pointsBalances).where(eq(pointsBalances.userId, userId)).for("update");
  return row ?? { userId, points: 0, pending: 0 };
}

/** An order's points transactions with their entries (a handful per order). */
export async function findOrderPointsEntries(db: Executor, orderId: number) {
  return db
    .select({
      kind: pointsTransactions.kind,
      owed: pointsTransactions.owed,
      transactionId: pointsTransactions.id,
      account: pointsEntries.account,
      points: pointsEntries.points,
    })
    .from(pointsTransactions)
    .leftJoin(pointsEntries, eq(pointsEntries.transactionId, pointsTransactions.id))
    .where(eq(pointsTransactions.orderId, orderId));
}

export async function listPointsHistory(
  db: Executor,
  userId: number,
  q: { beforeId?: number; limit: number },
) {
  return db
    .select({
      id: pointsTransactions.id,
      kind: pointsTransactions.kind,
      orderId: pointsTransactions.orderId,
      points: pointsTransactions.points,
      owed: pointsTransactions.owed,
      createdAt: pointsTransactions.createdAt,
    })
    .from(pointsTransactions)
    .where(
      and(
        eq(pointsTransactions.userId, userId),
        q.beforeId === undefined ? undefined : lt(pointsTransactions.id, q.beforeId),
      ),
    )
    .orderBy(desc(pointsTransactions.id))
    .limit(q.limit);
}

/** Each account's sum over every entry (the audit: balances equal their entries, and all sum to zero). */
export async function sumPointsAccounts(db: Executor, accounts: string[]) {
  return db
    .select({ account: pointsEntries.account, points: sql<number>`sum(${pointsEntries.points})::int` })
    .from(pointsEntries)
    .where(inArray(pointsEntries.account, accounts))
    .groupBy(pointsEntries.account);
}
