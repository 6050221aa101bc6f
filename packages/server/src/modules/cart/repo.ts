// Cart queries: one line per SKU per shopper, read with what the SKU and product look like now.
import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { cartItems, products, skus } from "../../db/schema/commerce.ts";

export const MAX_LINE_QUANTITY = 999;

export async function listCartLines(db: Executor, userId: number) {
  return db
    .select({
      id: cartItems.id,
      skuId: cartItems.skuId,
      quantity: cartItems.quantity,
      selected: cartItems.selected,
      productId: skus.productId,
      title: products.title,
      specValues: skus.specValues,
      imageUrl: sql<string | null>`coalesce(${skus.imageUrl}, ${products.images}->>0)`,
      priceFen: skus.priceFen,
      stock: skus.stock,
      archived: skus.archived,
      status: products.status,
    })
    .from(cartItems)
    .innerJoin(skus, eq(skus.id, cartItems.skuId))
    .innerJoin(products, eq(products.id, skus.productId))
    .where(eq(cartItems.userId, userId))
    .orderBy(asc(cartItems.id));
}

export async function countCartLines(db: Executor, userId: number): Promise<number> {
  const [row] = await db.select({ n: count() }).from(cartItems).where(eq(cartItems.userId, userId));
  return row?.n ?? 0;
}

/** Adds to the line of this SKU, or creates it; the quantity is capped at the per-line maximum. */
export async function upsertCartLine(
  db: Executor,
  userId: number,
  skuId: number,
  quantity: number,
  at: Date,
) {
  await db
    .insert(cartItems)
    .values({ userId, skuId, quantity, selected: true, updatedAt: at })
    .onConflictDoUpdate({
      target: [cartItems.userId, cartItems.skuId],
      set: {
        quantity: sql`least(${cartItems.quantity} + ${quantity}, ${MAX_LINE_QUANTITY})`,
        selected: true,
        updatedAt: at,
      },
    });
}

export async function updateOwnCartLine(
  db: Executor,
  userId: number,
  id: number,
  values: { quantity?: number; selected?: boolean; updatedAt: Date },
): Promise<boolean> {
  const rows = await db
    .update(cartItems)
    .set(values)
    .where(and(eq(cartItems.id, id), eq(cartItems.userId, userId)))
    .returning({ id: cartItems.id });
  return rows.length > 0;
}

export async function selectAllCartLines(db: Executor, userId: number, selected: boolean, at: Date) {
  await db.update(cartItems).set({ selected, updatedAt: at }).where(eq(cartItems.userId, userId));
}

export async function deleteOwnCartLines(db: Executor, userId: number, ids: number[]): Promise<number> {
  const rows = await db
    .delete(cartItems)
    .where(and(eq(cartItems.userId, userId), inArray(cartItems.id, ids)))
    .returning({ id: cartItems.id });
  return rows.length;
}

/** Checkout from the cart removes the SKUs that were ordered. */
export async function deleteCartSkus(db: Executor, userId: number, skuIds: number[]): Promise<void> {
  if (skuIds.length === 0) return;
  await db.delete(cartItems).where(and(eq(cartItems.userId, userId), inArray(cartItems.skuId, skuIds)));
}
