// A distributor's own storefront (个性化推广页 / 微店): a name, a cover, a greeting and the products they
// picked (选品), at most MAX_STOREFRONT_PRODUCTS; and the merchant's customer tags (客户标签) with the
// customers each one marks.
import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, primaryKey, text, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./accounts.ts";
import { at, id, ref } from "./columns.ts";
import { products } from "./commerce.ts";

export const storefronts = pgTable(
  "storefronts",
  {
    userId: ref("user_id")
      .primaryKey()
      .references(() => users.id),
    name: text("name").notNull(),
    /** A picture in the shop's own storage (an upload URL), never another site's. */
    coverUrl: text("cover_url"),
    greeting: text("greeting").notNull().default(""),
    updatedAt: at("updated_at").notNull(),
  },
  (t) => [check("storefronts_name_check", sql`length(${t.name}) between 1 and 30`)],
);

export const storefrontProducts = pgTable(
  "storefront_products",
  {
    userId: ref("user_id")
      .notNull()
      .references(() => users.id),
    productId: ref("product_id")
      .notNull()
      .references(() => products.id),
    /** The distributor's order (0 first). */
    position: integer("position").notNull(),
    addedAt: at("added_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.productId] }),
    // the storefront's page of products in the distributor's order (keyset on position)
    index("storefront_products_position_idx").on(t.userId, t.position),
  ],
);

export const customerTags = pgTable(
  "customer_tags",
  {
    id: id(),
    name: text("name").notNull(),
    color: text("color").notNull().default("blue"),
    createdAt: at("created_at").notNull(),
  },
  (t) => [
    // a tag's name is its identity to the merchant: two "VIP" tags would filter nothing apart
    uniqueIndex("customer_tags_name_key").on(t.name),
  ],
);

export const customerTagLinks = pgTable(
  "customer_tag_links",
  {
    userId: ref("user_id")
      .notNull()
      .references(() => users.id),
    tagId: ref("tag_id")
      .notNull()
      .references(() => customerTags.id, { onDelete: "cascade" }),
    taggedAt: at("tagged_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.tagId] }),
    // the customer list filtered by one tag
    index("customer_tag_links_tag_idx").on(t.tagId, t.userId),
  ],
);
