// Distribution tables: distributors and their history, applications, referral bindings with provenance,
// visits, the order snapshot (chain + plan at placing), commissions, withdrawals, grades and rewards.
// Money is bigint fen; the money itself lives in the ledger, these rows are the business records.
import { type GradeTasks, WITHDRAWAL_METHODS } from "@liebian/domain";
import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { users } from "./accounts.ts";
import { at, id, money, ref } from "./columns.ts";

export const distributorStatuses = ["active", "frozen", "removed"] as const;
export type DistributorStatus = (typeof distributorStatuses)[number];

export const distributors = pgTable(
  "distributors",
  {
    userId: ref("user_id")
      .primaryKey()
      .references(() => users.id),
    status: text("status", { enum: distributorStatuses }).notNull(),
    inviteCode: text("invite_code").notNull(),
    gradeId: ref("grade_id"),
    /** How the right was granted (eligibility mode, application, appointed); sticky once granted. */
    grantedVia: text("granted_via").notNull(),
    joinedAt: at("joined_at").notNull(),
    updatedAt: at("updated_at").notNull(),
  },
  (t) => [
    // opening a link finds the distributor by code
    uniqueIndex("distributors_invite_code_key").on(t.inviteCode),
    // the admin list filtered by status, newest first
    index("distributors_status_idx").on(t.status, t.joinedAt),
    check("distributors_status_check", sql`${t.status} in ('active', 'frozen', 'removed')`),
  ],
);

/** Every change of a distributor's status or grade, with who did it and why. */
export const distributorHistory = pgTable(
  "distributor_history",
  {
    id: id(),
    userId: ref("user_id").notNull(),
    action: text("action").notNull(),
    fromValue: text("from_value"),
    toValue: text("to_value"),
    reason: text("reason"),
    staffId: ref("staff_id"),
    at: at("at").notNull(),
  },
  (t) => [
    // a distributor's history on their detail page
    index("distributor_history_user_idx").on(t.userId, t.id),
  ],
);

export const applicationStatuses = ["pending", "approved", "rejected"] as const;

export const distributorApplications = pgTable(
  "distributor_applications",
  {
    id: id(),
    userId: ref("user_id")
      .notNull()
      .references(() => users.id),
    status: text("status", { enum: applicationStatuses }).notNull(),
    realName: text("real_name").notNull(),
    phone: text("phone").notNull(),
    note: text("note").notNull().default(""),
    rejectReason: text("reject_reason"),
    reviewedBy: ref("reviewed_by"),
    createdAt: at("created_at").notNull(),
    reviewedAt: at("reviewed_at"),
  },
  (t) => [
    // at most one pending application per shopper
    uniqueIndex("distributor_applications_pending_key").on(t.userId).where(sql`${t.status} = 'pending'`),
    // the review queue by status, oldest first; and the shopper's latest application
    index("distributor_applications_status_idx").on(t.status, t.id),
    index("distributor_applications_user_idx").on(t.userId, t.id),
    check("distributor_applications_status_check", sql`${t.status} in ('pending', 'approved', 'rejected')`),
  ],
);

export const bindingSources = ["link", "poster", "product", "signup", "staff"] as const;

/** The shopper's current upline (one row per bound shopper). */
export const referralBindings = pgTable(
  "referral_bindings",
  {
    userId: ref("user_id")
      .primaryKey()
      .references(() => users.id),
    uplineUserId: ref("upline_user_id")
      .notNull()
      .references(() => users.id),
    source: text("source", { enum: bindingSources }).notNull(),
    productId: ref("product_id"),
    scene: text("scene"),
    boundAt: at("bound_at").notNull(),
    expiresAt: at("expires_at"),
    protectedUntil: at("protected_until").notNull(),
  },
  (t) => [
    // team lists and the downline walk (children of an upline)
    index("referral_bindings_upline_idx").on(t.uplineUserId, t.boundAt),
    check("referral_bindings_not_self", sql`${t.userId} <> ${t.uplineUserId}`),
  ],
);

/**
 * "My team" kept as counters: per distributor and level (1–3 below them), how many members and their paid
 * sales net of refunds. Updated in the transaction of every bind or rebind (the moved member's own subtree
 * goes with them) and of every paid or refunded order (the buyer's three uplines), so the screen reads
 * three rows instead of walking a downline of 100,000. `rebuildTeamStats` recounts it from scratch.
 */
export const teamStats = pgTable(
  "team_stats",
  {
    userId: ref("user_id")
      .notNull()
      .references(() => users.id),
    level: smallint("level").notNull(),
    members: integer("members").notNull().default(0),
    salesFen: money("sales_fen").notNull().default(0),
  },
  (t) => [
    // the team screen reads one distributor's three rows; binds and payments update them by this key
    primaryKey({ columns: [t.userId, t.level] }),
    check("team_stats_level_check", sql`${t.level} between 1 and 3`),
  ],
);

/**
 * Team sales added by payments and refunds, spread over slot rows (a connection adds to its own slot, by
 * backend pid) so that every paid order under a busy top distributor does not queue on one row lock. A
 * team's sales at a level are team_stats.sales_fen (kept by binds) plus the sum of these.
 */
export const teamSalesSlots = pgTable(
  "team_sales_slots",
  {
    userId: ref("user_id")
      .notNull()
      .references(() => users.id),
    level: smallint("level").notNull(),
    slot: integer("slot").notNull(),
    salesFen: money("sales_fen").notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.level, t.slot] }),
    check("team_sales_slots_level_check", sql`${t.level} between 1 and 3`),
  ],
);

/** Every binding made, replaced or reassigned, with its provenance. */
export const referralBindingHistory = pgTable(
  "referral_binding_history",
  {
    id: id(),
    userId: ref("user_id").notNull(),
    uplineUserId: ref("upline_user_id").notNull(),
    previousUplineUserId: ref("previous_upline_user_id"),
    source: text("source", { enum: bindingSources }).notNull(),
    productId: ref("product_id"),
    scene: text("scene"),
    reason: text("reason"),
    staffId: ref("staff_id"),
    at: at("at").notNull(),
  },
  (t) => [
    // a shopper's binding history; the admin's binding history list
    index("referral_binding_history_user_idx").on(t.userId, t.id),
    // bind velocity of a distributor (fraud signal)
    index("referral_binding_history_upline_idx").on(t.uplineUserId, t.at),
  ],
);

export const referralVisits = pgTable(
  "referral_visits",
  {
    id: id(),
    distributorUserId: ref("distributor_user_id").notNull(),
    visitorUserId: ref("visitor_user_id"),
    source: text("source").notNull(),
    productId: ref("product_id"),
    scene: text("scene"),
    outcome: text("outcome").notNull(),
    at: at("at").notNull(),
  },
  (t) => [
    // a distributor's visits (analytics later)
    index("referral_visits_distributor_idx").on(t.distributorUserId, t.at),
  ],
);

/** The upline chain, plan and items frozen onto an order when it was placed. */
export const orderDistribution = pgTable("order_distribution", {
  orderId: ref("order_id").primaryKey(),
  buyerUserId: ref("buyer_user_id").notNull(),
  /** Nearest first: `{ userId, isActiveDistributor, gradeRatesBps? }[]`, ≤ 3. */
  chain: jsonb("chain").notNull(),
  buyer: jsonb("buyer").notNull(),
  plan: jsonb("plan").notNull(),
  items: jsonb("items").notNull(),
  activityKind: text("activity_kind"),
  placedAt: at("placed_at").notNull(),
  paidAt: at("paid_at"),
  receivedAt: at("received_at"),
});

export const commissionStatuses = ["frozen", "settled", "cancelled", "held"] as const;
export type CommissionRowStatus = (typeof commissionStatuses)[number];

export const commissions = pgTable(
  "commissions",
  {
    id: id(),
    orderId: ref("order_id").notNull(),
    orderItemId: ref("order_item_id").notNull(),
    level: integer("level").notNull(),
    earnerUserId: ref("earner_user_id").notNull(),
    buyerUserId: ref("buyer_user_id").notNull(),
    /** The item's paid amount at creation: refunds are measured against it. */
    itemFen: money("item_fen").notNull(),
    baseFen: money("base_fen").notNull(),
    rateBps: integer("rate_bps"),
    fixedFenPerUnit: money("fixed_fen_per_unit"),
    quantity: integer("quantity").notNull(),
    rateSource: text("rate_source").notNull(),
    amountFen: money("amount_fen").notNull(),
    clawedBackFen: money("clawed_back_fen").notNull().default(0),
    status: text("status", { enum: commissionStatuses }).notNull(),
    holdReasons: jsonb("hold_reasons").$type<string[]>().notNull().default([]),
    dueAt: at("due_at"),
    createdAt: at("created_at").notNull(),
    settledAt: at("settled_at"),
    cancelledAt: at("cancelled_at"),
  },
  (t) => [
    // exactly one commission per (order item, level), however often payment is reported
    uniqueIndex("commissions_item_level_key").on(t.orderItemId, t.level),
    // an earner's records, newest first
    index("commissions_earner_idx").on(t.earnerUserId, t.id),
    // an order's commissions (refunds, release dates)
    index("commissions_order_idx").on(t.orderId),
    // No index names `status`, not even in a predicate: the release sweep's frozen → settled move is then a
    // heap-only (HOT) update that writes no index entry (the table's fillfactor leaves it room, migration
    // 0045). What is still open — the sweep's due rows, the staff's held list — is commission_queue.
    check("commissions_level_check", sql`${t.level} between 0 and 3`),
    check(
      "commissions_money_check",
      sql`${t.amountFen} > 0 and ${t.clawedBackFen} between 0 and ${t.amountFen} and ${t.baseFen} >= 0`,
    ),
    check("commissions_status_check", sql`${t.status} in ('frozen', 'settled', 'cancelled', 'held')`),
  ],
);

/**
 * The commissions still open (frozen or held), kept by triggers on commissions (migration 0045): a row
 * arrives with its commission and leaves when it is cancelled, or when the release sweep settles it (the
 * sweep deletes it in the statement that moves the commission). The sweep walks what is due here, by due
 * date (the order the commissions were written in, so a batch's rows share pages); staff find the held
 * ones here. With the commissions it is also each earner's frozen balance (migration 0049).
 */
export const commissionQueue = pgTable(
  "commission_queue",
  {
    earnerUserId: ref("earner_user_id").notNull(),
    commissionId: ref("commission_id").notNull(),
    held: boolean("held").notNull(),
    dueAt: at("due_at"),
  },
  (t) => [
    primaryKey({ columns: [t.earnerUserId, t.commissionId] }),
    index("commission_queue_due_idx")
      .on(t.dueAt, t.commissionId)
      .where(sql`not ${t.held} and ${t.dueAt} is not null`),
    index("commission_queue_held_idx").on(t.commissionId).where(sql`${t.held}`),
  ],
);

/**
 * Each earner's share of the shop-wide `commission_released` account (migration 0053): what one release
 * sweep batch settled for them (`transaction_id`: the batch's ledger transaction), written by the sweep in
 * the statement that posts the batch, so a release costs a narrow insert per earner instead of an update of
 * their available account's row and a ledger line. A withdrawal or a dividend clawback folds the earner's
 * rows into that account (deleted, one posting: commissions/released.ts); balance readers add them. No
 * foreign keys: the sweep writes ~20,000 a statement and the ledger audit checks the sum.
 */
export const commissionReleasedPending = pgTable(
  "commission_released_pending",
  {
    earnerUserId: ref("earner_user_id").notNull(),
    transactionId: ref("transaction_id").notNull(),
    amountFen: money("amount_fen").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.earnerUserId, t.transactionId] }),
    check("commission_released_pending_amount_check", sql`${t.amountFen} > 0`),
  ],
);

/**
 * Per earner, the two figures the fraud check's refund ratio needs on every payment, kept in the
 * transactions that change them (commission creation; an order's first clawback for that earner), so a
 * payment reads a few rows instead of counting the earner's whole history. `orders` counts distinct orders
 * with a commission of this earner, `refunded_orders` those with any clawback, as a recount would.
 * Spread over slot rows (one per database connection, summed on read) so that a top earner's downline
 * paying at once do not all queue behind one row lock.
 */
export const earnerOrderCounts = pgTable(
  "earner_order_counts",
  {
    userId: ref("user_id").notNull(),
    slot: integer("slot").notNull(),
    orders: integer("orders").notNull().default(0),
    refundedOrders: integer("refunded_orders").notNull().default(0),
  },
  (t) => [
    // the fraud check sums an earner's slots
    primaryKey({ columns: [t.userId, t.slot] }),
    check("earner_order_counts_check", sql`${t.orders} >= 0 and ${t.refundedOrders} >= 0`),
  ],
);

export const withdrawalStatuses = ["requested", "approved", "paying", "paid", "failed", "rejected"] as const;
export type WithdrawalRowStatus = (typeof withdrawalStatuses)[number];

export const withdrawals = pgTable(
  "withdrawals",
  {
    id: id(),
    userId: ref("user_id")
      .notNull()
      .references(() => users.id),
    method: text("method", { enum: WITHDRAWAL_METHODS }).notNull(),
    amountFen: money("amount_fen").notNull(),
    feeFen: money("fee_fen").notNull(),
    netFen: money("net_fen").notNull(),
    status: text("status", { enum: withdrawalStatuses }).notNull(),
    /** AES-256-GCM sealed real name and account; only masked forms leave the server. */
    realNameSealed: text("real_name_sealed").notNull(),
    accountSealed: text("account_sealed").notNull(),
    realNameMasked: text("real_name_masked").notNull(),
    accountMasked: text("account_masked").notNull(),
    /** sha256 of the account, for the shared-payout-account fraud signal. */
    accountHash: text("account_hash").notNull(),
    consentAt: at("consent_at").notNull(),
    /** The stable transfer number given to the provider; saved before the first call, never changed. */
    outBillNo: text("out_bill_no").notNull(),
    businessDate: text("business_date").notNull(),
    rejectReason: text("reject_reason"),
    failureReason: text("failure_reason"),
    attempts: integer("attempts").notNull().default(0),
    reviewedBy: ref("reviewed_by"),
    requestedAt: at("requested_at").notNull(),
    reviewedAt: at("reviewed_at"),
    paidAt: at("paid_at"),
  },
  (t) => [
    uniqueIndex("withdrawals_out_bill_no_key").on(t.outBillNo),
    // a distributor's history and today's count/amount
    index("withdrawals_user_idx").on(t.userId, t.businessDate),
    // the finance review queue
    index("withdrawals_status_idx").on(t.status, t.id),
    check(
      "withdrawals_money_check",
      sql`${t.amountFen} > 0 and ${t.feeFen} >= 0 and ${t.netFen} = ${t.amountFen} - ${t.feeFen}`,
    ),
    check(
      "withdrawals_status_check",
      sql`${t.status} in ('requested', 'approved', 'paying', 'paid', 'failed', 'rejected')`,
    ),
  ],
);

export const distributorGrades = pgTable(
  "distributor_grades",
  {
    id: id(),
    rank: integer("rank").notNull(),
    name: text("name").notNull(),
    /** Domain `GradeTasks` (checked by the grade editor's schema before it is saved). */
    tasks: jsonb("tasks").$type<GradeTasks>().notNull(),
    ratesBps: jsonb("rates_bps").$type<[number, number, number] | null>(),
    updatedAt: at("updated_at").notNull(),
  },
  (t) => [
    // grades are ordered by rank; two grades never share one
    uniqueIndex("distributor_grades_rank_key").on(t.rank),
  ],
);

export const rewardKinds = ["first_order", "invite"] as const;

export const distributionRewards = pgTable(
  "distribution_rewards",
  {
    id: id(),
    kind: text("kind", { enum: rewardKinds }).notNull(),
    earnerUserId: ref("earner_user_id").notNull(),
    orderId: ref("order_id").notNull(),
    /** For invite rewards: whom the earner invited. */
    inviteeUserId: ref("invitee_user_id"),
    amountFen: money("amount_fen").notNull(),
    businessDate: text("business_date").notNull(),
    createdAt: at("created_at").notNull(),
  },
  (t) => [
    // one first-order reward per distributor
    uniqueIndex("distribution_rewards_first_order_key")
      .on(t.earnerUserId)
      .where(sql`${t.kind} = 'first_order'`),
    // one invite reward per (inviter, invitee)
    uniqueIndex("distribution_rewards_invite_key")
      .on(t.earnerUserId, t.inviteeUserId)
      .where(sql`${t.kind} = 'invite'`),
    // today's rewards of an earner (daily caps)
    index("distribution_rewards_earner_idx").on(t.earnerUserId, t.businessDate),
    check("distribution_rewards_amount_check", sql`${t.amountFen} > 0`),
    check("distribution_rewards_kind_check", sql`${t.kind} in ('first_order', 'invite')`),
  ],
);
