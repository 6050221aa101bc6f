// Booking-slot queries: slots of a product, the guarded take and give-back of a place, an order's live booking.
import { and, asc, desc, eq, gt, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { users } from "../../db/schema/accounts.ts";
import { orders, products } from "../../db/schema/commerce.ts";
import { serviceSlots, slotBookings } from "../../db/schema/service-goods.ts";

export type SlotRow = typeof serviceSlots.$inferSelect;

export async function findProductKind(db: Executor, productId: number) {
  const [row] = await db.select({ kind: products.kind }).from(products).where(eq(products.id, productId));
  return row?.kind ?? null;
}

export async function insertSlot(tx: Executor, values: typeof serviceSlots.$inferInsert) {
  const [row] = await tx.insert(serviceSlots).values(values).returning();
  return row!;
}

/**
 * A product's slots in time order, deleted (stopped) ones left out; `after` keeps only those starting later
 * (the shop's choice).
 */
export async function listSlots(db: Executor, productId: number, after: Date | null) {
  return db
    .select()
    .from(serviceSlots)
    .where(
      and(
        eq(serviceSlots.productId, productId),
        eq(serviceSlots.status, "active"),
        after ? gt(serviceSlots.startsAt, after) : undefined,
      ),
    )
    .orderBy(asc(serviceSlots.startsAt))
    .limit(200);
}

export async function findSlot(db: Executor, id: number) {
  const [row] = await db.select().from(serviceSlots).where(eq(serviceSlots.id, id));
  return row ?? null;
}

export async function lockSlot(tx: Executor, id: number) {
  const [row] = await tx.select().from(serviceSlots).where(eq(serviceSlots.id, id)).for("update");
  return row ?? null;
}

export async function updateSlot(
  tx: Executor,
  id: number,
  values: Partial<Pick<SlotRow, "startsAt" | "endsAt" | "capacity" | "cancelBeforeHours" | "status">>,
) {
  const [row] = await tx.update(serviceSlots).set(values).where(eq(serviceSlots.id, id)).returning();
  return row!;
}

/** Whether any booking (live or cancelled) names the slot: such a slot is kept as history, not deleted. */
export async function slotHasBookingRows(db: Executor, slotId: number) {
  const [row] = await db
    .select({ id: slotBookings.id })
    .from(slotBookings)
    .where(eq(slotBookings.slotId, slotId))
    .limit(1);
  return row !== undefined;
}

export async function deleteSlotRow(tx: Executor, id: number) {
  await tx.delete(serviceSlots).where(eq(serviceSlots.id, id));
}

/** A product's bookings for staff, newest first, with the order and who booked. */
export async function listProductBookings(db: Executor, productId: number) {
  return db
    .select({
      id: slotBookings.id,
      status: slotBookings.status,
      bookedAt: slotBookings.bookedAt,
      cancelledAt: slotBookings.cancelledAt,
      orderId: slotBookings.orderId,
      orderNo: orders.orderNo,
      orderStatus: orders.status,
      userId: slotBookings.userId,
      nickname: users.nickname,
      phone: users.phone,
      slotId: serviceSlots.id,
      startsAt: serviceSlots.startsAt,
      endsAt: serviceSlots.endsAt,
    })
    .from(slotBookings)
    .innerJoin(serviceSlots, eq(serviceSlots.id, slotBookings.slotId))
    .innerJoin(orders, eq(orders.id, slotBookings.orderId))
    .innerJoin(users, eq(users.id, slotBookings.userId))
    .where(eq(serviceSlots.productId, productId))
    .orderBy(desc(slotBookings.id))
    .limit(500);
}

/** Takes one place when one is left: concurrent bookings queue on the row and never pass capacity. */
export async function takePlace(tx: Executor, slotId: number) {
  const rows = await tx
    .update(serviceSlots)
    .set({ booked: sql`${serviceSlots.booked} + 1` })
    .where(
      and(
        eq(serviceSlots.id, slotId),
        eq(serviceSlots.status, "active"),
        sql`${serviceSlots.booked} < ${serviceSlots.capacity}`,
      ),
    )
    .returning({ id: serviceSlots.id });
  return rows.length > 0;
}

export async function givePlaceBack(tx: Executor, slotId: number) {
  await tx
    .update(serviceSlots)
    .set({ booked: sql`${serviceSlots.booked} - 1` })
    .where(and(eq(serviceSlots.id, slotId), gt(serviceSlots.booked, 0)));
}

export async function findLiveBooking(db: Executor, orderId: number) {
  const [row] = await db
    .select({ booking: slotBookings, slot: serviceSlots })
    .from(slotBookings)
    .innerJoin(serviceSlots, eq(serviceSlots.id, slotBookings.slotId))
    .where(and(eq(slotBookings.orderId, orderId), eq(slotBookings.status, "booked")));
  return row ?? null;
}

export async function insertBooking(tx: Executor, values: typeof slotBookings.$inferInsert) {
  const [row] = await tx.insert(slotBookings).values(values).returning();
  return row!;
}

export async function cancelBookingRow(tx: Executor, id: number, at: Date) {
  await tx
    .update(slotBookings)
    .set({ status: "cancelled", cancelledAt: at })
    .where(and(eq(slotBookings.id, id), eq(slotBookings.status, "booked")));
}
