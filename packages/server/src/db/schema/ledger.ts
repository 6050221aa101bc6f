// The double-entry ledger: accounts with a cached balance, append-only transactions with a unique
// idempotency key, and their entries (+ debit, − credit) that sum to zero (triggers in 0003_ledger_guards.sql).
import { sql } from "drizzle-orm";
import {
  bigint,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { id } from "./columns.ts";

/**
 * An account's balance is Σ of its entries, debit positive, kept as `balance_fen` plus the account's
 * `ledger_balance_slots` (see ledger/accounts.ts: accounts whose balance a limit reads keep it all on this
 * row; every other account adds to slot rows, so shop-wide accounts are no row every payment queues on). A credit-normal account (money we owe:
 * merchant_revenue, commission_*, withdrawal_hold) therefore holds its money as a NEGATIVE number; the
 * ledger service reads it back with the sign flipped (`owedFen = −balance_fen`).
 */
export const ledgerAccounts = pgTable(
  "ledger_accounts",
  {
    id: id(),
    // COLLATE "C" (0052, which Drizzle does not express): ASCII identifiers compared byte by byte
    code: text("code").notNull(),
    balanceFen: bigint("balance_fen", { mode: "number" }).notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // postings find (or create) an account by its code
    uniqueIndex("ledger_accounts_code_key").on(t.code),
    // a shopper's wallet is never overdrawn: trigger ledger_accounts_wallet_check (0009_shop_wallet.sql)
  ],
);

/**
 * The balance of an account that keeps no running balance on its row (merchant revenue, gateway clearing,
 * frozen commissions…), spread over slot rows: each database connection adds to its own slot
 * (`pg_backend_pid() % LEDGER_SLOTS`), and readers sum them with the row's `balance_fen`.
 */
export const ledgerBalanceSlots = pgTable(
  "ledger_balance_slots",
  {
    accountId: bigint("account_id", { mode: "number" })
      .notNull()
      .references(() => ledgerAccounts.id),
    slot: integer("slot").notNull(),
    balanceFen: bigint("balance_fen", { mode: "number" }).notNull().default(0),
  },
  (t) => [
    // a posting adds to (account, its connection's slot); a reader sums an account's slots
    primaryKey({ columns: [t.accountId, t.slot] }),
  ],
);

export const ledgerTransactions = pgTable(
  "ledger_transactions",
  {
    id: id(),
    // COLLATE "C" (0052), as the account code
    idempotencyKey: text("idempotency_key").notNull(),
    kind: text("kind").notNull(),
    meta: jsonb("meta").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // one ledger transaction per business event (L3)
    uniqueIndex("ledger_transactions_idempotency_key_key").on(t.idempotencyKey),
  ],
);

export const ledgerEntries = pgTable(
  "ledger_entries",
  {
    // numbered in the order written; the row's key is (transaction, number): see below
    id: bigint("id", { mode: "number" }).generatedAlwaysAsIdentity(),
    // both references are checked once per INSERT statement by ledger_entries_balanced (0047), not by
    // foreign keys that query once per row; transactions and accounts can be neither deleted nor renumbered
    transactionId: bigint("transaction_id", { mode: "number" }).notNull(),
    accountId: bigint("account_id", { mode: "number" }).notNull(),
    amountFen: bigint("amount_fen", { mode: "number" }).notNull(),
  },
  (t) => [
    // the key, led by the transaction: a transaction's entries (idempotent replay comparison, the L1
    // trigger, the audit) are read by it, with no index of their own to write (0051)
    primaryKey({ columns: [t.transactionId, t.id] }),
    // an account's statement, newest first (distributor detail in the admin)
    index("ledger_entries_account_idx").on(t.accountId, t.id),
    check("ledger_entries_amount_check", sql`${t.amountFen} <> 0`),
  ],
);
