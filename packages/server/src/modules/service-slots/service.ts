// Booking slots of service goods (预约): staff add slots with their places and cancel rule; the buyer of a paid
// service order books one (the order's row locked, then a guarded count: never more bookings than places)
// and may cancel it until the rule's hours before the start. Redemption of the code completes the order as before.
import { decideBooking, decideBookingCancel } from "@liebian/domain";
import type { Db, Tx } from "../../db/client.ts";
import { inTransaction } from "../../db/transaction.ts";
import type { AppDeps } from "../../deps.ts";
import { AppError, notFound } from "../../errors/app-error.ts";
import type { StaffActor } from "../../http/types.ts";
import { maskPhone } from "../../lib/personal-data.ts";
import { recordAudit } from "../audit/service.ts";
import { findOrderItems, lockOrder } from "../orders/repo.ts";
import {
  cancelBookingRow,
  deleteSlotRow,
  findLiveBooking,
  findProductKind,
  findSlot,
  givePlaceBack,
  insertBooking,
  insertSlot,
  listProductBookings,
  listSlots,
  lockSlot,
  type SlotRow,
  slotHasBookingRows,
  takePlace,
  updateSlot,
} from "./repo.ts";
import type { SlotEdit, SlotInput } from "./schemas.ts";

type Deps = Pick<AppDeps, "db" | "now">;

const slotView = (s: SlotRow) => ({ ...s, left: s.capacity - s.booked });

function assertWindow(input: { startsAt: Date; endsAt: Date }) {
  if (input.endsAt <= input.startsAt)
    throw new AppError("VALIDATION_FAILED", "A slot must end after it starts", {
      issues: [{ path: ["endsAt"], message: "must be after startsAt" }],
    });
}

export async function createSlot(deps: Deps, actor: StaffActor, input: SlotInput) {
  assertWindow(input);
  const row = await inTransaction(deps.db, async (tx) => {
    if ((await findProductKind(tx, input.productId)) !== "service")
      throw new AppError("ORDER_NOT_SERVICE", "Only service goods are booked by slot", {
        productId: input.productId,
      });
    const row = await insertSlot(tx, { ...input, createdAt: deps.now() });
    await recordAudit(tx, actor, {
      action: "slot.create",
      entity: "service_slot",
      entityId: row.id,
      after: row,
    });
    return row;
  });
  return slotView(row);
}

/**
 * Staff change a slot. The row is locked first, so a booking taking a place waits and the check sees every
 * place taken: places never go below those booked, and the time moves only while nobody holds a place (a
 * booked shopper chose that time).
 */
export async function editSlot(deps: Deps, actor: StaffActor, id: number, input: SlotEdit) {
  assertWindow(input);
  const row = await inTransaction(deps.db, async (tx) => {
    const before = await lockSlot(tx, id);
    if (before?.status !== "active") throw notFound("Slot", { id });
    if (input.capacity < before.booked)
      throw new AppError("BOOKING_SLOT_BELOW_BOOKED", "More places are booked than that", {
        booked: before.booked,
      });
    const moved =
      input.startsAt.getTime() !== before.startsAt.getTime() ||
      input.endsAt.getTime() !== before.endsAt.getTime();
    if (moved && before.booked > 0)
      throw new AppError("BOOKING_SLOT_HAS_BOOKINGS", "Shoppers booked this time; it cannot move", {
        booked: before.booked,
      });
    const row = await updateSlot(tx, id, input);
    await recordAudit(tx, actor, {
      action: "slot.update",
      entity: "service_slot",
      entityId: id,
      before,
      after: row,
    });
    return row;
  });
  return slotView(row);
}

/**
 * Staff delete a slot nobody holds a place in. One with cancelled bookings is kept as their history, stopped
 * (gone from the shop and the admin list) rather than removed.
 */
export async function deleteSlot(deps: Deps, actor: StaffActor, id: number) {
  await inTransaction(deps.db, async (tx) => {
    const before = await lockSlot(tx, id);
    if (before?.status !== "active") throw notFound("Slot", { id });
    if (before.booked > 0)
      throw new AppError("BOOKING_SLOT_HAS_BOOKINGS", "Shoppers booked this slot", { booked: before.booked });
    if (await slotHasBookingRows(tx, id)) await updateSlot(tx, id, { status: "stopped" });
    else await deleteSlotRow(tx, id);
    await recordAudit(tx, actor, { action: "slot.delete", entity: "service_slot", entityId: id, before });
  });
  return { deleted: true };
}

export async function getProductBookings(db: Db, productId: number) {
  return (await listProductBookings(db, productId)).map((b) => ({ ...b, phone: maskPhone(b.phone) }));
}

/**
 * A refunded service order gives its booked place back, in the refund's transaction. The order row is locked
 * by the refund, and booking locks it too, so a booking and a refund never cross.
 */
export async function releaseBookingOfRefundedOrder(tx: Tx, orderId: number, at: Date): Promise<boolean> {
  const live = await findLiveBooking(tx, orderId);
  if (!live) return false;
  await cancelBookingRow(tx, live.booking.id, at);
  await givePlaceBack(tx, live.slot.id);
  return true;
}

export async function getSlots(db: Db, productId: number, after: Date | null) {
  return (await listSlots(db, productId, after)).map(slotView);
}

async function ownOrder(tx: Parameters<typeof lockOrder>[0], userId: number, orderId: number) {
  const order = await lockOrder(tx, { orderId });
  if (!order || order.buyerUserId !== userId) throw notFound("Order", { id: orderId });
  return order;
}

export async function bookSlot(deps: Deps, userId: number, orderId: number, slotId: number) {
  return inTransaction(deps.db, async (tx) => {
    const at = deps.now();
    const order = await ownOrder(tx, userId, orderId);
    const slot = await findSlot(tx, slotId);
    if (!slot) throw notFound("Slot", { id: slotId });
    const decision = decideBooking({
      order: {
        status: order.status,
        delivery: order.delivery,
        productIds: (await findOrderItems(tx, [orderId])).map((i) => i.productId),
        booked: (await findLiveBooking(tx, orderId)) !== null,
      },
      slot: { ...slot, startsAtMs: slot.startsAt.getTime(), active: slot.status === "active" },
      nowMs: at.getTime(),
    });
    if (!decision.ok) throw new AppError(decision.code, "This slot cannot be booked", { slotId });
    // The count read above may be stale: the guarded take decides.
    if (!(await takePlace(tx, slotId)))
      throw new AppError("BOOKING_SLOT_FULL", "No places are left in this slot", { slotId });
    await insertBooking(tx, { slotId, orderId, userId, status: "booked", bookedAt: at });
    return (await bookingView(tx, orderId))!;
  });
}

export async function cancelBooking(deps: Deps, userId: number, orderId: number) {
  return inTransaction(deps.db, async (tx) => {
    const at = deps.now();
    const order = await ownOrder(tx, userId, orderId);
    const live = await findLiveBooking(tx, orderId);
    if (!live) throw notFound("Booking", { orderId });
    const decision = decideBookingCancel({
      slotStartsAtMs: live.slot.startsAt.getTime(),
      cancelBeforeHours: live.slot.cancelBeforeHours,
      orderStatus: order.status,
      nowMs: at.getTime(),
    });
    if (!decision.ok)
      throw new AppError(decision.code, "This booking can no longer be cancelled", {
        cancelBeforeHours: live.slot.cancelBeforeHours,
      });
    await cancelBookingRow(tx, live.booking.id, at);
    await givePlaceBack(tx, live.slot.id);
    return { cancelled: true };
  });
}

async function bookingView(db: Parameters<typeof findLiveBooking>[0], orderId: number) {
  const live = await findLiveBooking(db, orderId);
  if (!live) return null;
  return { ...live.booking, slot: slotView({ ...live.slot, booked: live.slot.booked }) };
}

export async function getBooking(deps: Deps, userId: number, orderId: number) {
  const order = await inTransaction(deps.db, (tx) => ownOrder(tx, userId, orderId));
  return { booking: await bookingView(deps.db, order.id) };
}
