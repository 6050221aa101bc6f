// The shop's customer-service calls: open a conversation (with what it is about), messages, 转人工, read.
import { api, call } from "./api.ts";

export type ChatMessage = {
  id: number;
  conversationId: number;
  sender: "user" | "staff" | "bot" | "system";
  senderName: string | null;
  body: string;
  imageUrl: string | null;
  faqEntryId: number | null;
  contextKind: "none" | "product" | "order" | "after_sale" | null;
  contextId: number | null;
  createdAt: string;
};
export type ChatContext = { kind: "product" | "order" | "after_sale"; id: number };

const base = "/api/v1/service/conversations";

export const serviceApi = {
  open: (context?: ChatContext) => call(api.POST(base, { body: context ? { context } : {} })),
  messagesAfter: (id: number, after: number) =>
    call(api.GET(`${base}/{id}/messages`, { params: { path: { id }, query: { after, limit: 100 } } })),
  send: (id: number, body: { text?: string; imageUrl?: string }) =>
    call(api.POST(`${base}/{id}/messages`, { params: { path: { id } }, body })),
  human: (id: number) => call(api.POST(`${base}/{id}/human`, { params: { path: { id } } })),
  read: (id: number) => call(api.POST(`${base}/{id}/read`, { params: { path: { id } } })),
  unread: () => call(api.GET("/api/v1/service/unread")),
  eventsUrl: (id: number, after: number) => `${base}/${id}/events?after=${after}`,
};
