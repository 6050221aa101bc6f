// Guards around signing in: per-account login throttling and SMS verification codes.
import { sql } from "drizzle-orm";
import { bigint, check, index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

export const loginThrottles = pgTable("login_throttles", {
  /** `user:<phone>` or `staff:<username>`, as typed, whether or not the account exists. */
  key: text("key").primaryKey(),
  failures: integer("failures").notNull(),
  lastFailedAt: timestamp("last_failed_at", { withTimezone: true }),
  lockedUntil: timestamp("locked_until", { withTimezone: true }),
});

export const smsCodes = pgTable(
  "sms_codes",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    phone: text("phone").notNull(),
    purpose: text("purpose", { enum: ["register", "reset_password", "change_phone"] }).notNull(),
    /** HMAC-SHA256 of the code with the row's salt; the code itself is never stored. */
    codeHash: text("code_hash").notNull(),
    salt: text("salt").notNull(),
    /** Who asked (the per-address daily cap counts these). */
    ip: text("ip").notNull(),
    attempts: integer("attempts").notNull().default(0),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull(),
    consumedAt: timestamp("consumed_at", { withTimezone: true }),
  },
  (t) => [
    // the latest code of a phone for a purpose; the phone's sends in the last day
    index("sms_codes_phone_idx").on(t.phone, t.sentAt),
    // the address's sends in the last day
    index("sms_codes_ip_idx").on(t.ip, t.sentAt),
    check("sms_codes_purpose_check", sql`${t.purpose} in ('register', 'reset_password', 'change_phone')`),
    check("sms_codes_attempts_check", sql`${t.attempts} >= 0`),
  ],
);
