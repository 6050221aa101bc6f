// Service goods (courses, trial classes): the redemption code each paid service order is delivered by, and
// the ¥0 orders granted as rewards, once per natural key.
import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./accounts.ts";
import { at, id, ref } from "./columns.ts";
import { orders, products } from "./commerce.ts";

export const redemptionCodes = pgTable(
  "redemption_codes",
  {
    id: id(),
    orderId: ref("order_id")
      .notNull()
      .references(() => orders.id),
    code: text("code").notNull(),
    status: text("status", { enum: ["issued", "redeemed"] }).notNull(),
    issuedAt: at("issued_at").notNull(),
    redeemedAt: at("redeemed_at"),
    redeemedByStaffId: ref("redeemed_by_staff_id"),
  },
  (t) => [
    // one code per service order (a second delivery of the same payment finds it)
    uniqueIndex("redemption_codes_order_key").on(t.orderId),
    // staff redeem by the code the shopper shows
    uniqueIndex("redemption_codes_code_key").on(t.code),
    // the admin's redemption list, newest first
    index("redemption_codes_status_idx").on(t.status, t.id),
    check("redemption_codes_status_check", sql`${t.status} in ('issued', 'redeemed')`),
  ],
);

/** A ¥0 service order given to a user (e.g. the free class after two referrals); `key` makes it once. */
export const serviceGrants = pgTable("service_grants", {
  key: text("key").primaryKey(),
  orderId: ref("order_id")
    .notNull()
    .references(() => orders.id),
  userId: ref("user_id")
    .notNull()
    .references(() => users.id),
  at: at("at").notNull(),
});

/** A bookable time of a service product (预约时段): its places, how many are taken, and its cancel rule. */
export const serviceSlots = pgTable(
  "service_slots",
  {
    id: id(),
    productId: ref("product_id")
      .notNull()
      .references(() => products.id),
    startsAt: at("starts_at").notNull(),
    endsAt: at("ends_at").notNull(),
    capacity: integer("capacity").notNull(),
    /** Places taken; the guarded increment at booking never passes capacity. */
    booked: integer("booked").notNull().default(0),
    /** A booking may be cancelled until this many hours before the start. */
    cancelBeforeHours: integer("cancel_before_hours").notNull().default(24),
    status: text("status", { enum: ["active", "stopped"] })
      .notNull()
      .default("active"),
    createdAt: at("created_at").notNull(),
  },
  (t) => [
    // a product's slots in time order (shop choice, admin list)
    index("service_slots_product_idx").on(t.productId, t.startsAt),
    check(
      "service_slots_places_check",
      sql`${t.capacity} > 0 and ${t.booked} >= 0 and ${t.booked} <= ${t.capacity}`,
    ),
    check("service_slots_window_check", sql`${t.endsAt} > ${t.startsAt}`),
    check("service_slots_cancel_check", sql`${t.cancelBeforeHours} >= 0`),
    check("service_slots_status_check", sql`${t.status} in ('active', 'stopped')`),
  ],
);

/** A service order's booking of a slot; a cancelled one stays as history. */
export const slotBookings = pgTable(
  "slot_bookings",
  {
    id: id(),
    slotId: ref("slot_id")
      .notNull()
      .references(() => serviceSlots.id),
    orderId: ref("order_id")
      .notNull()
      .references(() => orders.id),
    userId: ref("user_id")
      .notNull()
      .references(() => users.id),
    status: text("status", { enum: ["booked", "cancelled"] }).notNull(),
    bookedAt: at("booked_at").notNull(),
    cancelledAt: at("cancelled_at"),
  },
  (t) => [
    // one live booking per order
    uniqueIndex("slot_bookings_order_key").on(t.orderId).where(sql`${t.status} = 'booked'`),
    // a slot's bookings for the admin
    index("slot_bookings_slot_idx").on(t.slotId),
    check("slot_bookings_status_check", sql`${t.status} in ('booked', 'cancelled')`),
  ],
);
