// What a conversation is about, read for the staff context card and to check that a shopper opens it about
// their own order or after-sale. Read-only views of commerce rows (no other area's rules run here).
import { and, desc, eq, inArray } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { afterSales, orderItems, orders, products, shipments } from "../../db/schema/commerce.ts";

export async function findProductBrief(db: Executor, id: number) {
  const [row] = await db
    .select({ id: products.id, title: products.title, images: products.images })
    .from(products)
    .where(eq(products.id, id));
  return row ? { id: row.id, title: row.title, imageUrl: row.images[0] ?? null } : null;
}

export async function findOrderOwner(db: Executor, id: number): Promise<number | null> {
  const [row] = await db.select({ buyer: orders.buyerUserId }).from(orders).where(eq(orders.id, id));
  return row?.buyer ?? null;
}

export async function findAfterSaleOwner(db: Executor, id: number) {
  const [row] = await db
    .select({ buyer: afterSales.buyerUserId, orderId: afterSales.orderId })
    .from(afterSales)
    .where(eq(afterSales.id, id));
  return row ?? null;
}

/** The order as the desk needs it: lines, parcels and every after-sale of it. */
export async function findOrderCard(db: Executor, id: number) {
  const [order] = await db
    .select({
      id: orders.id,
      orderNo: orders.orderNo,
      status: orders.status,
      payableFen: orders.payableFen,
      refundedFen: orders.refundedFen,
      placedAt: orders.placedAt,
    })
    .from(orders)
    .where(eq(orders.id, id));
  if (!order) return null;
  const [items, parcels, sales] = await Promise.all([
    db
      .select({
        title: orderItems.title,
        skuLabel: orderItems.skuLabel,
        quantity: orderItems.quantity,
        paidFen: orderItems.paidFen,
      })
      .from(orderItems)
      .where(eq(orderItems.orderId, id))
      .orderBy(orderItems.id),
    db
      .select({ carrier: shipments.carrier, trackingNo: shipments.trackingNo })
      .from(shipments)
      .where(eq(shipments.orderId, id))
      .orderBy(shipments.id),
    db
      .select({
        id: afterSales.id,
        kind: afterSales.kind,
        status: afterSales.status,
        refundFen: afterSales.refundFen,
        reason: afterSales.reason,
      })
      .from(afterSales)
      .where(eq(afterSales.orderId, id))
      .orderBy(afterSales.id),
  ]);
  return { ...order, items, parcels, afterSales: sales };
}

export async function findRecentOrders(db: Executor, userId: number, limit = 5) {
  return db
    .select({ id: orders.id, orderNo: orders.orderNo, status: orders.status, payableFen: orders.payableFen })
    .from(orders)
    .where(
      and(
        eq(orders.buyerUserId, userId),
        inArray(orders.status, ["paid", "shipped", "received", "completed", "refunded"]),
      ),
    )
    .orderBy(desc(orders.id))
    .limit(limit);
}
