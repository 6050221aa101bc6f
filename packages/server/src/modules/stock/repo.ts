// Stock moves: every change is one guarded UPDATE (never below zero) and its stock log row, in one statement.
import { and, desc, eq, getTableColumns, ilike, lt, lte, or } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { staff } from "../../db/schema/accounts.ts";
import { orders, products, type StockReason, skus, stockLogs } from "../../db/schema/commerce.ts";
import { runStatement } from "../../db/statement.ts";

export type StockMove = {
  skuId: number;
  delta: number;
  reason: StockReason;
  orderId?: number | null;
  staffId?: number | null;
  userId?: number | null;
  afterSaleId?: number | null;
  note?: string | null;
};

/**
 * Applies a stock change when it leaves the stock at zero or more; returns the new stock, or null
 * when there was too little. The WHERE clause is the limit, so concurrent orders cannot oversell.
 */
export async function moveStock(tx: Executor, move: StockMove): Promise<number | null> {
  // One statement: the log row is written only when the guarded update found enough stock.
  const [row] = await runStatement<{ stock: number }>(
    tx,
    `with moved as (
       update skus set stock = stock + $1::int where id = $2 and stock + $1::int >= 0 returning id, stock)
     insert into stock_logs (sku_id, delta, stock_after, reason, order_id, staff_id, user_id, after_sale_id, note)
     select id, $1::int, stock, $3::text, $4::bigint, $5::bigint, $6::bigint, $7::bigint, $8::text
     from moved returning stock_after as stock`,
    [
      move.delta,
      move.skuId,
      move.reason,
      move.orderId ?? null,
      move.staffId ?? null,
      move.userId ?? null,
      move.afterSaleId ?? null,
      move.note ?? null,
    ],
  );
  return row ? row.stock : null;
}

export async function listStockLog(
  db: Executor,
  q: { skuId?: number | undefined; q?: string | undefined; cursor?: number | undefined; limit: number },
) {
  // Staff look a SKU up by what they see (the product's title or the SKU code), not by its id; the id
  // filter stays for links from a SKU row. LIKE wildcards typed by staff match literally.
  const text = q.q ? `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  // one joined query: the SKU by its product's title and spec, the order by its number, staff by name
  const rows = await db
    .select({
      ...getTableColumns(stockLogs),
      title: products.title,
      specAxes: products.specAxes,
      specValues: skus.specValues,
      skuCode: skus.code,
      orderNo: orders.orderNo,
      staffName: staff.name,
    })
    .from(stockLogs)
    .innerJoin(skus, eq(skus.id, stockLogs.skuId))
    .innerJoin(products, eq(products.id, skus.productId))
    .leftJoin(orders, eq(orders.id, stockLogs.orderId))
    .leftJoin(staff, eq(staff.id, stockLogs.staffId))
    .where(
      and(
        q.skuId ? eq(stockLogs.skuId, q.skuId) : undefined,
        text ? or(ilike(products.title, text), ilike(skus.code, text)) : undefined,
        q.cursor ? lt(stockLogs.id, q.cursor) : undefined,
      ),
    )
    .orderBy(desc(stockLogs.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit).map(({ specAxes, specValues, ...row }) => ({
    ...row,
    skuLabel: specValues.map((v, i) => `${specAxes[i]?.name ?? ""}:${v}`).join(" / "),
  }));
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
