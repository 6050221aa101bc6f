// A staff reply's writes in one fixed statement, its own transaction: lock the conversation, add the
// message, move the conversation on (claimed, nobody waiting, read by staff, one more unread for the
// shopper), tell the message centre when it is the first answer the shopper has not read, and read back
// what the desk shows. Through the query builder this was eight round trips (begin, lock, insert, update,
// notice, commit, the queue row, staff names); Drizzle's query building was the largest share of the
// server's CPU per delivered message, and on this machine each round trip's system calls cost more than
// the rest (bench/src/service-delivery.ts, BENCH_PROFILE=1). Nothing is written unless the conversation is
// open and unassigned or the sender's: the caller tells which refusal from the `was*` columns.
import type { Executor } from "../../db/client.ts";
import { conversationMessages, conversations } from "../../db/schema/service.ts";
import { columnsOf, nest, runStatement } from "../../db/statement.ts";
import type { ConversationRow, MessageRow } from "./repo.ts";

const REPLY = `with c as (
    select id, user_id, status, assigned_staff_id, user_unread from conversations where id = $1 for update
  ), ok as (
    select id from c where status = 'open' and (assigned_staff_id is null or assigned_staff_id = $2)
  ), m as (
    insert into conversation_messages (conversation_id, sender, sender_id, body, image_url, created_at)
    select ok.id, 'staff', $2, $3, $4, $5::timestamptz from ok
    returning *
  ), u as (
    update conversations set assigned_staff_id = $2, needs_human = true, waiting_since = null,
      staff_unread = 0, user_unread = conversations.user_unread + 1,
      last_message_at = $5::timestamptz, last_message_preview = $6
    from ok where conversations.id = ok.id
    returning conversations.*
  ), notice as (
    -- what notify() (notifications/service.ts) writes, each cause once
    insert into notifications (user_id, kind, title, body, link, source_key, created_at)
    select c.user_id, $7, $8, $6, $9, 'service:' || m.id, $5::timestamptz from c, m where c.user_unread = 0
    on conflict do nothing
  )
  select c.status as "wasStatus", c.assigned_staff_id as "wasAssignedStaffId", c.user_unread as "wasUserUnread",
    ${columnsOf(conversations, "u", "conversation.")}, ${columnsOf(conversationMessages, "m", "message.")},
    us.nickname as "userNickname", us.phone as "userPhone"
  from c join users us on us.id = c.user_id left join u on true left join m on true`;

export type StaffReply = {
  wasStatus: string;
  wasAssignedStaffId: number | null;
  wasUserUnread: number;
  /** Null when refused (closed, or another staff member's). */
  conversation: ConversationRow | null;
  message: Omit<MessageRow, "senderName"> | null;
  userNickname: string;
  userPhone: string | null;
};

/** Undefined when there is no such conversation. */
export async function writeStaffReply(
  db: Executor,
  input: {
    conversationId: number;
    staffId: number;
    body: string;
    imageUrl: string | null;
    at: Date;
    preview: string;
    /** The message-centre notice of the first unread answer (its body is the preview). */
    notice: { kind: string; title: string; link: string };
  },
): Promise<StaffReply | undefined> {
  const [row] = await runStatement<Record<string, unknown>>(db, REPLY, [
    input.conversationId,
    input.staffId,
    input.body,
    input.imageUrl,
    input.at.toISOString(),
    input.preview,
    input.notice.kind,
    input.notice.title,
    input.notice.link,
  ]);
  if (!row) return undefined;
  return {
    wasStatus: row.wasStatus as string,
    wasAssignedStaffId: row.wasAssignedStaffId as number | null,
    wasUserUnread: row.wasUserUnread as number,
    conversation: nest<ConversationRow>(row, "conversation", "id"),
    message: nest<Omit<MessageRow, "senderName">>(row, "message", "id"),
    userNickname: row.userNickname as string,
    userPhone: row.userPhone as string | null,
  };
}
