// A server-sent event stream for an open page: headers that keep reverse proxies from buffering it,
// comment heartbeats that keep idle connections alive through them, and events written as they happen.
// Pages read it with fetch (it needs the bearer header) and fall back to polling when it breaks.
import type { FastifyReply, FastifyRequest } from "fastify";
import type { LiveBus, LiveEvent, LiveTopic } from "./live.ts";

/** A comment line this often keeps proxies (nginx: 60 s idle) from closing a quiet stream. */
export const streamTiming = { heartbeatMs: 15_000 };

export type StreamOptions = {
  bus: LiveBus;
  /** The conversation this page shows, or "all" (the desk). */
  topic: LiveTopic;
  /** Which of the topic's events this page may see. */
  accept?(event: LiveEvent): boolean;
  /** What happened before the page subscribed (messages after its last id), sent first. */
  backlog?: () => Promise<LiveEvent[]>;
};

export async function openEventStream(
  request: FastifyRequest,
  reply: FastifyReply,
  options: StreamOptions,
): Promise<void> {
  // The page counts as open once it has the headers; a reply sent before this process LISTENs would be lost
  // (the first page after a start, or a fresh API process). If the database is away, open anyway: the page
  // has the backlog and polls.
  await options.bus.ready().catch(() => undefined);
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, {
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-cache, no-transform",
    connection: "keep-alive",
    // nginx buffers proxied answers unless told not to; SSE through it would arrive in bursts
    "x-accel-buffering": "no",
    "x-request-id": request.id,
  });
  raw.write("retry: 3000\n\n");
  const sent = new Set<number>();
  const write = (event: LiveEvent, json = JSON.stringify(event)) => {
    const messageId = event.message?.id;
    if (typeof messageId === "number") {
      // the backlog and the live feed overlap by design (subscribe first, then read): send each message once
      if (sent.has(messageId)) return;
      sent.add(messageId);
    }
    const id = typeof messageId === "number" ? `id: ${messageId}\n` : "";
    raw.write(`${id}event: conversation\ndata: ${json}\n\n`);
  };

  let open = true;
  const pending: Array<[LiveEvent, string]> = [];
  let replaying = Boolean(options.backlog);
  const unsubscribe = options.bus.subscribe(options.topic, (event, json) => {
    if (!open || (options.accept && !options.accept(event))) return;
    if (replaying) pending.push([event, json]);
    else write(event, json);
  });
  const heartbeat = setInterval(() => raw.write(": ping\n\n"), streamTiming.heartbeatMs);
  heartbeat.unref();
  const end = () => {
    if (!open) return;
    open = false;
    clearInterval(heartbeat);
    unsubscribe();
  };
  request.raw.on("close", end);
  raw.on("close", end);

  if (options.backlog) {
    options
      .backlog()
      .then((events) => {
        if (!open) return;
        for (const event of events) write(event);
        replaying = false;
        for (const [event, json] of pending.splice(0)) write(event, json);
      })
      .catch(() => {
        // the page reconnects (retry) and reads the backlog again
        end();
        raw.end();
      });
  }
}
