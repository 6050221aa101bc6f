// Buyers' reviews (评价): one per bought order line after receipt, 1–5 stars, text and up to 9 photos;
// staff reply or hide one (with a reason, audited).
import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./accounts.ts";
import { at, id, ref } from "./columns.ts";
import { orderItems, orders } from "./commerce.ts";

export const reviewStatuses = ["visible", "hidden"] as const;

export const reviews = pgTable(
  "reviews",
  {
    id: id(),
    orderId: ref("order_id")
      .notNull()
      .references(() => orders.id),
    orderItemId: ref("order_item_id")
      .notNull()
      .references(() => orderItems.id),
    productId: ref("product_id").notNull(),
    userId: ref("user_id")
      .notNull()
      .references(() => users.id),
    rating: integer("rating").notNull(),
    /** Plain text as typed (markup included): the apps render it as text, never as HTML. */
    body: text("body").notNull().default(""),
    photos: jsonb("photos").$type<string[]>().notNull().default([]),
    /** The SKU as bought ("规格:5斤装"), shown beside the review. */
    skuLabel: text("sku_label").notNull().default(""),
    status: text("status", { enum: reviewStatuses }).notNull().default("visible"),
    hiddenReason: text("hidden_reason"),
    reply: text("reply"),
    repliedAt: at("replied_at"),
    createdAt: at("created_at").notNull(),
  },
  (t) => [
    // one review per bought line: a second attempt (or a race of two) is refused by the database
    uniqueIndex("reviews_order_item_key").on(t.orderItemId),
    // the product page: its visible reviews, newest first
    index("reviews_product_idx").on(t.productId, t.status, t.id),
    // the staff moderation list by status, newest first
    index("reviews_status_idx").on(t.status, t.id),
    check("reviews_rating_check", sql`${t.rating} between 1 and 5`),
    check("reviews_status_check", sql`${t.status} in ('visible', 'hidden')`),
    check("reviews_photos_check", sql`jsonb_array_length(${t.photos}) <= 9`),
  ],
);
