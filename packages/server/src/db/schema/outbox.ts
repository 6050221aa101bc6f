// The outbox: facts about money events (order paid, commission created, withdrawal paid…) written in the
// transaction that made them and delivered after commit — what analytics, notifications and webhooks read.
import { sql } from "drizzle-orm";
import { bigint, check, index, integer, jsonb, pgTable, text } from "drizzle-orm/pg-core";
import { at } from "./columns.ts";

export const outbox = pgTable(
  "outbox",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    /** `area.past_tense`, e.g. `order.paid`. */
    topic: text("topic").notNull(),
    /** Ids and amounts only: no personal data. */
    payload: jsonb("payload").notNull(),
    createdAt: at("created_at").notNull().defaultNow(),
    /** Not before this: a failed delivery waits here (backoff). */
    nextAttemptAt: at("next_attempt_at").notNull().defaultNow(),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    deliveredAt: at("delivered_at"),
  },
  (t) => [
    // deliverOutbox: undelivered rows due by now, oldest first
    index("outbox_due_idx").on(t.nextAttemptAt, t.id).where(sql`${t.deliveredAt} is null`),
    check("outbox_attempts_check", sql`${t.attempts} >= 0`),
  ],
);
