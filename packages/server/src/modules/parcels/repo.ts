// Parcel tracks: written when a parcel ships, claimed in small batches when due, updated with the
// carrier's answer, read per order.
import { and, asc, eq, inArray, isNotNull, lte, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { orders } from "../../db/schema/commerce.ts";
import { parcelTracks } from "../../db/schema/parcels.ts";

export type TrackRow = typeof parcelTracks.$inferSelect;

export async function insertTracks(tx: Executor, values: (typeof parcelTracks.$inferInsert)[]) {
  if (values.length > 0) await tx.insert(parcelTracks).values(values).onConflictDoNothing();
}

/**
 * Takes up to `limit` tracks due at `now` (optionally of one order) and moves their due time to
 * `leaseUntil` in the same statement, so no other process asks the carrier about them meanwhile; a crash
 * leaves them due again after the lease. Reads only the due index: flat however many parcels ever shipped.
 */
export async function claimDueTracks(
  db: Executor,
  now: Date,
  leaseUntil: Date,
  limit: number,
  orderId?: number,
): Promise<TrackRow[]> {
  const due = db
    .select({ id: parcelTracks.shipmentId })
    .from(parcelTracks)
    .where(
      and(
        isNotNull(parcelTracks.dueAt),
        lte(parcelTracks.dueAt, now),
        orderId === undefined ? undefined : eq(parcelTracks.orderId, orderId),
      ),
    )
    .orderBy(asc(parcelTracks.dueAt))
    .limit(limit)
    .for("update", { skipLocked: true });
  return db
    .update(parcelTracks)
    .set({ dueAt: leaseUntil })
    .where(inArray(parcelTracks.shipmentId, due))
    .returning();
}

export async function updateTrack(db: Executor, shipmentId: number, values: Partial<TrackRow>) {
  await db.update(parcelTracks).set(values).where(eq(parcelTracks.shipmentId, shipmentId));
}

export async function findOrderTracks(db: Executor, orderId: number): Promise<TrackRow[]> {
  return db
    .select()
    .from(parcelTracks)
    .where(eq(parcelTracks.orderId, orderId))
    .orderBy(asc(parcelTracks.shipmentId));
}

/** The recipients' phones of these orders (顺丰 asks for one before it tells a route). */
export async function findRecipientPhones(db: Executor, orderIds: number[]): Promise<Map<number, string>> {
  if (orderIds.length === 0) return new Map();
  const rows = await db
    .select({ id: orders.id, phone: sql<string | null>`${orders.address}->>'phone'` })
    .from(orders)
    .where(inArray(orders.id, orderIds));
  return new Map(rows.filter((r) => r.phone).map((r) => [r.id, r.phone!]));
}
