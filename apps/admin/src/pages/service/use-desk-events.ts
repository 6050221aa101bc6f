// The desk's live feed: every conversation change arrives over server-sent events; while the stream is
// down the desk refreshes on a timer instead and tries the stream again.
import { useEffect, useRef } from "react";
import { readLiveStream } from "../../lib/live-stream.ts";
import { readToken } from "../../lib/session.ts";

export type DeskEvent = { conversationId: number; message?: DeskMessage; conversation: { id: number } };
export type DeskMessage = {
  id: number;
  conversationId: number;
  sender: "user" | "staff" | "bot" | "system";
  senderName: string | null;
  body: string;
  imageUrl: string | null;
  faqEntryId: number | null;
  contextKind: string | null;
  contextId: number | null;
  createdAt: string;
};

const POLL_MS = 5000;
const RETRY_MS = 15_000;

export function useDeskEvents(onEvent: (event: DeskEvent | null) => void): void {
  const handler = useRef(onEvent);
  handler.current = onEvent;
  useEffect(() => {
    const controller = new AbortController();
    let poll: ReturnType<typeof setInterval> | null = null;
    let retry: ReturnType<typeof setTimeout> | null = null;
    const connect = () => {
      if (controller.signal.aborted) return;
      readLiveStream(
        "/api/admin/v1/service/events",
        readToken(),
        (data) => handler.current(data as DeskEvent),
        controller.signal,
      )
        .catch(() => {})
        .finally(() => {
          if (controller.signal.aborted) return;
          // null: "something may have changed", the desk reloads what it shows
          poll ??= setInterval(() => handler.current(null), POLL_MS);
          retry = setTimeout(() => {
            if (poll) clearInterval(poll);
            poll = null;
            connect();
          }, RETRY_MS);
        });
    };
    connect();
    return () => {
      controller.abort();
      if (poll) clearInterval(poll);
      if (retry) clearTimeout(retry);
    };
  }, []);
}
