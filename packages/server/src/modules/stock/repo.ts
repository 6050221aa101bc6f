// Stock moves: every change is one guarded UPDATE (never below zero) plus a stock log row in the same transaction.
import { and, desc, eq, lt, lte, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { products, type StockReason, skus, stockLogs } from "../../db/schema/commerce.ts";

export type StockMove = {
  skuId: number;
  delta: number;
  reason: StockReason;
  orderId?: number | null;
  staffId?: number | null;
  userId?: number | null;
  note?: string | null;
};

/**
 * Applies a stock change when it leaves the stock at zero or more; returns the new stock, or null
 * when there was too little. The WHERE clause is the limit, so concurrent orders cannot oversell.
 */
export async function moveStock(tx: Executor, move: StockMove): Promise<number | null> {
  const [row] = await tx
    .update(skus)
    .set({ stock: sql`${skus.stock} + ${move.delta}` })
    .where(and(eq(skus.id, move.skuId), sql`${skus.stock} + ${move.delta} >= 0`))
    .returning({ stock: skus.stock });
  if (!row) return null;
  await tx.insert(stockLogs).values({
    skuId: move.skuId,
    delta: move.delta,
    stockAfter: row.stock,
    reason: move.reason,
    orderId: move.orderId ?? null,
    staffId: move.staffId ?? null,
    userId: move.userId ?? null,
    note: move.note ?? null,
  });
  return row.stock;
}

export async function listStockLog(
  db: Executor,
  q: { skuId?: number | undefined; cursor?: number | undefined; limit: number },
) {
  const rows = await db
    .select()
    .from(stockLogs)
    .where(
      and(
        q.skuId ? eq(stockLogs.skuId, q.skuId) : undefined,
        q.cursor ? lt(stockLogs.id, q.cursor) : undefined,
      ),
    )
    .orderBy(desc(stockLogs.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  return { items: page, nextCursor: rows.length > q.limit ? (page.at(-1)?.id ?? null) : null };
}

/** Live SKUs at or under a threshold, emptiest first. */
export async function listLowStock(db: Executor, threshold: number, limit: number) {
  return db
    .select({
      skuId: skus.id,
      productId: skus.productId,
      title: products.title,
      specValues: skus.specValues,
      code: skus.code,
      stock: skus.stock,
      status: products.status,
    })
    .from(skus)
    .innerJoin(products, eq(products.id, skus.productId))
    .where(and(lte(skus.stock, threshold), eq(skus.archived, false)))
    .orderBy(skus.stock, skus.id)
    .limit(limit);
}
