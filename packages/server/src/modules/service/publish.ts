// After a change commits, tells the open pages: one live event per new message, or one for the
// conversation's new state. A failed NOTIFY loses nothing: the message is stored and pages poll.
import type { Database } from "../../db/client.ts";
import { liveBusOf } from "./live.ts";
import type { ConversationRow, MessageRow } from "./repo.ts";
import { conversationView, messageView } from "./views.ts";

export async function publishChange(
  database: Database,
  conversation: ConversationRow,
  messages: MessageRow[] = [],
): Promise<void> {
  const bus = liveBusOf(database);
  const state = conversationView(conversation);
  const events =
    messages.length > 0
      ? messages.map((m) => ({
          conversationId: conversation.id,
          userId: conversation.userId,
          message: messageView(m),
          conversation: state,
        }))
      : [{ conversationId: conversation.id, userId: conversation.userId, conversation: state }];
  try {
    for (const event of events) await bus.publish(JSON.parse(JSON.stringify(event)));
  } catch {
    // the database refused the NOTIFY (restarting): pages catch up by polling
  }
}
