// The batched writer: events are queued in memory and written by one multi-row INSERT when the batch is full
// or a short timer fires, so a page view costs the request no database round trip and checkout none at all.
// A crash loses at most one unwritten batch of views and clicks; order events come from the outbox instead.
import type { Db } from "../../db/client.ts";
import { insertTrackingEvents, markDirtyDays, type NewTrackingEvent } from "./repo.ts";

export type EventBuffer = {
  push(events: NewTrackingEvent[]): void;
  /** Writes what is queued now; resolves when it is written (tests and shutdown call it). */
  flush(): Promise<void>;
  /** How many events are queued (not yet written). */
  readonly pending: number;
};

const MAX_QUEUED = 50_000;

export function createEventBuffer(
  db: Db,
  options: { batchSize?: number; flushEveryMs?: number; onError?: (error: unknown) => void } = {},
): EventBuffer {
  const batchSize = options.batchSize ?? 500;
  const flushEveryMs = options.flushEveryMs ?? 1_000;
  let queue: NewTrackingEvent[] = [];
  let timer: NodeJS.Timeout | null = null;
  let writing: Promise<void> = Promise.resolve();

  const writeQueued = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    const batch = queue;
    queue = [];
    writing = writing.then(async () => {
      for (let i = 0; i < batch.length; i += batchSize) {
        const slice = batch.slice(i, i + batchSize);
        try {
          await insertTrackingEvents(db, slice);
          await markDirtyDays(
            db,
            slice.map((e) => e.at),
            new Date(),
          );
        } catch (error) {
          // analytics must never fail a shopper's request: the batch is dropped and the failure logged
          options.onError?.(error);
        }
      }
    });
    return writing;
  };

  return {
    push(events) {
      // under a flood the newest views are dropped rather than the process running out of memory
      const room = MAX_QUEUED - queue.length;
      queue.push(...events.slice(0, Math.max(0, room)));
      if (queue.length >= batchSize) void writeQueued();
      else if (!timer && queue.length > 0) {
        timer = setTimeout(() => void writeQueued(), flushEveryMs);
        timer.unref();
      }
    },
    flush: () => writeQueued(),
    get pending() {
      return queue.length;
    },
  };
}
