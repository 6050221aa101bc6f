// Review queries: the lines of an order with their reviews, one review, a product's visible reviews and
// their summary, and the staff list.
import { and, count, desc, eq, lt, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { users } from "../../db/schema/accounts.ts";
import { orderItems, orders, products } from "../../db/schema/commerce.ts";
import { reviews } from "../../db/schema/reviews.ts";

export type ReviewRow = typeof reviews.$inferSelect & { author: string };

const reviewColumns = { review: reviews, author: users.nickname };
const withAuthor = (rows: { review: typeof reviews.$inferSelect; author: string }[]): ReviewRow[] =>
  rows.map((r) => ({ ...r.review, author: r.author }));

/** An order line with its order (for the buyer check) and its review, if any. */
export async function findLineForReview(db: Executor, orderItemId: number) {
  const [row] = await db
    .select({
      orderId: orders.id,
      buyerUserId: orders.buyerUserId,
      orderStatus: orders.status,
      productId: orderItems.productId,
      skuLabel: orderItems.skuLabel,
      quantity: orderItems.quantity,
      refundedQuantity: orderItems.refundedQuantity,
      reviewId: reviews.id,
    })
    .from(orderItems)
    .innerJoin(orders, eq(orders.id, orderItems.orderId))
    .leftJoin(reviews, eq(reviews.orderItemId, orderItems.id))
    .where(eq(orderItems.id, orderItemId));
  return row;
}

export async function findOrderLinesForReview(db: Executor, orderId: number) {
  return db
    .select({
      orderItemId: orderItems.id,
      productId: orderItems.productId,
      title: orderItems.title,
      skuLabel: orderItems.skuLabel,
      imageUrl: orderItems.imageUrl,
      quantity: orderItems.quantity,
      refundedQuantity: orderItems.refundedQuantity,
      orderStatus: orders.status,
      buyerUserId: orders.buyerUserId,
      reviewId: reviews.id,
    })
    .from(orderItems)
    .innerJoin(orders, eq(orders.id, orderItems.orderId))
    .leftJoin(reviews, eq(reviews.orderItemId, orderItems.id))
    .where(eq(orderItems.orderId, orderId))
    .orderBy(orderItems.id);
}

/** Inserts the review; null when the line already has one (the unique index decides a race). */
export async function insertReview(db: Executor, row: typeof reviews.$inferInsert) {
  const [created] = await db.insert(reviews).values(row).onConflictDoNothing().returning();
  return created ?? null;
}

export async function findReview(db: Executor, id: number): Promise<ReviewRow | undefined> {
  const rows = await db
    .select(reviewColumns)
    .from(reviews)
    .innerJoin(users, eq(users.id, reviews.userId))
    .where(eq(reviews.id, id));
  return withAuthor(rows)[0];
}

export async function lockReview(db: Executor, id: number) {
  const [row] = await db.select().from(reviews).where(eq(reviews.id, id)).for("update");
  return row;
}

export async function updateReview(db: Executor, id: number, patch: Partial<typeof reviews.$inferInsert>) {
  await db.update(reviews).set(patch).where(eq(reviews.id, id));
}

export async function listProductReviews(
  db: Executor,
  productId: number,
  q: { cursor?: number | undefined; limit: number; withPhotos?: boolean },
): Promise<ReviewRow[]> {
  const rows = await db
    .select(reviewColumns)
    .from(reviews)
    .innerJoin(users, eq(users.id, reviews.userId))
    .where(
      and(
        eq(reviews.productId, productId),
        eq(reviews.status, "visible"),
        q.cursor ? lt(reviews.id, q.cursor) : undefined,
        q.withPhotos ? sql`jsonb_array_length(${reviews.photos}) > 0` : undefined,
      ),
    )
    .orderBy(desc(reviews.id))
    .limit(q.limit);
  return withAuthor(rows);
}

export async function summariseProductReviews(db: Executor, productId: number) {
  const rows = await db
    .select({
      rating: reviews.rating,
      n: count(),
      withPhotos: sql<number>`count(*) filter (where jsonb_array_length(${reviews.photos}) > 0)::int`,
    })
    .from(reviews)
    .where(and(eq(reviews.productId, productId), eq(reviews.status, "visible")))
    .groupBy(reviews.rating);
  const stars = [1, 2, 3, 4, 5].map((s) => Number(rows.find((r) => r.rating === s)?.n ?? 0));
  const total = stars.reduce((a, b) => a + b, 0);
  const sum = stars.reduce((a, n, i) => a + n * (i + 1), 0);
  return {
    count: total,
    average: total === 0 ? 0 : Math.round((sum * 10) / total) / 10,
    withPhotos: rows.reduce((a, r) => a + Number(r.withPhotos), 0),
    stars,
  };
}

export async function listStaffReviews(
  db: Executor,
  q: { status?: "visible" | "hidden" | undefined; cursor?: number | undefined; limit: number },
) {
  return db
    .select({ ...reviewColumns, productTitle: products.title })
    .from(reviews)
    .innerJoin(users, eq(users.id, reviews.userId))
    .innerJoin(products, eq(products.id, reviews.productId))
    .where(
      and(
        q.status ? eq(reviews.status, q.status) : undefined,
        q.cursor ? lt(reviews.id, q.cursor) : undefined,
      ),
    )
    .orderBy(desc(reviews.id))
    .limit(q.limit);
}
