// Parcel tracking (物流轨迹): one track per shipped parcel, the carrier's route cached on it, and when the
// carrier is to be asked again (null once signed for, returned, given up or not askable).
import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgTable, text } from "drizzle-orm/pg-core";
import { at, ref } from "./columns.ts";
import { orders, shipments } from "./commerce.ts";

export const parcelStates = ["pending", "in_transit", "delivering", "signed", "problem", "returned"] as const;

export const parcelTracks = pgTable(
  "parcel_tracks",
  {
    shipmentId: ref("shipment_id")
      .primaryKey()
      .references(() => shipments.id),
    orderId: ref("order_id")
      .notNull()
      .references(() => orders.id),
    /** The carrier's code at the query service (shunfeng, zhongtong…); null: a carrier nobody can ask. */
    carrierCode: text("carrier_code"),
    trackingNo: text("tracking_no").notNull(),
    state: text("state", { enum: parcelStates }).notNull().default("pending"),
    /** The route, newest first: `{ at, text }[]`. */
    events: jsonb("events").$type<{ at: string; text: string }[]>().notNull().default([]),
    /** Questions in a row that got no route; the pause before the next one doubles with each. */
    failures: integer("failures").notNull().default(0),
    /** timeout, malformed, rejected, unavailable, unsupported_carrier: why the last question got nothing. */
    lastError: text("last_error"),
    checkedAt: at("checked_at"),
    dueAt: at("due_at"),
    signedAt: at("signed_at"),
    shippedAt: at("shipped_at").notNull(),
  },
  (t) => [
    // the refresh sweep: only parcels still to be asked about, so it stays flat as history grows
    index("parcel_tracks_due_idx").on(t.dueAt).where(sql`${t.dueAt} is not null`),
    // an order's parcels
    index("parcel_tracks_order_idx").on(t.orderId),
    check(
      "parcel_tracks_state_check",
      sql`${t.state} in ('pending', 'in_transit', 'delivering', 'signed', 'problem', 'returned')`,
    ),
  ],
);
