// The shopper's message centre (消息中心): one row per thing worth telling them (paid, refunded, commission
// released, withdrawal paid, a service reply), written from the outbox or where the event happens.
import { sql } from "drizzle-orm";
import { index, integer, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./accounts.ts";
import { at, id, ref } from "./columns.ts";

export const notifications = pgTable(
  "notifications",
  {
    id: id(),
    userId: ref("user_id")
      .notNull()
      .references(() => users.id),
    /** order_paid, order_shipped, after_sale_approved/rejected, order_refunded, commission_released, withdrawal_paid, service_reply */
    kind: text("kind").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull().default(""),
    /** Where tapping it goes in the shop (/orders/12, /service …). */
    link: text("link"),
    /** What caused it (`outbox:41:7`, `service:88`): a redelivered outbox message writes nothing twice. */
    sourceKey: text("source_key").notNull(),
    readAt: at("read_at"),
    createdAt: at("created_at").notNull(),
  },
  (t) => [
    uniqueIndex("notifications_source_key").on(t.sourceKey),
    // the message centre, newest first
    index("notifications_user_idx").on(t.userId, t.id),
    // the unread badge
    index("notifications_unread_idx").on(t.userId).where(sql`${t.readAt} is null`),
  ],
);

/** WeChat subscription messages sent for notices (when switched on): one row per notice tried. */
export const wechatPushes = pgTable("wechat_pushes", {
  notificationId: ref("notification_id")
    .primaryKey()
    .references(() => notifications.id),
  /** sent, skipped (no openid or no template for the kind), refused (the user declined), failed */
  status: text("status").notNull(),
  errcode: integer("errcode"),
  detail: text("detail"),
  at: at("at").notNull(),
});

/** How far the push sweep has read the notices (one row); set to the newest notice when first switched on. */
export const wechatPushCursor = pgTable("wechat_push_cursor", {
  id: integer("id").primaryKey(),
  lastNotificationId: ref("last_notification_id").notNull(),
});
