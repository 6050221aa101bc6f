import { describe, expect, test } from "vitest";
import { type BookingFacts, decideBooking, decideBookingCancel } from "./booking.ts";

const H = 3_600_000;
const NOW = 1_796_277_600_000;
const base: BookingFacts = {
  order: { status: "shipped", delivery: "redemption", productIds: [7], booked: false },
  slot: { productId: 7, startsAtMs: NOW + 48 * H, capacity: 5, booked: 4, active: true },
  nowMs: NOW,
};

describe("decideBooking", () => {
  test.each([
    { label: "the last of 5 places on a paid course order → booked", facts: base, code: null },
    {
      label: "5 of 5 taken → full",
      facts: { ...base, slot: { ...base.slot, booked: 5 } },
      code: "BOOKING_SLOT_FULL",
    },
    {
      label: "an unpaid order",
      facts: { ...base, order: { ...base.order, status: "pending_payment" } },
      code: "BOOKING_ORDER_NOT_BOOKABLE",
    },
    {
      label: "a redeemed order",
      facts: { ...base, order: { ...base.order, status: "received" } },
      code: "BOOKING_ORDER_NOT_BOOKABLE",
    },
    {
      label: "goods that are shipped",
      facts: { ...base, order: { ...base.order, delivery: "shipping" } },
      code: "BOOKING_ORDER_NOT_BOOKABLE",
    },
    {
      label: "another product's slot",
      facts: { ...base, slot: { ...base.slot, productId: 8 } },
      code: "BOOKING_SLOT_WRONG_PRODUCT",
    },
    {
      label: "a slot that started",
      facts: { ...base, slot: { ...base.slot, startsAtMs: NOW } },
      code: "BOOKING_SLOT_PAST",
    },
    {
      label: "the order already holds a booking",
      facts: { ...base, order: { ...base.order, booked: true } },
      code: "BOOKING_EXISTS",
    },
  ])("$label", ({ facts, code }) => {
    const d = decideBooking(facts);
    expect(d.ok ? null : d.code).toBe(code);
  });
});

describe("decideBookingCancel (24 hours before)", () => {
  test.each([
    { label: "48 h before → cancelled", startsIn: 48 * H, status: "shipped", ok: true },
    { label: "exactly 24 h before → cancelled", startsIn: 24 * H, status: "shipped", ok: true },
    { label: "23 h before → too late", startsIn: 23 * H, status: "shipped", ok: false },
    { label: "redeemed → too late", startsIn: 48 * H, status: "received", ok: false },
  ])("$label", ({ startsIn, status, ok }) => {
    const d = decideBookingCancel({
      slotStartsAtMs: NOW + startsIn,
      cancelBeforeHours: 24,
      orderStatus: status,
      nowMs: NOW,
    });
    expect(d.ok).toBe(ok);
  });
});
