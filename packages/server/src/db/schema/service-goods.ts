// Service goods (courses, trial classes): the redemption code each paid service order is delivered by, and
// the ¥0 orders granted as rewards, once per natural key.
import { sql } from "drizzle-orm";
import { check, index, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./accounts.ts";
import { at, id, ref } from "./columns.ts";
import { orders } from "./commerce.ts";

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
