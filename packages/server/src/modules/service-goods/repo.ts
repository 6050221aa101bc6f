// Queries of service goods: redemption codes and the ¥0 grants.
import { and, desc, eq, lt } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { orderItems, products } from "../../db/schema/commerce.ts";
import { redemptionCodes, serviceGrants } from "../../db/schema/service-goods.ts";

export type RedemptionCodeRow = typeof redemptionCodes.$inferSelect;

/** Inserts the order's code once; a second delivery of the same payment finds the first. */
export async function insertRedemptionCodeOnce(
  tx: Executor,
  values: { orderId: number; code: string; issuedAt: Date },
): Promise<void> {
  await tx
    .insert(redemptionCodes)
    .values({ ...values, status: "issued" })
    .onConflictDoNothing({ target: redemptionCodes.orderId });
}

export async function findRedemptionCodeOfOrder(db: Executor, orderId: number) {
  const [row] = await db.select().from(redemptionCodes).where(eq(redemptionCodes.orderId, orderId));
  return row ?? null;
}

export async function lockRedemptionCode(tx: Executor, code: string) {
  const [row] = await tx.select().from(redemptionCodes).where(eq(redemptionCodes.code, code)).for("update");
  return row ?? null;
}

export async function markRedeemed(tx: Executor, id: number, at: Date, staffId: number): Promise<void> {
  await tx
    .update(redemptionCodes)
    .set({ status: "redeemed", redeemedAt: at, redeemedByStaffId: staffId })
    .where(eq(redemptionCodes.id, id));
}

/** The days each service product of an order stays valid unredeemed (null: until redeemed). */
export async function findValidDaysOfOrder(db: Executor, orderId: number): Promise<(number | null)[]> {
  const rows = await db
    .select({ days: products.serviceValidDays })
    .from(orderItems)
    .innerJoin(products, eq(products.id, orderItems.productId))
    .where(eq(orderItems.orderId, orderId));
  return rows.map((r) => r.days);
}

/** The admin's redemption list, newest first, optionally only issued or redeemed codes. */
export async function listRedemptionCodes(
  db: Executor,
  f: { status?: "issued" | "redeemed" | undefined; cursor?: number | undefined; limit: number },
) {
  return db
    .select()
    .from(redemptionCodes)
    .where(
      and(
        f.status ? eq(redemptionCodes.status, f.status) : undefined,
        f.cursor ? lt(redemptionCodes.id, f.cursor) : undefined,
      ),
    )
    .orderBy(desc(redemptionCodes.id))
    .limit(f.limit);
}

export async function findGrant(db: Executor, key: string) {
  const [row] = await db.select().from(serviceGrants).where(eq(serviceGrants.key, key));
  return row ?? null;
}

/** Claims the grant's key; false when another transaction already granted it. */
export async function insertGrantOnce(
  tx: Executor,
  values: { key: string; orderId: number; userId: number; at: Date },
): Promise<boolean> {
  const rows = await tx.insert(serviceGrants).values(values).onConflictDoNothing().returning();
  return rows.length > 0;
}
