// Activity queries: the running ones with their activity stock (checkout's one load), the admin list with
// results, saving with the SKU rows, the guarded activity-stock moves and what a shopper bought in an activity.
import { and, desc, eq, gt, inArray, ne, notInArray, sql } from "drizzle-orm";
import { type Executor, queryRows } from "../../db/client.ts";
import {
  ACTIVITY_DISCOUNT_IDS,
  ACTIVITY_DISCOUNTS,
  orderItems,
  orders,
  products,
  skus,
} from "../../db/schema/commerce.ts";
import { activities, activitySkus } from "../../db/schema/marketing.ts";

export type ActivityRow = typeof activities.$inferSelect;
/** `participants`: units taken in the activity by everyone (a group challenge prices by it). */
export type RunningActivityRow = ActivityRow & { stock: Record<string, number> | null; participants: number };

/** Active activities not yet ended (started or not), each with its SKUs' activity stock — one query. */
export async function findRunningActivities(db: Executor, now: Date): Promise<RunningActivityRow[]> {
  return queryRows<RunningActivityRow>(
    db,
    sql`select a.id, a.kind, a.name, a.args, a.starts_at as "startsAt", a.ends_at as "endsAt", a.status,
          a.created_at as "createdAt", a.updated_at as "updatedAt",
          (select jsonb_object_agg(s.sku_id::text, s.stock) from ${activitySkus} s
            where s.activity_id = a.id and s.stock is not null) as stock,
          (select coalesce(sum(s.sold), 0)::int from ${activitySkus} s where s.activity_id = a.id) as participants
        from ${activities} a where a.status = 'active' and a.ends_at > ${now.toISOString()}::timestamptz`,
  );
}

export async function findActivity(db: Executor, id: number): Promise<ActivityRow | null> {
  const [row] = await db.select().from(activities).where(eq(activities.id, id));
  return row ?? null;
}

export async function lockActivity(tx: Executor, id: number): Promise<ActivityRow | null> {
  const [row] = await tx.select().from(activities).where(eq(activities.id, id)).for("update");
  return row ?? null;
}

export async function listActivities(db: Executor, kinds: readonly string[]) {
  return db
    .select()
    .from(activities)
    .where(inArray(activities.kind, [...kinds]))
    .orderBy(desc(activities.id))
    .limit(200);
}

export async function insertActivity(tx: Executor, values: typeof activities.$inferInsert) {
  const [row] = await tx.insert(activities).values(values).returning();
  return row!;
}

export async function updateActivity(
  tx: Executor,
  id: number,
  values: Partial<typeof activities.$inferInsert>,
) {
  const [row] = await tx.update(activities).set(values).where(eq(activities.id, id)).returning();
  return row!;
}

/** Each activity's SKU rows with what staff recognise them by: the product's title and the SKU's spec. */
export async function findActivitySkus(db: Executor, activityIds: number[]) {
  if (activityIds.length === 0) return [];
  return db
    .select({
      activityId: activitySkus.activityId,
      skuId: activitySkus.skuId,
      stock: activitySkus.stock,
      sold: activitySkus.sold,
      productId: skus.productId,
      productTitle: products.title,
      specValues: skus.specValues,
      priceFen: skus.priceFen,
    })
    .from(activitySkus)
    .innerJoin(skus, eq(skus.id, activitySkus.skuId))
    .innerJoin(products, eq(products.id, skus.productId))
    .where(inArray(activitySkus.activityId, activityIds));
}

/** Replaces an activity's SKU rows, keeping what was sold of SKUs that stay. */
export async function replaceActivitySkus(
  tx: Executor,
  activityId: number,
  rows: { skuId: number; stock: number | null }[],
) {
  const kept = rows.map((r) => r.skuId);
  await tx
    .delete(activitySkus)
    .where(
      and(
        eq(activitySkus.activityId, activityId),
        kept.length ? notInArray(activitySkus.skuId, kept) : undefined,
      ),
    );
  if (rows.length === 0) return;
  await tx
    .insert(activitySkus)
    .values(rows.map((r) => ({ activityId, ...r })))
    .onConflictDoUpdate({
      target: [activitySkus.activityId, activitySkus.skuId],
      set: { stock: sql`excluded.stock` },
    });
}

/**
 * Other active activities of these kinds, not ended by `from` and starting before `to`, that name any of these
 * SKUs (the overlap the editor refuses).
 */
export async function findOverlappingActivities(
  db: Executor,
  q: { exceptId: number | null; kinds: readonly string[]; skuIds: number[]; from: Date; to: Date },
) {
  if (q.skuIds.length === 0) return [];
  return db
    .selectDistinct({ id: activities.id, name: activities.name, skuId: activitySkus.skuId })
    .from(activitySkus)
    .innerJoin(activities, eq(activities.id, activitySkus.activityId))
    .where(
      and(
        inArray(activitySkus.skuId, q.skuIds),
        inArray(activities.kind, [...q.kinds]),
        eq(activities.status, "active"),
        gt(activities.endsAt, q.from),
        sql`${activities.startsAt} < ${q.to.toISOString()}::timestamptz`,
        q.exceptId === null ? undefined : ne(activities.id, q.exceptId),
      ),
    );
}

/**
 * Takes `quantity` of an activity's SKU stock (and counts it sold) when enough is left; a SKU without
 * separate stock only counts. Returns false when too little was left: concurrent orders never oversell it.
 */
export async function takeActivityStock(tx: Executor, activityId: number, skuId: number, quantity: number) {
  const rows = await tx
    .update(activitySkus)
    .set({
      stock: sql`case when ${activitySkus.stock} is null then null else ${activitySkus.stock} - ${quantity}::int end`,
      sold: sql`${activitySkus.sold} + ${quantity}::int`,
    })
    .where(
      and(
        eq(activitySkus.activityId, activityId),
        eq(activitySkus.skuId, skuId),
        sql`(${activitySkus.stock} is null or ${activitySkus.stock} >= ${quantity}::int)`,
      ),
    )
    .returning({ skuId: activitySkus.skuId });
  return rows.length > 0;
}

/** Gives activity stock back (an unpaid order closed). */
export async function returnActivityStock(tx: Executor, activityId: number, skuId: number, quantity: number) {
  await tx
    .update(activitySkus)
    .set({
      stock: sql`case when ${activitySkus.stock} is null then null else ${activitySkus.stock} + ${quantity}::int end`,
      sold: sql`greatest(${activitySkus.sold} - ${quantity}::int, 0)`,
    })
    .where(and(eq(activitySkus.activityId, activityId), eq(activitySkus.skuId, skuId)));
}

/** Units this shopper bought in each activity, over orders not closed or cancelled. */
export async function findActivityUnitsBought(db: Executor, userId: number, activityIds: number[]) {
  if (activityIds.length === 0) return [];
  return db
    .select({ activityId: orderItems.activityId, units: sql<number>`sum(${orderItems.quantity})::int` })
    .from(orderItems)
    .innerJoin(orders, eq(orders.id, orderItems.orderId))
    .where(
      and(
        eq(orders.buyerUserId, userId),
        inArray(orderItems.activityId, activityIds),
        notInArray(orders.status, ["closed", "cancelled"]),
      ),
    )
    .groupBy(orderItems.activityId);
}

/** An activity's results: orders, units and what buyers paid, over orders that were paid. */
export async function findActivityResults(db: Executor, activityIds: number[]) {
  if (activityIds.length === 0) return [];
  return db
    .select({
      activityId: orderItems.activityId,
      orders: sql<number>`count(distinct ${orders.id})::int`,
      units: sql<number>`sum(${orderItems.quantity})::int`,
      paidFen: sql<number>`sum(${orderItems.paidFen})::bigint`,
    })
    .from(orderItems)
    .innerJoin(orders, eq(orders.id, orderItems.orderId))
    .where(and(inArray(orderItems.activityId, activityIds), sql`${orders.paidAt} is not null`))
    .groupBy(orderItems.activityId);
}

/**
 * Orders (paid) that a threshold activity discounted, and how much it took off them. Reads only the orders
 * these activities discounted, through orders_activity_discounts_idx (the same expression and predicate), so
 * the page costs what the activities sold, not what the shop ever sold.
 */
export async function findActivityDiscountResults(db: Executor, activityIds: number[]) {
  if (activityIds.length === 0) return [];
  // a PostgreSQL text[] literal: the ids are integers, nothing to quote
  const ids = `{${activityIds.join(",")}}`;
  const rows = await queryRows<{ activityId: string; orders: number; discountFen: string }>(
    db,
    sql`select d->>'sourceId' as "activityId", count(distinct o.id)::int as orders,
          sum((d->>'amountFen')::bigint)::text as "discountFen"
        from ${orders} o cross join lateral jsonb_array_elements(o.pricing->'discounts') d
        where jsonb_path_query_array(o.pricing, ${sql.raw(`'${ACTIVITY_DISCOUNT_IDS}'`)}) ?| ${ids}::text[]
          and jsonb_path_exists(o.pricing, ${sql.raw(`'${ACTIVITY_DISCOUNTS}'`)})
          and o.paid_at is not null and d->>'source' = 'activity' and d->>'sourceId' = any(${ids}::text[])
        group by 1`,
  );
  return rows.map((r) => ({
    activityId: Number(r.activityId),
    orders: r.orders,
    discountFen: Number(r.discountFen),
  }));
}

/**
 * What a first-order offer needs of a shopper: whether a distributor's link bound them (not staff), and how
 * many of their orders were paid or still await payment. `lock` takes their user row first, so two orders
 * placed at once are counted one after the other and only one of them is the first (a statement of its own:
 * the count must be read after the wait, not in the snapshot taken before it).
 */
export async function findFirstOrderFacts(db: Executor, userId: number, lock: boolean, now: Date) {
  if (lock) await queryRows(db, sql`select 1 from users where id = ${userId} for update`);
  const [row] = await queryRows<{ referred: boolean; orders: number }>(
    db,
    sql`select exists(select 1 from referral_bindings b where b.user_id = u.id and b.source <> 'staff'
                      and (b.expires_at is null or b.expires_at > ${now.toISOString()}::timestamptz)) as referred,
               (select count(*) from orders o where o.buyer_user_id = u.id
                  and o.status not in ('cancelled', 'closed'))::int as orders
        from users u where u.id = ${userId}`,
  );
  return { referred: row?.referred === true, paidOrderCount: row?.orders ?? 0 };
}
