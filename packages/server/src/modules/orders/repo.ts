// Order queries: the SKU facts checkout prices from, orders with their lines, parcels and timeline,
// guarded status moves (compare-and-set on the status) and the sweeps' SKIP LOCKED batches.
import { and, asc, desc, eq, gte, inArray, lt, lte, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { users } from "../../db/schema/accounts.ts";
import {
  afterSales,
  orderEvents,
  orderItems,
  orders,
  products,
  shipments,
  skus,
} from "../../db/schema/commerce.ts";
import { columnsOf, insertRows, runStatement, updateStatement } from "../../db/statement.ts";

export type OrderRow = typeof orders.$inferSelect;
export type OrderItemRow = typeof orderItems.$inferSelect;
export type OrderStatus = OrderRow["status"];

/** An order row's columns, keyed as the query builder's select() keys them (checkout's fixed statements). */
export const ORDER_COLUMNS = columnsOf(orders, '"orders"');
const ORDER_ITEM_COLUMNS = columnsOf(orderItems, '"order_items"');

const skuForSale = {
  skuId: skus.id,
  productId: skus.productId,
  specValues: skus.specValues,
  priceFen: skus.priceFen,
  stock: skus.stock,
  weightGrams: skus.weightGrams,
  skuImageUrl: skus.imageUrl,
  skuCommissionRule: skus.commissionRule,
  archived: skus.archived,
  title: products.title,
  images: products.images,
  status: products.status,
  specAxes: products.specAxes,
  purchaseLimit: products.purchaseLimit,
  kind: products.kind,
  serviceValidDays: products.serviceValidDays,
  freightTemplateId: products.freightTemplateId,
  categoryId: products.categoryId,
  productCommissionRule: products.commissionRule,
};

export async function findSkuForSale(db: Executor, skuId: number) {
  const [row] = await db
    .select(skuForSale)
    .from(skus)
    .innerJoin(products, eq(products.id, skus.productId))
    .where(eq(skus.id, skuId));
  return row ?? null;
}

export type SkuForSale = NonNullable<Awaited<ReturnType<typeof findSkuForSale>>>;

/** skuForSale's columns for a fixed statement over `skus s join products p`. */
const SKU_FOR_SALE_COLUMNS = Object.entries(skuForSale)
  .map(([key, column]) => `${column.table === skus ? "s" : "p"}."${column.name}" as "${key}"`)
  .join(", ");

export async function findSkusForSale(db: Executor, skuIds: number[]): Promise<SkuForSale[]> {
  if (skuIds.length === 0) return [];
  return runStatement<SkuForSale>(
    db,
    `select ${SKU_FOR_SALE_COLUMNS} from skus s join products p on p.id = s.product_id
     where s.id = any($1::bigint[])`,
    [`{${skuIds.map((id) => Math.trunc(id)).join(",")}}`],
  );
}

/** The buyer's phone, the contact of an order that has no address (service goods). */
export async function findUserPhone(db: Executor, userId: number): Promise<string | null> {
  const [row] = await db.select({ phone: users.phone }).from(users).where(eq(users.id, userId));
  return row?.phone ?? null;
}

/** Serialises one shopper's orders while a purchase limit is checked, so two tabs cannot both pass it. */
export async function lockBuyer(tx: Executor, userId: number): Promise<void> {
  await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for("update");
}

export async function findBoughtQuantities(db: Executor, userId: number, productIds: number[]) {
  if (productIds.length === 0) return [];
  return db
    .select({ productId: orderItems.productId, orderState: orders.status, quantity: orderItems.quantity })
    .from(orderItems)
    .innerJoin(orders, eq(orders.id, orderItems.orderId))
    .where(and(eq(orders.buyerUserId, userId), inArray(orderItems.productId, productIds)));
}

export async function nextOrderSequence(tx: Executor): Promise<number> {
  const result = (await tx.execute(sql`select nextval('order_no_seq') as n`)) as unknown as {
    rows: { n: number | string }[];
  };
  return Number(result.rows[0]!.n);
}

export async function insertOrder(tx: Executor, values: typeof orders.$inferInsert): Promise<OrderRow> {
  const [row] = await insertRows<OrderRow>(tx, orders, [values], `returning ${ORDER_COLUMNS}`);
  return row!;
}

export async function insertOrderItems(
  tx: Executor,
  values: (typeof orderItems.$inferInsert)[],
): Promise<OrderItemRow[]> {
  return insertRows<OrderItemRow>(tx, orderItems, values, `returning ${ORDER_ITEM_COLUMNS}`);
}

export async function insertOrderEvent(tx: Executor, values: typeof orderEvents.$inferInsert): Promise<void> {
  await insertRows(tx, orderEvents, [values]);
}

export async function lockOrder(
  tx: Executor,
  where: { orderId: number } | { orderNo: string },
): Promise<OrderRow | null> {
  const condition = "orderId" in where ? eq(orders.id, where.orderId) : eq(orders.orderNo, where.orderNo);
  const [row] = await tx.select().from(orders).where(condition).for("update");
  return row ?? null;
}

export async function findOrder(
  db: Executor,
  where: { orderId: number } | { orderNo: string },
): Promise<OrderRow | null> {
  const condition = "orderId" in where ? eq(orders.id, where.orderId) : eq(orders.orderNo, where.orderNo);
  const [row] = await db.select().from(orders).where(condition);
  return row ?? null;
}

/** Who an order belongs to and where it stands: the few columns a check needs (no JSON to parse). */
export async function findOrderState(db: Executor, where: { orderId: number } | { orderNo: string }) {
  const [row] = await runStatement<{
    id: number;
    orderNo: string;
    buyerUserId: number;
    status: OrderStatus;
    paidAt: Date | null;
  }>(
    db,
    `select id, order_no as "orderNo", buyer_user_id as "buyerUserId", status, paid_at as "paidAt" from orders
     where ${"orderId" in where ? "id = $1" : "order_no = $1"}`,
    ["orderId" in where ? where.orderId : where.orderNo],
  );
  return row ?? null;
}

/** An order by number with its first item's title and item count (what a payment's subject shows). */
export async function findOrderWithSubject(db: Executor, orderNo: string) {
  const [row] = await runStatement<{
    id: number;
    orderNo: string;
    buyerUserId: number;
    status: OrderStatus;
    payableFen: number;
    walletFen: number;
    closeDueAt: Date | null;
    firstTitle: string | null;
    itemCount: number;
  }>(
    db,
    // An aggregate, not `order by id limit 1`, so the planner reads the order's items by order_id and never
    // walks the primary key of every item ever sold.
    `select o.id, o.order_no as "orderNo", o.buyer_user_id as "buyerUserId", o.status, o.payable_fen as "payableFen",
            o.wallet_fen as "walletFen", o.close_due_at as "closeDueAt",
            (select (array_agg(i.title order by i.id))[1] from order_items i where i.order_id = o.id) as "firstTitle",
            (select count(*)::int from order_items i where i.order_id = o.id) as "itemCount"
     from orders o where o.order_no = $1`,
    [orderNo],
  );
  if (!row) return null;
  const { firstTitle, itemCount, ...order } = row;
  return { order, firstTitle, itemCount };
}

/** Moves an order only if it is still in the status the caller decided from. */
export async function updateOrderIfStatus(
  tx: Executor,
  orderId: number,
  from: OrderStatus,
  values: Partial<typeof orders.$inferInsert>,
): Promise<OrderRow | null> {
  const fixed = updateStatement(
    orders,
    values,
    `"orders"."id" = $2 and "orders"."status" = $3`,
    `returning ${ORDER_COLUMNS}`,
  );
  if (fixed) {
    const [row] = await runStatement<OrderRow>(tx, fixed.text, [fixed.param, orderId, from]);
    return row ?? null;
  }
  const [row] = await tx
    .update(orders)
    .set(values)
    .where(and(eq(orders.id, orderId), eq(orders.status, from)))
    .returning();
  return row ?? null;
}

export async function updateOrderRow(
  tx: Executor,
  orderId: number,
  values: Partial<typeof orders.$inferInsert>,
) {
  const [row] = await tx.update(orders).set(values).where(eq(orders.id, orderId)).returning();
  return row ?? null;
}

export async function findOrderItems(db: Executor, orderIds: number[]): Promise<OrderItemRow[]> {
  if (orderIds.length === 0) return [];
  return db
    .select()
    .from(orderItems)
    .where(inArray(orderItems.orderId, orderIds))
    .orderBy(asc(orderItems.id));
}

export async function findShipments(db: Executor, orderId: number) {
  return db.select().from(shipments).where(eq(shipments.orderId, orderId)).orderBy(asc(shipments.id));
}

export async function insertShipments(tx: Executor, values: (typeof shipments.$inferInsert)[]) {
  return tx.insert(shipments).values(values).returning();
}

export async function findOrderEvents(db: Executor, orderId: number) {
  return db.select().from(orderEvents).where(eq(orderEvents.orderId, orderId)).orderBy(asc(orderEvents.id));
}

/**
 * Adds an order's quantities to its products' sales counts, in one statement: on this connection's slot
 * rows (product_sales_slots), in product order, so concurrent payments of one popular product rarely wait
 * on one another and never deadlock.
 */
export async function addSalesCountOfOrder(tx: Executor, orderId: number): Promise<void> {
  await runStatement(
    tx,
    `insert into product_sales_slots (product_id, slot, quantity)
     select product_id, pg_backend_pid() % 16, sum(quantity)::int from order_items
     where order_id = $1 group by product_id order by product_id
     on conflict (product_id, slot) do update set quantity = product_sales_slots.quantity + excluded.quantity`,
    [orderId],
  );
}

const dueColumn = {
  pending_payment: orders.closeDueAt,
  shipped: orders.autoReceiveDueAt,
  received: orders.completeDueAt,
} as const;

/**
 * Locks a batch of orders in a status whose deadline has passed; rows another process holds are skipped,
 * so any number of sweepers share the work.
 */
export async function lockDueOrders(
  tx: Executor,
  status: keyof typeof dueColumn,
  now: Date,
  limit: number,
): Promise<OrderRow[]> {
  const due = dueColumn[status];
  // A received order with an open after-sale waits; it completes on the first sweep after that closes.
  const noOpenAfterSale =
    status === "received"
      ? sql`not exists (select 1 from ${afterSales} where ${afterSales.orderId} = ${orders.id} and ${afterSales.status} not in ('rejected', 'cancelled', 'refunded'))`
      : undefined;
  return tx
    .select()
    .from(orders)
    .where(and(eq(orders.status, status), lte(due, now), noOpenAfterSale))
    .orderBy(asc(due))
    .limit(limit)
    .for("update", { skipLocked: true });
}

export type OrderListFilter = {
  buyerUserId?: number | undefined;
  status?: OrderStatus | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  phone?: string | undefined;
  orderNo?: string | undefined;
  cursor?: number | undefined;
  limit: number;
};

export async function listOrders(db: Executor, f: OrderListFilter): Promise<OrderRow[]> {
  return db
    .select()
    .from(orders)
    .where(
      and(
        f.buyerUserId !== undefined ? eq(orders.buyerUserId, f.buyerUserId) : undefined,
        f.status ? eq(orders.status, f.status) : undefined,
        f.from ? gte(orders.placedAt, f.from) : undefined,
        f.to ? lt(orders.placedAt, f.to) : undefined,
        f.phone ? eq(orders.contactPhone, f.phone) : undefined,
        f.orderNo ? eq(orders.orderNo, f.orderNo) : undefined,
        f.cursor ? lt(orders.id, f.cursor) : undefined,
      ),
    )
    .orderBy(desc(orders.id))
    .limit(f.limit);
}
