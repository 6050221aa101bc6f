// Booking slots of service goods (预约): whether a paid service order may book a slot, and whether a booking
// may still be cancelled. Capacity itself is enforced by the server's guarded count, never by reading it here.

export type BookingRefusal =
  | "BOOKING_ORDER_NOT_BOOKABLE"
  | "BOOKING_SLOT_WRONG_PRODUCT"
  | "BOOKING_SLOT_PAST"
  | "BOOKING_SLOT_FULL"
  | "BOOKING_EXISTS";

export type BookingFacts = {
  order: { status: string; delivery: string; productIds: readonly number[]; booked: boolean };
  slot: { productId: number; startsAtMs: number; capacity: number; booked: number; active: boolean };
  nowMs: number;
};

/**
 * A slot may be booked by a service order awaiting redemption (paid, code issued), for its own product, before
 * the slot starts, while places are left, once per order (cancel first to move it).
 * Example: a class at 10:00 with 5 of 5 places taken → BOOKING_SLOT_FULL.
 */
export function decideBooking(f: BookingFacts): { ok: true } | { ok: false; code: BookingRefusal } {
  if (f.order.delivery !== "redemption" || f.order.status !== "shipped")
    return { ok: false, code: "BOOKING_ORDER_NOT_BOOKABLE" };
  if (!f.order.productIds.includes(f.slot.productId))
    return { ok: false, code: "BOOKING_SLOT_WRONG_PRODUCT" };
  if (!f.slot.active || f.slot.startsAtMs <= f.nowMs) return { ok: false, code: "BOOKING_SLOT_PAST" };
  if (f.order.booked) return { ok: false, code: "BOOKING_EXISTS" };
  if (f.slot.booked >= f.slot.capacity) return { ok: false, code: "BOOKING_SLOT_FULL" };
  return { ok: true };
}

/**
 * A booking may be cancelled up to `cancelBeforeHours` before its slot starts, and not once the order is
 * redeemed. Example: a class at 10:00 with a 24-hour rule may be cancelled until 10:00 the day before.
 */
export function decideBookingCancel(f: {
  slotStartsAtMs: number;
  cancelBeforeHours: number;
  orderStatus: string;
  nowMs: number;
}): { ok: true } | { ok: false; code: "BOOKING_CANCEL_TOO_LATE" } {
  if (f.orderStatus !== "shipped") return { ok: false, code: "BOOKING_CANCEL_TOO_LATE" };
  if (f.nowMs > f.slotStartsAtMs - f.cancelBeforeHours * 3_600_000)
    return { ok: false, code: "BOOKING_CANCEL_TOO_LATE" };
  return { ok: true };
}
