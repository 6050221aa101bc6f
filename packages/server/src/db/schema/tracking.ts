// Tracking: one row per moment that matters (page view, link opened, shared, poster made, added to cart,
// order placed / paid, refund), with the distributor in force, product, province and time; and the daily
// roll-ups that reports read so they stay fast on years of events. `tracking_events` is range-partitioned
// by month on `at` (hand-written in the migration: drizzle declares the columns, not the partitioning).
import {
  bigint,
  bigserial,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { at, money, ref } from "./columns.ts";

export const trackingEventKinds = [
  "page_view",
  "link_open",
  "share",
  "poster",
  "add_to_cart",
  "order_placed",
  "order_paid",
  "refund",
] as const;
export type TrackingEventKind = (typeof trackingEventKinds)[number];

/** One line of an order event: which product, how many, and the fen it carried (paid or refunded). */
export type TrackedItem = { productId: number; quantity: number; fen: number };

export const trackingEvents = pgTable(
  "tracking_events",
  {
    // bigserial, not identity: PostgreSQL 15 allows no identity column on a partitioned table
    id: bigserial("id", { mode: "number" }).notNull(),
    kind: text("kind", { enum: trackingEventKinds }).notNull(),
    at: at("at").notNull(),
    /** The distributor in force: the link's code when it named an active one, else the buyer's upline. */
    distributorUserId: ref("distributor_user_id"),
    /** The code as it came in, kept even when it named nobody (an unknown or frozen code is still recorded). */
    refCode: text("ref_code"),
    /** How the distributor's code was in force: an unknown/frozen code's outcome, or how the visit bound. */
    outcome: text("outcome"),
    visitorUserId: ref("visitor_user_id"),
    /** An anonymous device's id (the shop's random key) so visitors who have not signed in still count once. */
    visitorKey: text("visitor_key"),
    productId: ref("product_id"),
    orderId: ref("order_id"),
    /** The fen the moment carried: the order's payable, its paid amount, or the refund. */
    amountFen: money("amount_fen"),
    items: jsonb("items").$type<TrackedItem[]>(),
    /** 6-digit province code (e.g. 440000): from the shipping address; null when not known. */
    provinceCode: text("province_code"),
    /** link | poster | product | storefront | share channel … */
    source: text("source"),
    /** Set for events from the outbox so a redelivered message is written once. */
    dedupeKey: text("dedupe_key"),
  },
  (t) => [
    // also serves the roll-up of one day: a range scan on `at` inside the month's partition
    primaryKey({ columns: [t.at, t.id] }),
    // a redelivered outbox message (same key, same instant) is skipped by ON CONFLICT
    uniqueIndex("tracking_events_dedupe_key").on(t.dedupeKey, t.at),
  ],
);

/** Per day, kind, distributor and province: the events, distinct orders and visitors, and fen. */
export const trackingDaily = pgTable(
  "tracking_daily",
  {
    day: date("day", { mode: "string" }).notNull(),
    kind: text("kind").notNull(),
    /** 0 when no distributor was in force (a roll-up key cannot be null). */
    distributorUserId: bigint("distributor_user_id", { mode: "number" }).notNull(),
    /** "" when unknown. */
    provinceCode: text("province_code").notNull(),
    events: integer("events").notNull(),
    orders: integer("orders").notNull(),
    visitors: integer("visitors").notNull(),
    amountFen: money("amount_fen").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.day, t.kind, t.distributorUserId, t.provinceCode] }),
    // distributor ranking over a date range
    index("tracking_daily_distributor_idx").on(t.kind, t.day, t.distributorUserId),
    // the other figures of the few distributors a ranking keeps
    index("tracking_daily_by_distributor_idx").on(t.distributorUserId, t.day),
  ],
);

/**
 * Per day, kind and province: tracking_daily summed over distributors, for the shop-wide figures. With many
 * distributors tracking_daily has nearly a row per event (10M events → 6.5M rows), so a month's funnel read
 * from it took seconds; this stays a few thousand rows a month.
 */
export const trackingDailyTotals = pgTable(
  "tracking_daily_totals",
  {
    day: date("day", { mode: "string" }).notNull(),
    kind: text("kind").notNull(),
    provinceCode: text("province_code").notNull(),
    events: integer("events").notNull(),
    orders: integer("orders").notNull(),
    visitors: integer("visitors").notNull(),
    amountFen: money("amount_fen").notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.kind, t.provinceCode] })],
);

/** Per day, kind and product (order events by their lines; views and carts by their product). */
export const trackingDailyProducts = pgTable(
  "tracking_daily_products",
  {
    day: date("day", { mode: "string" }).notNull(),
    kind: text("kind").notNull(),
    productId: bigint("product_id", { mode: "number" }).notNull(),
    events: integer("events").notNull(),
    orders: integer("orders").notNull(),
    quantity: integer("quantity").notNull(),
    amountFen: money("amount_fen").notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.kind, t.productId] })],
);

/** Days whose raw events changed since they were last rolled up (a late outbox delivery marks its day). */
export const trackingDirtyDays = pgTable("tracking_dirty_days", {
  day: date("day", { mode: "string" }).primaryKey(),
  markedAt: at("marked_at").notNull(),
});
