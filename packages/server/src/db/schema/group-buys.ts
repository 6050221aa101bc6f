// 拼团: group-buy activities (their rules as the domain's GroupBuyArgs), the groups shoppers open, and each
// group's members with the order that holds their place. A group's deadline is `expires_at` (the sweep's due date).
import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./accounts.ts";
import { at, id, ref } from "./columns.ts";
import { afterSales, orders, products } from "./commerce.ts";

export const groupBuyActivities = pgTable(
  "group_buy_activities",
  {
    id: id(),
    title: text("title").notNull(),
    productId: ref("product_id")
      .notNull()
      .references(() => products.id),
    /** The domain's GroupBuyArgs: group price per SKU, size, time limit, leader discount and bonus, limits. */
    args: jsonb("args").notNull(),
    startsAt: at("starts_at").notNull(),
    endsAt: at("ends_at").notNull(),
    createdAt: at("created_at").notNull(),
    updatedAt: at("updated_at").notNull(),
  },
  (t) => [
    // the shop's running activities and a product page's group offer
    index("group_buy_activities_product_idx").on(t.productId, t.endsAt),
    check("group_buy_activities_window_check", sql`${t.startsAt} < ${t.endsAt}`),
  ],
);

export const groupStatuses = ["open", "formed", "failed"] as const;

export const groupBuyGroups = pgTable(
  "group_buy_groups",
  {
    id: id(),
    activityId: ref("activity_id")
      .notNull()
      .references(() => groupBuyActivities.id),
    leaderUserId: ref("leader_user_id")
      .notNull()
      .references(() => users.id),
    size: integer("size").notNull(),
    status: text("status", { enum: groupStatuses }).notNull(),
    expiresAt: at("expires_at").notNull(),
    /** Places the system filled at expiry (virtual fill). */
    virtualMembers: integer("virtual_members").notNull().default(0),
    formedAt: at("formed_at"),
    failedAt: at("failed_at"),
    createdAt: at("created_at").notNull(),
  },
  (t) => [
    // the expiry sweep: open groups by deadline
    index("group_buy_groups_due_idx").on(t.expiresAt).where(sql`${t.status} = 'open'`),
    // an activity's results page and the shop's open groups of an activity
    index("group_buy_groups_activity_idx").on(t.activityId, t.status, t.id),
    check("group_buy_groups_status_check", sql`${t.status} in ('open', 'formed', 'failed')`),
    check("group_buy_groups_size_check", sql`${t.size} >= 2 and ${t.virtualMembers} between 0 and ${t.size}`),
  ],
);

export const groupBuyMembers = pgTable(
  "group_buy_members",
  {
    id: id(),
    groupId: ref("group_id")
      .notNull()
      .references(() => groupBuyGroups.id),
    userId: ref("user_id")
      .notNull()
      .references(() => users.id),
    orderId: ref("order_id")
      .notNull()
      .references(() => orders.id),
    role: text("role", { enum: ["leader", "member"] }).notNull(),
    joinedAt: at("joined_at").notNull(),
    /** The after-sale that refunded this member when the group failed (set once). */
    refundAfterSaleId: ref("refund_after_sale_id").references(() => afterSales.id),
  },
  (t) => [
    // a group's members (progress, formation, expiry)
    index("group_buy_members_group_idx").on(t.groupId),
    // an order belongs to at most one group (payment and shipping look it up)
    uniqueIndex("group_buy_members_order_key").on(t.orderId),
    // a shopper's groups (per-person limit, "my groups")
    index("group_buy_members_user_idx").on(t.userId),
    check("group_buy_members_role_check", sql`${t.role} in ('leader', 'member')`),
  ],
);
