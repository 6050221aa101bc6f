// The customer-service contract: opening a conversation with its context, messages (text or an uploaded
// image), the staff queue and its moves, quick replies, and the FAQ the bot answers from.
import { z } from "zod";
import { conversationContextKinds, conversationStatuses, messageSenders } from "../../db/schema/service.ts";
import { fromDigits, Id, singleLine } from "../../http/input-types.ts";

export { IdParams } from "../../http/input-types.ts";

/** Long enough for a complaint, short enough that a live event stays well inside NOTIFY's 8 kB. */
export const MAX_MESSAGE_CHARS = 1000;

export const ContextKind = z.enum(conversationContextKinds);

export const OpenConversationBody = z.strictObject({
  context: z.strictObject({ kind: z.enum(["product", "order", "after_sale"]), id: Id }).optional(),
});

export const SendMessageBody = z
  .strictObject({
    text: z.string().trim().max(MAX_MESSAGE_CHARS).optional(),
    imageUrl: z.string().trim().min(1).max(500).optional(),
  })
  .refine((body) => Boolean(body.text) || Boolean(body.imageUrl), {
    message: "send text or an image",
  });

export const MessagesQuery = z.strictObject({
  /** Messages after this id, oldest first (the live page catching up, or polling). */
  after: fromDigits(z.number().int().min(0)).optional(),
  /** Messages before this id (scrolling back), answered oldest first. */
  before: Id.optional(),
  limit: fromDigits(z.number().int().min(1).max(100).default(50)),
});

export const MessageView = z.object({
  id: z.number(),
  conversationId: z.number(),
  sender: z.enum(messageSenders),
  senderId: z.number().nullable(),
  /** The staff member's name on staff answers; null otherwise. */
  senderName: z.string().nullable(),
  body: z.string(),
  imageUrl: z.string().nullable(),
  faqEntryId: z.number().nullable(),
  contextKind: ContextKind.nullable(),
  contextId: z.number().nullable(),
  createdAt: z.date(),
});

export const ConversationView = z.object({
  id: z.number(),
  userId: z.number(),
  status: z.enum(conversationStatuses),
  assignedStaffId: z.number().nullable(),
  contextKind: ContextKind,
  contextId: z.number().nullable(),
  needsHuman: z.boolean(),
  waitingSince: z.date().nullable(),
  userUnread: z.number(),
  staffUnread: z.number(),
  lastMessageAt: z.date(),
  lastMessagePreview: z.string(),
  createdAt: z.date(),
  closedAt: z.date().nullable(),
});

export const ConversationWithMessages = z.object({
  conversation: ConversationView,
  messages: z.array(MessageView),
  /** When nobody is on duty: when someone will answer (null while the desk is staffed). */
  offHoursNotice: z.string().nullable(),
});

export const MessagesResponse = z.object({ items: z.array(MessageView) });
export const SentResponse = z.object({ conversation: ConversationView, messages: z.array(MessageView) });
export const ShopperConversationPage = z.object({
  items: z.array(ConversationView),
  nextCursor: z.number().nullable(),
});
export const UnreadResponse = z.object({ unread: z.number() });

// staff

export const QueueView = z.enum(["unassigned", "mine", "all"]);
export const QueueQuery = z.strictObject({
  view: QueueView.default("all"),
  status: z.enum(conversationStatuses).default("open"),
  cursor: Id.optional(),
  limit: fromDigits(z.number().int().min(1).max(100).default(30)),
});

export const StaffConversationView = ConversationView.extend({
  userNickname: z.string(),
  /** Masked: support reads it to recognise a caller, not to call them. */
  userPhone: z.string().nullable(),
  assignedStaffName: z.string().nullable(),
  /** Seconds the shopper has waited for a person (0 when nobody waits). */
  waitingSeconds: z.number(),
});
export const QueuePage = z.object({
  items: z.array(StaffConversationView),
  nextCursor: z.number().nullable(),
  counts: z.object({ unassigned: z.number(), mine: z.number(), all: z.number(), staffUnread: z.number() }),
});

const ContextOrder = z.object({
  id: z.number(),
  orderNo: z.string(),
  status: z.string(),
  payableFen: z.number(),
  refundedFen: z.number(),
  placedAt: z.date(),
  items: z.array(
    z.object({ title: z.string(), skuLabel: z.string(), quantity: z.number(), paidFen: z.number() }),
  ),
  parcels: z.array(z.object({ carrier: z.string(), trackingNo: z.string() })),
  afterSales: z.array(
    z.object({
      id: z.number(),
      kind: z.string(),
      status: z.string(),
      refundFen: z.number(),
      reason: z.string(),
    }),
  ),
});
export const ContextCard = z.object({
  kind: ContextKind,
  product: z.object({ id: z.number(), title: z.string(), imageUrl: z.string().nullable() }).nullable(),
  order: ContextOrder.nullable(),
  afterSaleId: z.number().nullable(),
  /** The shopper's latest orders, when the conversation is not about one. */
  recentOrders: z.array(
    z.object({ id: z.number(), orderNo: z.string(), status: z.string(), payableFen: z.number() }),
  ),
});
export const StaffConversationDetail = z.object({
  conversation: StaffConversationView,
  messages: z.array(MessageView),
  context: ContextCard,
});

export const TransferBody = z.strictObject({ staffId: Id });
export const SearchQuery = z.strictObject({
  q: z.string().trim().min(1).max(50),
  limit: fromDigits(z.number().int().min(1).max(100).default(30)),
});
export const SearchResponse = z.object({
  items: z.array(MessageView.extend({ userNickname: z.string() })),
});
export const DeskStaff = z.object({
  items: z.array(z.object({ id: z.number(), name: z.string(), role: z.string() })),
});

export const QuickReplyBody = z.strictObject({
  title: singleLine(1, 30),
  body: z.string().trim().min(1).max(MAX_MESSAGE_CHARS),
});
export const QuickReplyView = z.object({ id: z.number(), title: z.string(), body: z.string() });
export const QuickReplyList = z.object({ items: z.array(QuickReplyView) });

// FAQ (智能客服)

const phrase = z.string().trim().min(1).max(100);
export const FaqBody = z.strictObject({
  question: phrase,
  variants: z.array(phrase).max(20).default([]),
  answer: z.string().trim().min(1).max(MAX_MESSAGE_CHARS),
  keywords: z.array(singleLine(1, 20)).max(10).default([]),
  enabled: z.boolean().default(true),
});
export const FaqPatchBody = z.strictObject({
  question: phrase.optional(),
  variants: z.array(phrase).max(20).optional(),
  answer: z.string().trim().min(1).max(MAX_MESSAGE_CHARS).optional(),
  keywords: z.array(singleLine(1, 20)).max(10).optional(),
  enabled: z.boolean().optional(),
});
export const FaqView = z.object({
  id: z.number(),
  question: z.string(),
  variants: z.array(z.string()),
  answer: z.string(),
  keywords: z.array(z.string()),
  enabled: z.boolean(),
  hits: z.number(),
  updatedAt: z.date(),
});
export const FaqList = z.object({ items: z.array(FaqView) });
export const UnansweredQuery = z.strictObject({
  limit: fromDigits(z.number().int().min(1).max(100).default(20)),
});
export const UnansweredList = z.object({
  items: z.array(z.object({ question: z.string(), count: z.number(), lastAt: z.date() })),
});
