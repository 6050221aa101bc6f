// Guards around signing in: per-account login throttling and SMS verification codes.
import { integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

export const loginThrottles = pgTable("login_throttles", {
  /** `user:<phone>` or `staff:<username>`, as typed, whether or not the account exists. */
  key: text("key").primaryKey(),
  failures: integer("failures").notNull(),
  lastFailedAt: timestamp("last_failed_at", { withTimezone: true }),
  lockedUntil: timestamp("locked_until", { withTimezone: true }),
});
