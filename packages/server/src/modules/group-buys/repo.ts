// Queries of group buys: activities, groups (locked while a member joins, pays or the sweep decides), members
// with the state of the order that holds their place.
import { and, asc, desc, eq, gt, inArray, isNull, lt, lte, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { users } from "../../db/schema/accounts.ts";
import { orders, products, skus } from "../../db/schema/commerce.ts";
import { groupBuyActivities, groupBuyGroups, groupBuyMembers } from "../../db/schema/group-buys.ts";

export type ActivityRow = typeof groupBuyActivities.$inferSelect;
export type GroupRow = typeof groupBuyGroups.$inferSelect;
export type MemberRow = typeof groupBuyMembers.$inferSelect;

/** An order that no longer holds a place: never paid, or paid back in full. */
const ENDED = ["cancelled", "closed", "refunded"] as const;

export async function insertActivity(db: Executor, values: typeof groupBuyActivities.$inferInsert) {
  const [row] = await db.insert(groupBuyActivities).values(values).returning();
  return row!;
}

export async function updateActivityRow(db: Executor, id: number, values: Partial<ActivityRow>) {
  const [row] = await db
    .update(groupBuyActivities)
    .set(values)
    .where(eq(groupBuyActivities.id, id))
    .returning();
  return row ?? null;
}

export async function findActivity(db: Executor, id: number) {
  const [row] = await db.select().from(groupBuyActivities).where(eq(groupBuyActivities.id, id));
  return row ?? null;
}

/** The admin's list, newest first. */
export async function listActivities(db: Executor, f: { cursor?: number | undefined; limit: number }) {
  return db
    .select()
    .from(groupBuyActivities)
    .where(f.cursor ? lt(groupBuyActivities.id, f.cursor) : undefined)
    .orderBy(desc(groupBuyActivities.id))
    .limit(f.limit);
}

/** Activities running at `now`, optionally of one product (the product page's group offer). */
export async function listRunningActivities(db: Executor, now: Date, productId?: number) {
  return db
    .select()
    .from(groupBuyActivities)
    .where(
      and(
        lte(groupBuyActivities.startsAt, now),
        gt(groupBuyActivities.endsAt, now),
        productId === undefined ? undefined : eq(groupBuyActivities.productId, productId),
      ),
    )
    .orderBy(asc(groupBuyActivities.endsAt));
}

/** The product and its live SKUs with list prices, for the activity's views. */
export async function findProductWithSkus(db: Executor, productId: number) {
  const [product] = await db
    .select({ id: products.id, title: products.title, images: products.images, kind: products.kind })
    .from(products)
    .where(eq(products.id, productId));
  if (!product) return null;
  const rows = await db
    .select({ id: skus.id, specValues: skus.specValues, priceFen: skus.priceFen, stock: skus.stock })
    .from(skus)
    .where(and(eq(skus.productId, productId), eq(skus.archived, false)));
  return { ...product, skus: rows };
}

export async function insertGroup(db: Executor, values: typeof groupBuyGroups.$inferInsert) {
  const [row] = await db.insert(groupBuyGroups).values(values).returning();
  return row!;
}

export async function findGroup(db: Executor, id: number) {
  const [row] = await db.select().from(groupBuyGroups).where(eq(groupBuyGroups.id, id));
  return row ?? null;
}

/** Serialises joins, payments and the sweep of one group. */
export async function lockGroup(tx: Executor, id: number) {
  const [row] = await tx.select().from(groupBuyGroups).where(eq(groupBuyGroups.id, id)).for("update");
  return row ?? null;
}

export async function updateGroupRow(tx: Executor, id: number, values: Partial<GroupRow>) {
  await tx.update(groupBuyGroups).set(values).where(eq(groupBuyGroups.id, id));
}

export async function insertMember(db: Executor, values: typeof groupBuyMembers.$inferInsert) {
  await db.insert(groupBuyMembers).values(values);
}

export async function findMemberByOrder(db: Executor, orderId: number) {
  const [row] = await db.select().from(groupBuyMembers).where(eq(groupBuyMembers.orderId, orderId));
  return row ?? null;
}

export type MemberWithOrder = MemberRow & {
  orderStatus: string;
  paidAt: Date | null;
  nickname: string;
  avatarUrl: string | null;
};

/** A group's members in joining order, with their order's state and how they appear. */
export async function findMembers(db: Executor, groupIds: number[]): Promise<MemberWithOrder[]> {
  if (groupIds.length === 0) return [];
  return db
    .select({
      id: groupBuyMembers.id,
      groupId: groupBuyMembers.groupId,
      userId: groupBuyMembers.userId,
      orderId: groupBuyMembers.orderId,
      role: groupBuyMembers.role,
      joinedAt: groupBuyMembers.joinedAt,
      refundAfterSaleId: groupBuyMembers.refundAfterSaleId,
      orderStatus: orders.status,
      paidAt: orders.paidAt,
      nickname: users.nickname,
      avatarUrl: users.avatarUrl,
    })
    .from(groupBuyMembers)
    .innerJoin(orders, eq(orders.id, groupBuyMembers.orderId))
    .innerJoin(users, eq(users.id, groupBuyMembers.userId))
    .where(inArray(groupBuyMembers.groupId, groupIds))
    .orderBy(asc(groupBuyMembers.id));
}

/** True while a member's order holds their place (unpaid or paid, not ended or refunded). */
export function holdsPlace(m: Pick<MemberWithOrder, "orderStatus">): boolean {
  return !(ENDED as readonly string[]).includes(m.orderStatus);
}

/** True when a member has paid and not been paid back in full. */
export function hasPaid(m: Pick<MemberWithOrder, "orderStatus" | "paidAt">): boolean {
  return m.paidAt !== null && m.orderStatus !== "refunded";
}

/** Groups of this activity in which the shopper holds a place (the per-person limit counts them). */
export async function countShopperGroups(db: Executor, userId: number, activityId: number): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(groupBuyMembers)
    .innerJoin(groupBuyGroups, eq(groupBuyGroups.id, groupBuyMembers.groupId))
    .innerJoin(orders, eq(orders.id, groupBuyMembers.orderId))
    .where(
      and(
        eq(groupBuyMembers.userId, userId),
        eq(groupBuyGroups.activityId, activityId),
        sql`${orders.status} not in ('cancelled', 'closed', 'refunded')`,
      ),
    );
  return row?.n ?? 0;
}

/** Open groups past their deadline; rows another sweeper holds are skipped. */
export async function lockDueGroups(tx: Executor, now: Date, limit: number): Promise<GroupRow[]> {
  return tx
    .select()
    .from(groupBuyGroups)
    .where(and(eq(groupBuyGroups.status, "open"), lte(groupBuyGroups.expiresAt, now)))
    .orderBy(asc(groupBuyGroups.expiresAt))
    .limit(limit)
    .for("update", { skipLocked: true });
}

/**
 * Locks the member orders of a group, skipping any a payment holds right now; the caller compares the count
 * with the members and leaves the group for the next run if one was skipped (no waiting on a payment, which
 * takes its order before the group: the reverse order would deadlock).
 */
export async function lockMemberOrdersSkipLocked(tx: Executor, orderIds: number[]) {
  if (orderIds.length === 0) return [];
  return tx
    .select({ id: orders.id })
    .from(orders)
    .where(inArray(orders.id, orderIds))
    .for("update", { skipLocked: true });
}

/** Paid members of failed groups not yet refunded (the sweep's second step, and late payments). */
export async function lockMembersToRefund(tx: Executor, limit: number) {
  return tx
    .select({ member: groupBuyMembers, orderNo: orders.orderNo })
    .from(groupBuyMembers)
    .innerJoin(groupBuyGroups, eq(groupBuyGroups.id, groupBuyMembers.groupId))
    .innerJoin(orders, eq(orders.id, groupBuyMembers.orderId))
    .where(
      and(
        eq(groupBuyGroups.status, "failed"),
        isNull(groupBuyMembers.refundAfterSaleId),
        sql`${orders.paidAt} is not null and ${orders.status} in ('paid', 'shipped', 'received')`,
      ),
    )
    .orderBy(asc(groupBuyMembers.id))
    .limit(limit)
    .for("update", { of: groupBuyMembers, skipLocked: true });
}

export async function setMemberRefund(tx: Executor, memberId: number, afterSaleId: number) {
  await tx
    .update(groupBuyMembers)
    .set({ refundAfterSaleId: afterSaleId })
    .where(eq(groupBuyMembers.id, memberId));
}

/** An activity's groups, newest first (the results page). */
export async function listGroupsOfActivity(
  db: Executor,
  f: {
    activityId: number;
    status?: GroupRow["status"] | undefined;
    cursor?: number | undefined;
    limit: number;
  },
) {
  return db
    .select()
    .from(groupBuyGroups)
    .where(
      and(
        eq(groupBuyGroups.activityId, f.activityId),
        f.status ? eq(groupBuyGroups.status, f.status) : undefined,
        f.cursor ? lt(groupBuyGroups.id, f.cursor) : undefined,
      ),
    )
    .orderBy(desc(groupBuyGroups.id))
    .limit(f.limit);
}

/** Counts per status of an activity's groups (the results page's summary). */
export async function countGroupsByStatus(db: Executor, activityId: number) {
  return db
    .select({ status: groupBuyGroups.status, n: sql<number>`count(*)`.mapWith(Number) })
    .from(groupBuyGroups)
    .where(eq(groupBuyGroups.activityId, activityId))
    .groupBy(groupBuyGroups.status);
}
