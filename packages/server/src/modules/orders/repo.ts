// Order queries: the SKU facts checkout prices from, orders with their lines, parcels and timeline,
// guarded status moves (compare-and-set on the status) and the sweeps' SKIP LOCKED batches.
import { buildShanghaiTimestamp } from "@liebian/domain";
import { and, asc, desc, eq, gte, inArray, lt, lte, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { refusalOf } from "../../db/errors.ts";
import { users } from "../../db/schema/accounts.ts";
import {
  type AddressSnapshot,
  afterSales,
  type freightTemplates,
  orderEvents,
  orderItems,
  orders,
  products,
  shipments,
  skus,
} from "../../db/schema/commerce.ts";
import { columnsOf, insertRows, runStatement, updateStatement } from "../../db/statement.ts";
import { AppError } from "../../errors/app-error.ts";
import { keyTakenSql, type writeKeyParams, writeKeySql } from "../../http/idempotency.ts";
import { type ChainFactRow, chainFactsSql } from "../commissions/repo.ts";
import type { PlannedSnapshot } from "../commissions/snapshot.ts";

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

export type CheckoutFreightTemplate = Pick<
  typeof freightTemplates.$inferSelect,
  "id" | "mode" | "defaultRule" | "regionRules" | "freeOverFen" | "freeOverPieces"
>;

/** Everything a checkout prices and places from, read together (loadCheckoutFacts). */
export type CheckoutFacts = {
  skus: SkuForSale[];
  /** The shopper's own address of that id; null when none was asked for or it is not theirs. */
  address: AddressSnapshot | null;
  /** The freight templates the SKUs' products name. */
  freightTemplates: CheckoutFreightTemplate[];
  /** The buyer's phone: the contact of an order that has no address (service goods). */
  buyerPhone: string | null;
  /** The buyer (depth 0) and their upline, when asked for (placing with distribution on); else empty. */
  chain: ChainFactRow[];
};

/**
 * Checkout's one read: the SKUs with their products, the shopper's address, the products' freight templates,
 * the buyer's phone and (for a placing with distribution on) the buyer's referral chain as of `$5`, each part
 * a JSON column, so pricing costs one round trip. Running activities and settings come from the process's
 * copies (marketing/running-activities.ts, settings/service.ts).
 */
const CHECKOUT_FACTS = `with
  -- the SKUs as they are now, with their products (findSkusForSale's columns)
  picked as materialized (
    select ${SKU_FOR_SALE_COLUMNS} from skus s join products p on p.id = s.product_id
    where s.id = any($1::bigint[]))
select
  (select coalesce(json_agg(picked), '[]'::json) from picked) as skus,
  -- the shopper's own address (another shopper's reads as none)
  (select row_to_json(a) from (
     select name, phone, province_code as "provinceCode", city_code as "cityCode",
            district_code as "districtCode", region_text as "regionText", detail
     from addresses where id = $3::bigint and user_id = $2::bigint) a) as address,
  -- the freight templates those products name
  (select coalesce(json_agg(t), '[]'::json) from (
     select id, mode, default_rule as "defaultRule", region_rules as "regionRules",
            free_over_fen as "freeOverFen", free_over_pieces as "freeOverPieces"
     from freight_templates where id in (select "freightTemplateId" from picked)) t) as "freightTemplates",
  -- the buyer's phone
  (select phone from users where id = $2::bigint) as "buyerPhone",
  -- the buyer and their upline for the distribution snapshot, only when asked for
  (select coalesce(json_agg(c), '[]'::json) from (${chainFactsSql("$2::bigint", "$5::timestamptz")}) c
   where $4::boolean) as chain`;

export async function loadCheckoutFacts(
  db: Executor,
  q: { userId: number; skuIds: number[]; addressId: number | null; chainAt: Date | null },
): Promise<CheckoutFacts> {
  const [row] = await runStatement<CheckoutFacts>(db, CHECKOUT_FACTS, [
    `{${q.skuIds.map((id) => Math.trunc(id)).join(",")}}`,
    q.userId,
    q.addressId,
    q.chainAt !== null,
    (q.chainAt ?? new Date(0)).toISOString(),
  ]);
  return row!;
}

type NewOrder = Pick<
  typeof orders.$inferInsert,
  | "buyerUserId"
  | "activityKind"
  | "goodsFen"
  | "discountFen"
  | "freightFen"
  | "payableFen"
  | "pricing"
  | "delivery"
  | "address"
  | "contactPhone"
  | "buyerRemark"
  | "closeDueAt"
> & { placedAt: Date };
type NewOrderItem = Omit<typeof orderItems.$inferInsert, "id" | "orderId" | "giftOf">;

/**
 * A new order and its lines in one statement. The number is the Shanghai time (`$1`, domain
 * buildShanghaiTimestamp) and the order sequence's next value in 8 digits (domain buildOrderNumber's form);
 * the lines arrive as one JSON array. Returns the order row and its lines as written.
 */
const INSERT_PLACED_ORDER = `with
  placed as (
    insert into orders (order_no, buyer_user_id, status, activity_kind, goods_fen, discount_fen, freight_fen,
                        payable_fen, pricing, delivery, address, contact_phone, buyer_remark, placed_at,
                        close_due_at, updated_at)
    values ($1::text || lpad((nextval('order_no_seq') % 100000000)::text, 8, '0'), $2::bigint, 'pending_payment',
            $3::text, $4::bigint, $5::bigint, $6::bigint, $7::bigint, $8::text::jsonb, $9::text, $10::text::jsonb,
            $11::text, $12::text, $13::timestamptz, $14::timestamptz, $13::timestamptz)
    returning ${ORDER_COLUMNS}),
  lines as (
    insert into order_items (order_id, product_id, sku_id, title, sku_label, image_url, unit_price_fen, quantity,
                             list_fen, discount_fen, paid_fen, activity_id, activity_kind, original_unit_fen)
    select placed.id, r.product_id, r.sku_id, r.title, r.sku_label, r.image_url, r.unit_price_fen, r.quantity,
           r.list_fen, r.discount_fen, r.paid_fen, r.activity_id, r.activity_kind, r.original_unit_fen
    from placed, jsonb_to_recordset($15::text::jsonb) as r(
      product_id bigint, sku_id bigint, title text, sku_label text, image_url text, unit_price_fen bigint,
      quantity int, list_fen bigint, discount_fen bigint, paid_fen bigint, activity_id bigint, activity_kind text,
      original_unit_fen bigint)
    returning ${ORDER_ITEM_COLUMNS})
select placed.*, (select json_agg(lines order by lines.id) from lines) as items from placed`;

export async function insertPlacedOrder(
  tx: Executor,
  order: NewOrder,
  lines: NewOrderItem[],
): Promise<{ order: OrderRow; items: OrderItemRow[] }> {
  const [row] = await runStatement<OrderRow & { items: OrderItemRow[] }>(tx, INSERT_PLACED_ORDER, [
    buildShanghaiTimestamp(order.placedAt.getTime()),
    order.buyerUserId,
    order.activityKind ?? null,
    order.goodsFen,
    order.discountFen,
    order.freightFen,
    order.payableFen,
    JSON.stringify(order.pricing),
    order.delivery ?? "shipping",
    order.address == null ? null : JSON.stringify(order.address),
    order.contactPhone,
    order.buyerRemark ?? "",
    order.placedAt.toISOString(),
    order.closeDueAt?.toISOString() ?? null,
    JSON.stringify(
      lines.map((l) => ({
        product_id: l.productId,
        sku_id: l.skuId,
        title: l.title,
        sku_label: l.skuLabel,
        image_url: l.imageUrl ?? null,
        unit_price_fen: l.unitPriceFen,
        quantity: l.quantity,
        list_fen: l.listFen,
        discount_fen: l.discountFen,
        paid_fen: l.paidFen,
        activity_id: l.activityId ?? null,
        activity_kind: l.activityKind ?? null,
        original_unit_fen: l.originalUnitFen ?? null,
      })),
    ),
  ]);
  const { items, ...placed } = row!;
  return { order: placed as OrderRow, items };
}

/**
 * What follows a new order's rows, in one statement, each part a named step:
 * - `locked`, `moved`, `logged`: the stock of each line, its SKU rows locked in id order first (two orders
 *   never wait on each other in a cycle; `no key update`, the lock the update itself takes, which the order
 *   lines' foreign keys of concurrent orders do not block), then a guarded decrement that moves only a SKU with enough left
 *   (stock/repo.ts moveStock's rule) and its stock log row. The rows returned are the SKUs moved; one
 *   missing means too little stock, and the caller refuses the order (its transaction writes nothing).
 *   The SKUs are named by key (`id = any(…)`, the pkey read in id order): joined to the lines, which the
 *   planner prices at 100 rows, every order read the whole SKU table twice in a catalogue of thousands
 *   (10,000 SKUs: 11.4 against 2.2 ms under EXPLAIN ANALYZE).
 * - `placed_event`: the order's timeline starts with its placing.
 * - `snapshot`: the distribution snapshot (commissions/snapshot.ts planSnapshot), when there is one.
 * - `message`: `order.placed` for the outbox.
 * - `answer`: the request's answer under its Idempotency-Key (http/idempotency.ts), when it has one.
 */
const WRITE_PLACING = `with
  wanted as (select * from jsonb_to_recordset($1::text::jsonb) as m(sku_id bigint, quantity int)),
  locked as (select id from skus where id = any(array(select sku_id from wanted)) order by id for no key update),
  moved as (
    update skus s set stock = s.stock - w.quantity from wanted w
    where s.id = w.sku_id and s.id = any(array(select id from locked)) and s.stock - w.quantity >= 0
    returning s.id, s.stock, w.quantity),
  logged as (
    insert into stock_logs (sku_id, delta, stock_after, reason, order_id, user_id)
    select id, -quantity, stock, 'order_placed', $2::bigint, $3::bigint from moved),
  placed_event as (
    insert into order_events (order_id, kind, actor_kind, actor_id, at)
    values ($2::bigint, 'place', 'user', $3::bigint, $4::timestamptz)),
  snapshot as (
    insert into order_distribution (order_id, buyer_user_id, placed_at, plan, chain, buyer, items, activity_kind)
    select $2::bigint, $3::bigint, $4::timestamptz, d.plan, d.chain, d.buyer, d.items, d.activity_kind
    from jsonb_to_record($5::text::jsonb) as d(plan jsonb, chain jsonb, buyer jsonb, items jsonb, activity_kind text)
    where $5::text is not null
    on conflict do nothing),
  message as (
    insert into outbox (topic, payload, created_at, next_attempt_at)
    values ('order.placed', $6::text::jsonb, $4::timestamptz, $4::timestamptz)),
  answer as (${writeKeySql(7, "moved")})
-- a SKU whose stock was short, or a key already answered, refuses the whole order (nothing above is kept):
-- raised here, not returned, as POST /orders sends its COMMIT right behind this statement
select app_refuse('STOCK_INSUFFICIENT', jsonb_build_object('skuId', min(w.sku_id))) from wanted w
where w.sku_id not in (select id from moved) having count(*) > 0
union all ${keyTakenSql(7, "answer")}`;

/**
 * Takes a placed order's stock, starts its timeline, writes its distribution snapshot and its `order.placed`
 * message (WRITE_PLACING); a SKU too short of stock refuses it all (STOCK_INSUFFICIENT, the lowest such SKU
 * id). `endsTransaction`: nothing follows in the caller's transaction (its COMMIT rides behind).
 */
export async function writePlacing(
  tx: Executor,
  placing: {
    orderId: number;
    buyerUserId: number;
    payableFen: number;
    at: Date;
    lines: { skuId: number; quantity: number }[];
    snapshot: PlannedSnapshot | null;
    /** writeKeyParams of the request's key and answer (all null: no key). */
    answer: ReturnType<typeof writeKeyParams>;
  },
  endsTransaction: boolean,
): Promise<void> {
  const { orderId, buyerUserId, snapshot } = placing;
  const values = [
    JSON.stringify(placing.lines.map((l) => ({ sku_id: l.skuId, quantity: l.quantity }))),
    orderId,
    buyerUserId,
    placing.at.toISOString(),
    snapshot &&
      JSON.stringify({
        plan: snapshot.plan,
        chain: snapshot.chain,
        buyer: snapshot.buyer,
        items: snapshot.items,
        activity_kind: snapshot.activityKind,
      }),
    JSON.stringify({ orderId, buyerUserId, payableFen: placing.payableFen }),
    ...placing.answer,
  ];
  try {
    await runStatement(tx, WRITE_PLACING, values, { endsTransaction });
  } catch (error) {
    const refused = refusalOf(error);
    if (refused?.code === "STOCK_INSUFFICIENT")
      throw new AppError("STOCK_INSUFFICIENT", "Not enough stock", refused.details);
    throw error;
  }
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

/** An order's payable facts with its first item's title and item count (what a payment's subject shows). */
export type OrderWithSubject = {
  order: {
    id: number;
    orderNo: string;
    buyerUserId: number;
    status: OrderStatus;
    payableFen: number;
    walletFen: number;
    closeDueAt: Date | null;
  };
  firstTitle: string | null;
  itemCount: number;
};

/** An order by number with its first item's title and item count (what a payment's subject shows). */
export async function findOrderWithSubject(db: Executor, orderNo: string): Promise<OrderWithSubject | null> {
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

/** Slot rows per product for its sales count: each connection adds to its own. */
export const PRODUCT_SALES_SLOTS = 16;

/**
 * Adds an order's quantities to its products' sales counts, in one statement: on this connection's slot
 * rows (product_sales_slots), in product order, so concurrent payments of one popular product rarely wait
 * on one another and never deadlock.
 */
export async function addSalesCountOfOrder(tx: Executor, orderId: number): Promise<void> {
  await runStatement(
    tx,
    `insert into product_sales_slots (product_id, slot, quantity)
     select product_id, pg_backend_pid() % ${PRODUCT_SALES_SLOTS}, sum(quantity)::int from order_items
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
