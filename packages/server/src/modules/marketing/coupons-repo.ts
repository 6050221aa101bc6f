// Coupon queries: templates, the guarded hand-out (never more than the quantity), what a shopper holds, and the
// guarded use and return of one coupon by an order.
import { and, count, desc, eq, gt, inArray, isNull, lte, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { couponTemplates, userCoupons } from "../../db/schema/marketing.ts";

export type CouponTemplateRow = typeof couponTemplates.$inferSelect;
export type UserCouponRow = typeof userCoupons.$inferSelect;

export async function insertCouponTemplate(tx: Executor, values: typeof couponTemplates.$inferInsert) {
  const [row] = await tx.insert(couponTemplates).values(values).returning();
  return row!;
}

export async function updateCouponTemplate(
  tx: Executor,
  id: number,
  values: Partial<typeof couponTemplates.$inferInsert>,
) {
  const [row] = await tx.update(couponTemplates).set(values).where(eq(couponTemplates.id, id)).returning();
  return row ?? null;
}

export async function findCouponTemplate(db: Executor, id: number) {
  const [row] = await db.select().from(couponTemplates).where(eq(couponTemplates.id, id));
  return row ?? null;
}

export async function listCouponTemplates(db: Executor, q: { claimableOnly: boolean }) {
  return db
    .select()
    .from(couponTemplates)
    .where(
      q.claimableOnly
        ? and(eq(couponTemplates.status, "active"), eq(couponTemplates.claimable, true))
        : undefined,
    )
    .orderBy(desc(couponTemplates.id))
    .limit(200);
}

/**
 * Counts one more coupon handed out when the template is active and not sold out. The row stays locked until
 * commit, so concurrent hand-outs of one template queue here and the per-person count after it is exact.
 */
export async function takeCouponFromTemplate(tx: Executor, id: number, q: { claimable: boolean }) {
  const [row] = await tx
    .update(couponTemplates)
    .set({ issuedCount: sql`${couponTemplates.issuedCount} + 1` })
    .where(
      and(
        eq(couponTemplates.id, id),
        eq(couponTemplates.status, "active"),
        q.claimable ? eq(couponTemplates.claimable, true) : undefined,
        sql`${couponTemplates.issuedCount} < ${couponTemplates.totalQuantity}`,
      ),
    )
    .returning();
  return row ?? null;
}

export async function countUserCoupons(tx: Executor, userId: number, templateId: number) {
  const [row] = await tx
    .select({ n: count() })
    .from(userCoupons)
    .where(and(eq(userCoupons.userId, userId), eq(userCoupons.templateId, templateId)));
  return row?.n ?? 0;
}

/** Inserts a coupon; a reward given before (same template, source and ref) inserts nothing and returns null. */
export async function insertUserCoupon(tx: Executor, values: typeof userCoupons.$inferInsert) {
  const [row] = await tx.insert(userCoupons).values(values).onConflictDoNothing().returning();
  return row ?? null;
}

export async function findUserCouponWithTemplate(db: Executor, couponId: number) {
  const [row] = await db
    .select({ coupon: userCoupons, template: couponTemplates })
    .from(userCoupons)
    .innerJoin(couponTemplates, eq(couponTemplates.id, userCoupons.templateId))
    .where(eq(userCoupons.id, couponId));
  return row ?? null;
}

/** A shopper's coupons with their templates: available (still valid), used, or expired. */
export async function listUserCoupons(
  db: Executor,
  userId: number,
  status: "available" | "used" | "expired",
  now: Date,
) {
  const condition =
    status === "used"
      ? eq(userCoupons.status, "used")
      : status === "available"
        ? and(eq(userCoupons.status, "available"), gt(userCoupons.validTo, now))
        : and(eq(userCoupons.status, "available"), lte(userCoupons.validTo, now));
  return db
    .select({ coupon: userCoupons, template: couponTemplates })
    .from(userCoupons)
    .innerJoin(couponTemplates, eq(couponTemplates.id, userCoupons.templateId))
    .where(and(eq(userCoupons.userId, userId), condition))
    .orderBy(desc(userCoupons.id))
    .limit(100);
}

/** How many of this shopper's coupons each template already gave them. */
export async function countMyCoupons(db: Executor, userId: number, templateIds: number[]) {
  if (templateIds.length === 0) return [];
  return db
    .select({ templateId: userCoupons.templateId, n: count() })
    .from(userCoupons)
    .where(and(eq(userCoupons.userId, userId), inArray(userCoupons.templateId, templateIds)))
    .groupBy(userCoupons.templateId);
}

/** Used coupons per template, for the admin's results. */
export async function countUsedCoupons(db: Executor, templateIds: number[]) {
  if (templateIds.length === 0) return [];
  return db
    .select({ templateId: userCoupons.templateId, n: count() })
    .from(userCoupons)
    .where(and(inArray(userCoupons.templateId, templateIds), eq(userCoupons.status, "used")))
    .groupBy(userCoupons.templateId);
}

/** Marks the shopper's coupon used by an order, only if it is theirs and still available: never used twice. */
export async function useCoupon(
  tx: Executor,
  q: { couponId: number; userId: number; orderId: number; at: Date },
) {
  const rows = await tx
    .update(userCoupons)
    .set({ status: "used", usedOrderId: q.orderId, usedAt: q.at })
    .where(
      and(
        eq(userCoupons.id, q.couponId),
        eq(userCoupons.userId, q.userId),
        eq(userCoupons.status, "available"),
        isNull(userCoupons.usedOrderId),
      ),
    )
    .returning({ id: userCoupons.id });
  return rows.length > 0;
}

/** Gives an order's coupon back (the order closed unpaid, or was refunded in full); true when one was. */
export async function returnCouponOfOrder(tx: Executor, orderId: number): Promise<boolean> {
  const rows = await tx
    .update(userCoupons)
    .set({ status: "available", usedOrderId: null, usedAt: null })
    .where(and(eq(userCoupons.usedOrderId, orderId), eq(userCoupons.status, "used")))
    .returning({ id: userCoupons.id });
  return rows.length > 0;
}

export async function findRewardCoupon(db: Executor, templateId: number, sourceRef: string) {
  const [row] = await db
    .select({ id: userCoupons.id })
    .from(userCoupons)
    .where(
      and(
        eq(userCoupons.templateId, templateId),
        eq(userCoupons.source, "reward"),
        eq(userCoupons.sourceRef, sourceRef),
      ),
    );
  return row ?? null;
}
