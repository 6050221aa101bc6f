// After-sale queries: the after-sale with its lines, what an order's lines already have held or refunded,
// guarded status moves, and the lists.
import { and, asc, desc, eq, gt, inArray, lt, notInArray, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { afterSaleItems, afterSales, orderItems } from "../../db/schema/commerce.ts";

export type AfterSaleRow = typeof afterSales.$inferSelect;
export type AfterSaleItemRow = typeof afterSaleItems.$inferSelect;
export type AfterSaleStatus = AfterSaleRow["status"];

/** Statuses that no longer hold units or money against the order. */
const released = ["rejected", "cancelled"] as const;

/** Per order line: units and fen held by open after-sales or already refunded. */
export async function findHeldByLine(db: Executor, orderId: number) {
  return db
    .select({
      orderItemId: afterSaleItems.orderItemId,
      quantity: sql<number>`sum(${afterSaleItems.quantity})`.mapWith(Number),
      refundFen: sql<number>`sum(${afterSaleItems.refundFen})`.mapWith(Number),
    })
    .from(afterSaleItems)
    .innerJoin(afterSales, eq(afterSales.id, afterSaleItems.afterSaleId))
    .where(and(eq(afterSales.orderId, orderId), notInArray(afterSales.status, [...released])))
    .groupBy(afterSaleItems.orderItemId);
}

export async function findHeldFreight(db: Executor, orderId: number): Promise<number> {
  const [row] = await db
    .select({ fen: sql<number>`coalesce(sum(${afterSales.freightRefundFen}), 0)`.mapWith(Number) })
    .from(afterSales)
    .where(and(eq(afterSales.orderId, orderId), notInArray(afterSales.status, [...released])));
  return row?.fen ?? 0;
}

export async function insertAfterSale(
  db: Executor,
  values: typeof afterSales.$inferInsert,
): Promise<AfterSaleRow> {
  const [row] = await db.insert(afterSales).values(values).returning();
  return row!;
}

export async function insertAfterSaleItems(db: Executor, values: (typeof afterSaleItems.$inferInsert)[]) {
  await db.insert(afterSaleItems).values(values);
}

export async function lockAfterSale(db: Executor, id: number): Promise<AfterSaleRow | null> {
  const [row] = await db.select().from(afterSales).where(eq(afterSales.id, id)).for("update");
  return row ?? null;
}

export async function findAfterSale(db: Executor, id: number): Promise<AfterSaleRow | null> {
  const [row] = await db.select().from(afterSales).where(eq(afterSales.id, id));
  return row ?? null;
}

export async function findAfterSaleItems(db: Executor, afterSaleIds: number[]) {
  if (afterSaleIds.length === 0) return [];
  return db
    .select({
      afterSaleId: afterSaleItems.afterSaleId,
      orderItemId: afterSaleItems.orderItemId,
      quantity: afterSaleItems.quantity,
      refundFen: afterSaleItems.refundFen,
      title: orderItems.title,
      skuLabel: orderItems.skuLabel,
      imageUrl: orderItems.imageUrl,
    })
    .from(afterSaleItems)
    .innerJoin(orderItems, eq(orderItems.id, afterSaleItems.orderItemId))
    .where(inArray(afterSaleItems.afterSaleId, afterSaleIds))
    .orderBy(asc(afterSaleItems.id));
}

export async function updateAfterSaleIfStatus(
  db: Executor,
  id: number,
  from: AfterSaleStatus,
  values: Partial<typeof afterSales.$inferInsert>,
): Promise<AfterSaleRow | null> {
  const [row] = await db
    .update(afterSales)
    .set(values)
    .where(and(eq(afterSales.id, id), eq(afterSales.status, from)))
    .returning();
  return row ?? null;
}

export async function addRefundedToLine(db: Executor, orderItemId: number, quantity: number, fen: number) {
  const [row] = await db
    .update(orderItems)
    .set({
      refundedQuantity: sql`${orderItems.refundedQuantity} + ${quantity}`,
      refundedFen: sql`${orderItems.refundedFen} + ${fen}`,
    })
    .where(eq(orderItems.id, orderItemId))
    .returning();
  return row!;
}

export async function listAfterSales(
  db: Executor,
  f: {
    buyerUserId?: number;
    status?: AfterSaleStatus | undefined;
    cursor?: number | undefined;
    limit: number;
  },
): Promise<AfterSaleRow[]> {
  return db
    .select()
    .from(afterSales)
    .where(
      and(
        f.buyerUserId !== undefined ? eq(afterSales.buyerUserId, f.buyerUserId) : undefined,
        f.status ? eq(afterSales.status, f.status) : undefined,
        f.cursor ? lt(afterSales.id, f.cursor) : undefined,
      ),
    )
    .orderBy(desc(afterSales.id))
    .limit(f.limit);
}

export async function updateAfterSaleItemRefund(
  db: Executor,
  afterSaleId: number,
  orderItemId: number,
  fen: number,
) {
  await db
    .update(afterSaleItems)
    .set({ refundFen: fen })
    .where(and(eq(afterSaleItems.afterSaleId, afterSaleId), eq(afterSaleItems.orderItemId, orderItemId)));
}

/** The SKUs and units an after-sale sends back to stock. */
export async function findReturnedSkus(db: Executor, afterSaleId: number) {
  return db
    .select({ skuId: orderItems.skuId, quantity: afterSaleItems.quantity })
    .from(afterSaleItems)
    .innerJoin(orderItems, eq(orderItems.id, afterSaleItems.orderItemId))
    .where(eq(afterSaleItems.afterSaleId, afterSaleId))
    .orderBy(asc(afterSaleItems.id));
}

/** Finance's 待退款确认 queue: approved refund-only after-sales and received returns, oldest first. */
export async function listAwaitingRefund(db: Executor, f: { cursor?: number | undefined; limit: number }) {
  return db
    .select()
    .from(afterSales)
    .where(
      and(
        sql`((${afterSales.kind} = 'refund_only' and ${afterSales.status} = 'approved') or ${afterSales.status} = 'returned')`,
        f.cursor ? gt(afterSales.id, f.cursor) : undefined,
      ),
    )
    .orderBy(asc(afterSales.id))
    .limit(f.limit);
}
