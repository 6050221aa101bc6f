// Marketing tables: activities (flash sales, timed and threshold discounts, and the kinds appended later) with
// their separate activity stock, coupon templates and the coupons shoppers hold, and the points ledger.
import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { users } from "./accounts.ts";
import { at, id, money, ref } from "./columns.ts";
import { afterSales, orders, skus } from "./commerce.ts";

export const activityStatuses = ["active", "stopped"] as const;

/** One activity of a promotion kind (domain marketing/kinds); `args` is that kind's validated args. */
export const activities = pgTable(
  "activities",
  {
    id: id(),
    kind: text("kind").notNull(),
    name: text("name").notNull(),
    args: jsonb("args").notNull(),
    startsAt: at("starts_at").notNull(),
    endsAt: at("ends_at").notNull(),
    status: text("status", { enum: activityStatuses }).notNull().default("active"),
    createdAt: at("created_at").notNull().defaultNow(),
    updatedAt: at("updated_at").notNull().defaultNow(),
  },
  (t) => [
    // checkout's load of running activities: active and not yet ended
    index("activities_running_idx").on(t.endsAt).where(sql`${t.status} = 'active'`),
    // the admin list per kind, newest first
    index("activities_kind_idx").on(t.kind, t.id),
    check("activities_status_check", sql`${t.status} in ('active', 'stopped')`),
    check("activities_window_check", sql`${t.endsAt} > ${t.startsAt}`),
  ],
);

/** A SKU in a line-price activity: its activity stock (apart from the SKU's stock) and units sold. */
export const activitySkus = pgTable(
  "activity_skus",
  {
    activityId: ref("activity_id")
      .notNull()
      .references(() => activities.id),
    skuId: ref("sku_id")
      .notNull()
      .references(() => skus.id),
    /** Activity stock left; null: the activity sells from normal stock only. */
    stock: integer("stock"),
    sold: integer("sold").notNull().default(0),
  },
  (t) => [
    // the guarded decrement at placing; the activity's SKUs
    primaryKey({ columns: [t.activityId, t.skuId] }),
    // the overlap check when an activity is saved: other activities of this SKU
    index("activity_skus_sku_idx").on(t.skuId),
    check("activity_skus_stock_check", sql`${t.stock} is null or ${t.stock} >= 0`),
    check("activity_skus_sold_check", sql`${t.sold} >= 0`),
  ],
);

export const couponTemplateStatuses = ["active", "stopped"] as const;

/** A coupon template (优惠券): kind and args from domain's coupon kinds, validity, quantity and limits. */
export const couponTemplates = pgTable(
  "coupon_templates",
  {
    id: id(),
    name: text("name").notNull(),
    kind: text("kind").notNull(),
    args: jsonb("args").notNull(),
    /** Fixed validity (both set) or N days from claiming (`validDays`). */
    validFrom: at("valid_from"),
    validTo: at("valid_to"),
    validDays: integer("valid_days"),
    totalQuantity: integer("total_quantity").notNull(),
    /** Coupons handed out so far (claimed, issued or rewarded); never above totalQuantity. */
    issuedCount: integer("issued_count").notNull().default(0),
    perPersonLimit: integer("per_person_limit").notNull().default(1),
    /** Shown in the shop's coupon centre for shoppers to claim; otherwise staff issue it or rewards give it. */
    claimable: boolean("claimable").notNull().default(true),
    status: text("status", { enum: couponTemplateStatuses }).notNull().default("active"),
    createdAt: at("created_at").notNull().defaultNow(),
    updatedAt: at("updated_at").notNull().defaultNow(),
  },
  (t) => [
    check("coupon_templates_status_check", sql`${t.status} in ('active', 'stopped')`),
    check(
      "coupon_templates_quantity_check",
      sql`${t.issuedCount} >= 0 and ${t.issuedCount} <= ${t.totalQuantity} and ${t.perPersonLimit} >= 1`,
    ),
    check(
      "coupon_templates_validity_check",
      sql`(${t.validDays} is not null and ${t.validDays} > 0) or (${t.validFrom} is not null and ${t.validTo} > ${t.validFrom})`,
    ),
  ],
);

export const userCouponStatuses = ["available", "used"] as const;
export const couponSources = ["claim", "issue", "reward"] as const;

/** A coupon a shopper holds; its validity is fixed when it is handed out. */
export const userCoupons = pgTable(
  "user_coupons",
  {
    id: id(),
    templateId: ref("template_id")
      .notNull()
      .references(() => couponTemplates.id),
    userId: ref("user_id")
      .notNull()
      .references(() => users.id),
    status: text("status", { enum: userCouponStatuses }).notNull().default("available"),
    validFrom: at("valid_from").notNull(),
    validTo: at("valid_to").notNull(),
    source: text("source", { enum: couponSources }).notNull(),
    /** What gave it (a staff id, an invite, a contest): with template and source, gives a reward once. */
    sourceRef: text("source_ref"),
    usedOrderId: ref("used_order_id").references(() => orders.id),
    usedAt: at("used_at"),
    createdAt: at("created_at").notNull(),
  },
  (t) => [
    // my coupons, and the per-person count under the template's lock
    index("user_coupons_user_idx").on(t.userId, t.templateId),
    // the coupon an order used, given back when it closes unpaid
    index("user_coupons_order_idx").on(t.usedOrderId).where(sql`${t.usedOrderId} is not null`),
    // a reward coupon is given once per (template, source, what gave it)
    uniqueIndex("user_coupons_source_key")
      .on(t.templateId, t.source, t.sourceRef)
      .where(sql`${t.sourceRef} is not null`),
    check("user_coupons_status_check", sql`${t.status} in ('available', 'used')`),
    check("user_coupons_used_check", sql`(${t.status} = 'used') = (${t.usedOrderId} is not null)`),
  ],
);

export const pointsTransactionKinds = ["spend", "unspend", "earn", "release", "return", "claw"] as const;

/**
 * The points ledger (积分): one transaction per points event with a unique idempotency key, and its entries
 * that sum to zero — a shopper's account against the merchant's issued-points account.
 */
export const pointsTransactions = pgTable(
  "points_transactions",
  {
    id: id(),
    idempotencyKey: text("idempotency_key").notNull(),
    kind: text("kind", { enum: pointsTransactionKinds }).notNull(),
    userId: ref("user_id")
      .notNull()
      .references(() => users.id),
    orderId: ref("order_id").references(() => orders.id),
    /** What the shopper's history shows: the change to spendable points, or for `earn` the points pending. */
    points: integer("points").notNull().default(0),
    /** A claw back's points owed; `owed − taken` was forgiven (the shopper had already spent them). */
    owed: integer("owed").notNull().default(0),
    createdAt: at("created_at").notNull(),
  },
  (t) => [
    // one transaction per points event
    uniqueIndex("points_transactions_key").on(t.idempotencyKey),
    // a shopper's points history, newest first
    index("points_transactions_user_idx").on(t.userId, t.id),
    // an order's points so far (spent, earned, returned, clawed), read when it is refunded or completed
    index("points_transactions_order_idx").on(t.orderId).where(sql`${t.orderId} is not null`),
  ],
);

export const pointsEntries = pgTable(
  "points_entries",
  {
    id: id(),
    transactionId: ref("transaction_id")
      .notNull()
      .references(() => pointsTransactions.id),
    /** "user:<id>" or "merchant:issued". */
    account: text("account").notNull(),
    points: integer("points").notNull(),
  },
  (t) => [
    // a transaction's entries (the audit sums them)
    index("points_entries_transaction_idx").on(t.transactionId),
  ],
);

/**
 * A shopper's points balance, kept in the same transaction as the entries: spendable points, and points
 * earned by paid orders that become spendable when the order completes. Never negative: a claw back takes
 * what is there and forgives the rest (domain decidePointsOnRefund).
 */
export const pointsBalances = pgTable(
  "points_balances",
  {
    userId: ref("user_id")
      .primaryKey()
      .references(() => users.id),
    points: integer("points").notNull().default(0),
    pending: integer("pending").notNull().default(0),
  },
  (t) => [check("points_balances_sign_check", sql`${t.points} >= 0 and ${t.pending} >= 0`)],
);

/** A group challenge (团购挑战) settled at its end: the participants it reached and the share of list price paid. */
export const groupChallengeResults = pgTable("group_challenge_results", {
  activityId: ref("activity_id")
    .primaryKey()
    .references(() => activities.id),
  participants: integer("participants").notNull(),
  payBps: integer("pay_bps").notNull(),
  settledAt: at("settled_at").notNull(),
});

/** The difference to the final tier refunded to one order of a challenge, once (its after-sale pays it). */
export const groupChallengeRefunds = pgTable(
  "group_challenge_refunds",
  {
    activityId: ref("activity_id")
      .notNull()
      .references(() => activities.id),
    orderId: ref("order_id")
      .notNull()
      .references(() => orders.id),
    afterSaleId: ref("after_sale_id")
      .notNull()
      .references(() => afterSales.id),
    refundFen: money("refund_fen").notNull(),
    createdAt: at("created_at").notNull(),
  },
  (t) => [
    // one refund per order and challenge, however often the settlement runs
    primaryKey({ columns: [t.activityId, t.orderId] }),
    check("group_challenge_refunds_fen_check", sql`${t.refundFen} > 0`),
  ],
);
