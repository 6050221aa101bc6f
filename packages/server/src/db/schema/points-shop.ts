// The points shop (积分商城): goods the merchant offers for points (optionally points + cash), with their own
// exchange stock and per-person limit, and one row per redemption (the order it placed).
import { sql } from "drizzle-orm";
import { boolean, check, index, integer, pgTable, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./accounts.ts";
import { at, id, money, ref } from "./columns.ts";
import { orders, skus } from "./commerce.ts";

export const pointsShopItems = pgTable(
  "points_shop_items",
  {
    id: id(),
    skuId: ref("sku_id")
      .notNull()
      .references(() => skus.id),
    /** Points one unit costs, and the cash paid on top (0: points only). */
    points: integer("points").notNull(),
    cashFen: money("cash_fen").notNull().default(0),
    /** Exchange stock left (apart from the SKU's own stock, which the order also takes) and units redeemed. */
    stock: integer("stock").notNull(),
    redeemed: integer("redeemed").notNull().default(0),
    /** Units one shopper may redeem (orders closed unpaid do not count); null: no limit. */
    perPersonLimit: integer("per_person_limit"),
    onSale: boolean("on_sale").notNull().default(true),
    createdAt: at("created_at").notNull(),
    updatedAt: at("updated_at").notNull(),
  },
  (t) => [
    // the shop's list: goods on sale, newest first
    index("points_shop_items_on_sale_idx").on(t.onSale, t.id),
    check(
      "points_shop_items_amounts_check",
      sql`${t.points} > 0 and ${t.cashFen} >= 0 and ${t.stock} >= 0 and ${t.redeemed} >= 0 and (${t.perPersonLimit} is null or ${t.perPersonLimit} > 0)`,
    ),
  ],
);

/** One redemption: the order it placed and what it cost (one unit each). */
export const pointsShopRedemptions = pgTable(
  "points_shop_redemptions",
  {
    id: id(),
    itemId: ref("item_id")
      .notNull()
      .references(() => pointsShopItems.id),
    userId: ref("user_id")
      .notNull()
      .references(() => users.id),
    orderId: ref("order_id")
      .notNull()
      .references(() => orders.id),
    points: integer("points").notNull(),
    cashFen: money("cash_fen").notNull(),
    createdAt: at("created_at").notNull(),
  },
  (t) => [
    uniqueIndex("points_shop_redemptions_order_key").on(t.orderId),
    // the per-person limit: a shopper's redemptions of one item
    index("points_shop_redemptions_user_idx").on(t.itemId, t.userId),
  ],
);
