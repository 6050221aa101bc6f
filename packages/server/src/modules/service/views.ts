// Rows to API views: messages, conversations as the shopper sees them, and as the desk sees them.
import { maskPhone } from "../../lib/personal-data.ts";
import type { ConversationRow, MessageRow } from "./repo.ts";

export function messageView(row: MessageRow) {
  return {
    id: row.id,
    conversationId: row.conversationId,
    sender: row.sender,
    senderId: row.senderId,
    senderName: row.senderName,
    body: row.body,
    imageUrl: row.imageUrl,
    faqEntryId: row.faqEntryId,
    contextKind: row.contextKind,
    contextId: row.contextId,
    createdAt: row.createdAt,
  };
}

export function conversationView(row: ConversationRow) {
  return {
    id: row.id,
    userId: row.userId,
    status: row.status,
    assignedStaffId: row.assignedStaffId,
    contextKind: row.contextKind,
    contextId: row.contextId,
    needsHuman: row.needsHuman,
    waitingSince: row.waitingSince,
    userUnread: row.userUnread,
    staffUnread: row.staffUnread,
    lastMessageAt: row.lastMessageAt,
    lastMessagePreview: row.lastMessagePreview,
    createdAt: row.createdAt,
    closedAt: row.closedAt,
  };
}

export function staffConversationView(
  row: { conversation: ConversationRow; userNickname: string; userPhone: string | null },
  staffNames: Map<number, string>,
  now: Date,
) {
  const c = row.conversation;
  return {
    ...conversationView(c),
    userNickname: row.userNickname,
    userPhone: maskPhone(row.userPhone),
    assignedStaffName: c.assignedStaffId ? (staffNames.get(c.assignedStaffId) ?? null) : null,
    waitingSeconds: c.waitingSince
      ? Math.max(0, Math.floor((now.getTime() - c.waitingSince.getTime()) / 1000))
      : 0,
  };
}

/** The queue line under a conversation: the text, or what was sent instead of text. */
export function previewOf(message: {
  body: string;
  imageUrl?: string | null;
  contextKind?: string | null;
}): string {
  if (message.body) return message.body.slice(0, 60);
  if (message.imageUrl) return "[图片]";
  return "[咨询]";
}
