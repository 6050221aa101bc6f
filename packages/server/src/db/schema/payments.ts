// Payments area: one row per provider payment (unique by the provider's transaction id, the key that makes a
// notification apply once), a log of every notification we received (refused ones too), and refunds.
import { sql } from "drizzle-orm";
import { bigint, boolean, check, index, jsonb, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { at, id } from "./columns.ts";

export const payments = pgTable(
  "payments",
  {
    id: id(),
    orderId: bigint("order_id", { mode: "number" }).notNull(),
    orderNo: text("order_no").notNull(),
    provider: text("provider").notNull(),
    outTradeNo: text("out_trade_no").notNull(),
    transactionId: text("transaction_id"),
    amountFen: bigint("amount_fen", { mode: "number" }).notNull(),
    status: text("status").notNull(),
    createdAt: at("created_at").notNull(),
    paidAt: at("paid_at"),
    /** When the reconcile sweep last asked the provider about this pending trade (it asks the longest-waiting first). */
    reconciledAt: at("reconciled_at"),
  },
  (t) => [
    check("payments_amount_positive", sql`${t.amountFen} > 0`),
    check("payments_status_known", sql`${t.status} in ('pending','paid','failed','closed')`),
    // a notification applies once per provider transaction (ON CONFLICT target)
    uniqueIndex("payments_provider_transaction_key").on(t.provider, t.transactionId),
    // the refund path finds the paid payment of an order
    index("payments_order_idx").on(t.orderId),
    // a trade's rows by its number: paying, the notification and a failed trade look them up (without it,
    // each checkout scanned every payment the shop ever took)
    index("payments_trade_idx").on(t.provider, t.outTradeNo),
    // the admin list and the daily report, newest first
    index("payments_created_idx").on(t.createdAt),
  ],
);

export const providerEvents = pgTable(
  "provider_events",
  {
    id: id(),
    provider: text("provider").notNull(),
    eventId: text("event_id"),
    kind: text("kind").notNull(),
    outcome: text("outcome").notNull(),
    reason: text("reason"),
    orderNo: text("order_no"),
    transactionId: text("transaction_id"),
    amountFen: bigint("amount_fen", { mode: "number" }),
    receivedAt: at("received_at").notNull(),
  },
  (t) => [
    // the merchant's view of refused notifications of an order
    index("provider_events_order_idx").on(t.orderNo),
  ],
);

export const refunds = pgTable(
  "refunds",
  {
    id: id(),
    afterSaleId: bigint("after_sale_id", { mode: "number" }),
    orderId: bigint("order_id", { mode: "number" }).notNull(),
    orderNo: text("order_no").notNull(),
    provider: text("provider").notNull(),
    outRefundNo: text("out_refund_no").notNull(),
    providerRefundId: text("provider_refund_id"),
    amountFen: bigint("amount_fen", { mode: "number" }).notNull(),
    status: text("status").notNull(),
    reason: text("reason").notNull(),
    failureReason: text("failure_reason"),
    createdAt: at("created_at").notNull(),
    doneAt: at("done_at"),
  },
  (t) => [
    check("refunds_amount_positive", sql`${t.amountFen} > 0`),
    check("refunds_status_known", sql`${t.status} in ('pending','succeeded','failed')`),
    // a refund is started once per number (idempotent start and retry)
    uniqueIndex("refunds_out_refund_no_key").on(t.outRefundNo),
    // the admin list and the daily report, newest first
    index("refunds_created_idx").on(t.createdAt),
  ],
);

// A merchant's keys for one provider, set in the admin: the ids in clear (shown back), the secrets sealed
// with the server's SECRET_KEY (AES-256-GCM, lib/secret-box.ts) and never returned in full.
export const paymentSettings = pgTable(
  "payment_settings",
  {
    provider: text("provider").primaryKey(),
    enabled: boolean("enabled").notNull(),
    public: jsonb("public").notNull(),
    secretsSealed: text("secrets_sealed").notNull(),
    updatedAt: at("updated_at").notNull(),
  },
  (t) => [check("payment_settings_provider_known", sql`${t.provider} in ('sandbox','wechat','alipay')`)],
);
