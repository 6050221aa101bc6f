// After a change commits, tells the open pages: one live event per new message, or one for the
// conversation's new state. A failed NOTIFY loses nothing: the message is stored and pages poll.
import type { Database } from "../../db/client.ts";
import { type LiveEvent, liveBusOf } from "./live.ts";
import type { ConversationRow, MessageRow } from "./repo.ts";
import { conversationView, messageView } from "./views.ts";

export async function publishChange(
  database: Database,
  conversation: ConversationRow,
  messages: MessageRow[] = [],
): Promise<void> {
  const state = conversationView(conversation);
  const events: LiveEvent[] =
    messages.length > 0
      ? messages.map((m) => ({
          conversationId: conversation.id,
          userId: conversation.userId,
          message: messageView(m),
          conversation: state,
        }))
      : [{ conversationId: conversation.id, userId: conversation.userId, conversation: state }];
  try {
    await liveBusOf(database).publish(events);
  } catch {
    // the database refused the NOTIFY (restarting): pages catch up by polling
  }
}
