// Customer service (在线客服): a shopper's conversations with the shop, their messages, staff quick replies,
// the merchant's FAQ entries that answer at once, and the questions nothing answered.
import { sql } from "drizzle-orm";
import { boolean, check, index, integer, jsonb, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./accounts.ts";
import { at, id, ref } from "./columns.ts";

export const conversationStatuses = ["open", "closed"] as const;
/** What a conversation was opened about; the staff context card loads it. */
export const conversationContextKinds = ["none", "product", "order", "after_sale"] as const;
export const messageSenders = ["user", "staff", "bot", "system"] as const;

export const conversations = pgTable(
  "conversations",
  {
    id: id(),
    userId: ref("user_id")
      .notNull()
      .references(() => users.id),
    status: text("status", { enum: conversationStatuses }).notNull(),
    assignedStaffId: ref("assigned_staff_id"),
    contextKind: text("context_kind", { enum: conversationContextKinds }).notNull().default("none"),
    contextId: ref("context_id"),
    /** The shopper asked for a person (转人工), or no FAQ answered: the conversation is in the staff queue. */
    needsHuman: boolean("needs_human").notNull().default(false),
    /** When the oldest shopper message still without a staff answer was sent; null when nobody waits. */
    waitingSince: at("waiting_since"),
    /** Messages the shopper has not read (staff and bot answers). */
    userUnread: integer("user_unread").notNull().default(0),
    /** Shopper messages staff have not read. */
    staffUnread: integer("staff_unread").notNull().default(0),
    lastMessageAt: at("last_message_at").notNull(),
    lastMessagePreview: text("last_message_preview").notNull().default(""),
    createdAt: at("created_at").notNull(),
    closedAt: at("closed_at"),
  },
  (t) => [
    // a shopper has at most one open conversation: opening again continues it
    uniqueIndex("conversations_open_user_key").on(t.userId).where(sql`${t.status} = 'open'`),
    // the shopper's history, newest first
    index("conversations_user_idx").on(t.userId, t.id),
    // the staff queue: open conversations by who holds them, longest waiting first
    index("conversations_queue_idx").on(t.status, t.assignedStaffId, t.lastMessageAt),
    check("conversations_status_check", sql`${t.status} in ('open', 'closed')`),
    check(
      "conversations_context_check",
      sql`${t.contextKind} in ('none', 'product', 'order', 'after_sale') and (${t.contextKind} = 'none') = (${t.contextId} is null)`,
    ),
    check("conversations_unread_check", sql`${t.userUnread} >= 0 and ${t.staffUnread} >= 0`),
  ],
);

export const conversationMessages = pgTable(
  "conversation_messages",
  {
    id: id(),
    conversationId: ref("conversation_id")
      .notNull()
      .references(() => conversations.id),
    sender: text("sender", { enum: messageSenders }).notNull(),
    /** The shopper's or staff member's id; null for the bot and system lines. */
    senderId: ref("sender_id"),
    /** Plain text, shown as text (never as HTML). */
    body: text("body").notNull().default(""),
    imageUrl: text("image_url"),
    /** The FAQ entry a bot answer came from (the shop shows 转人工 beside it). */
    faqEntryId: ref("faq_entry_id"),
    /** A context line (商品 / 订单 / 售后) the shopper opened the conversation from. */
    contextKind: text("context_kind", { enum: conversationContextKinds }),
    contextId: ref("context_id"),
    createdAt: at("created_at").notNull(),
  },
  (t) => [
    // a conversation's messages in order, and "after id N" for the live page and polling
    index("conversation_messages_conversation_idx").on(t.conversationId, t.id),
    // the per-shopper sending limit counts their last minute
    index("conversation_messages_sender_idx").on(t.senderId, t.createdAt).where(sql`${t.sender} = 'user'`),
    check("conversation_messages_sender_check", sql`${t.sender} in ('user', 'staff', 'bot', 'system')`),
    check(
      "conversation_messages_content_check",
      sql`length(${t.body}) > 0 or ${t.imageUrl} is not null or ${t.contextKind} is not null`,
    ),
  ],
);

export const quickReplies = pgTable("service_quick_replies", {
  id: id(),
  title: text("title").notNull(),
  body: text("body").notNull(),
  createdAt: at("created_at").notNull(),
});

export const faqEntries = pgTable("faq_entries", {
  id: id(),
  question: text("question").notNull(),
  /** Other ways shoppers ask the same thing. */
  variants: jsonb("variants").$type<string[]>().notNull().default([]),
  answer: text("answer").notNull(),
  /** Words that point at this entry (发货, 退款 …). */
  keywords: jsonb("keywords").$type<string[]>().notNull().default([]),
  enabled: boolean("enabled").notNull().default(true),
  /** How many shopper messages it answered. */
  hits: integer("hits").notNull().default(0),
  createdAt: at("created_at").notNull(),
  updatedAt: at("updated_at").notNull(),
});

/** Shopper questions no FAQ entry answered, counted by their normalised text: what to write next. */
export const faqMisses = pgTable(
  "faq_misses",
  {
    question: text("question").primaryKey(),
    count: integer("count").notNull().default(1),
    lastAt: at("last_at").notNull(),
  },
  (t) => [
    // the admin's "most unanswered" list
    index("faq_misses_count_idx").on(t.count),
  ],
);
