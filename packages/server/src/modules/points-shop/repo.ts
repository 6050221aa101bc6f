// Points-shop queries: the goods, the guarded take of exchange stock, and a shopper's redemptions.
import { and, count, desc, eq, gte, notInArray, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { orders } from "../../db/schema/commerce.ts";
import { pointsShopItems, pointsShopRedemptions } from "../../db/schema/points-shop.ts";

export type PointsShopItemRow = typeof pointsShopItems.$inferSelect;

export async function insertPointsShopItem(db: Executor, values: typeof pointsShopItems.$inferInsert) {
  const [row] = await db.insert(pointsShopItems).values(values).returning();
  return row!;
}

export async function updatePointsShopItem(
  db: Executor,
  id: number,
  values: Partial<typeof pointsShopItems.$inferInsert>,
) {
  const [row] = await db.update(pointsShopItems).set(values).where(eq(pointsShopItems.id, id)).returning();
  return row ?? null;
}

export async function findPointsShopItem(db: Executor, id: number) {
  const [row] = await db.select().from(pointsShopItems).where(eq(pointsShopItems.id, id));
  return row ?? null;
}

export async function listPointsShopItems(db: Executor, onSaleOnly: boolean) {
  return db
    .select()
    .from(pointsShopItems)
    .where(onSaleOnly ? eq(pointsShopItems.onSale, true) : undefined)
    .orderBy(desc(pointsShopItems.id))
    .limit(200);
}

/** The item's row, locked: concurrent redemptions of it queue here and each sees what the one before left. */
export async function lockPointsShopItem(tx: Executor, id: number) {
  const [row] = await tx.select().from(pointsShopItems).where(eq(pointsShopItems.id, id)).for("update");
  return row ?? null;
}

/** Takes one unit of exchange stock (guarded as well: never below zero, never off sale). Null: none taken. */
export async function takeExchangeStock(tx: Executor, id: number) {
  const [row] = await tx
    .update(pointsShopItems)
    .set({ stock: sql`${pointsShopItems.stock} - 1`, redeemed: sql`${pointsShopItems.redeemed} + 1` })
    .where(and(eq(pointsShopItems.id, id), eq(pointsShopItems.onSale, true), gte(pointsShopItems.stock, 1)))
    .returning();
  return row ?? null;
}

/** An unpaid redemption closed or cancelled: its unit goes back to the exchange stock. */
export async function returnExchangeStock(tx: Executor, orderId: number) {
  await tx
    .update(pointsShopItems)
    .set({ stock: sql`${pointsShopItems.stock} + 1`, redeemed: sql`${pointsShopItems.redeemed} - 1` })
    .where(
      eq(
        pointsShopItems.id,
        sql`(select ${pointsShopRedemptions.itemId} from ${pointsShopRedemptions} where ${pointsShopRedemptions.orderId} = ${orderId})`,
      ),
    );
}

/** Units of an item the shopper redeemed whose order was not closed unpaid. */
export async function countRedeemedBy(tx: Executor, itemId: number, userId: number) {
  const [row] = await tx
    .select({ n: count() })
    .from(pointsShopRedemptions)
    .innerJoin(orders, eq(orders.id, pointsShopRedemptions.orderId))
    .where(
      and(
        eq(pointsShopRedemptions.itemId, itemId),
        eq(pointsShopRedemptions.userId, userId),
        notInArray(orders.status, ["cancelled", "closed"]),
      ),
    );
  return row?.n ?? 0;
}

export async function insertRedemption(tx: Executor, values: typeof pointsShopRedemptions.$inferInsert) {
  await tx.insert(pointsShopRedemptions).values(values);
}
