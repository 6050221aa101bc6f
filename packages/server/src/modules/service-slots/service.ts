// Booking slots of service goods (预约): staff add slots with their places and cancel rule; the buyer of a paid
// service order books one (the order's row locked, then a guarded count: never more bookings than places)
// and may cancel it until the rule's hours before the start. Redemption of the code completes the order as before.
import { decideBooking, decideBookingCancel } from "@liebian/domain";
import type { Db } from "../../db/client.ts";
import { inTransaction } from "../../db/transaction.ts";
import type { AppDeps } from "../../deps.ts";
import { AppError, notFound } from "../../errors/app-error.ts";
import type { StaffActor } from "../../http/types.ts";
import { recordAudit } from "../audit/service.ts";
import { findOrderItems, lockOrder } from "../orders/repo.ts";
import {
  cancelBookingRow,
  findLiveBooking,
  findProductKind,
  findSlot,
  givePlaceBack,
  insertBooking,
  insertSlot,
  listSlots,
  type SlotRow,
  takePlace,
} from "./repo.ts";
import type { SlotInput } from "./schemas.ts";

type Deps = Pick<AppDeps, "db" | "now">;

const slotView = (s: SlotRow) => ({ ...s, left: s.capacity - s.booked });

export async function createSlot(deps: Deps, actor: StaffActor, input: SlotInput) {
  if (input.endsAt <= input.startsAt)
    throw new AppError("VALIDATION_FAILED", "A slot must end after it starts", {
      issues: [{ path: ["endsAt"], message: "must be after startsAt" }],
    });
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
