// Hands committed outbox messages (order paid, commission created, withdrawal paid…) to their handlers.
// A second run finds nothing: delivered rows are marked, and rows a running batch holds are skipped by others.
// Subscribers are listed here (append one line per area); several may handle one topic, in list order.

import type { Executor } from "../db/client.ts";
import type { AppDeps } from "../deps.ts";
import { notificationOutboxHandlers } from "../modules/notifications/outbox-subscriber.ts";
import {
  deliverOutbox,
  type OutboxDelivery,
  type OutboxHandlers,
  type OutboxTopic,
} from "../modules/outbox/service.ts";
import { trackingOutboxHandlers } from "../modules/tracking/outbox-subscriber.ts";
import type { Job } from "./job.ts";

export const outboxSubscribers: Array<(deps: AppDeps) => OutboxHandlers> = [
  trackingOutboxHandlers,
  notificationOutboxHandlers,
];

/** Every subscriber's handlers merged: a topic's handlers run one after another on its messages. */
export function outboxHandlers(deps: AppDeps): OutboxHandlers {
  type Handler = (messages: OutboxDelivery[], db: Executor) => Promise<void>;
  const byTopic = new Map<OutboxTopic, Handler[]>();
  for (const subscribe of outboxSubscribers) {
    for (const [topic, handler] of Object.entries(subscribe(deps))) {
      const list = byTopic.get(topic as OutboxTopic) ?? [];
      list.push(handler as Handler);
      byTopic.set(topic as OutboxTopic, list);
    }
  }
  const merged: Record<string, Handler> = {};
  for (const [topic, list] of byTopic) {
    merged[topic] = async (messages, db) => {
      for (const handler of list) await handler(messages, db);
    };
  }
  return merged as OutboxHandlers;
}

export const deliverOutboxJob: Job = {
  name: "deliver-outbox",
  // every second: notices appear soon after their moment, and each run has a few batches, not a burst
  everyMs: 1_000,
  run: (deps, now) => deliverOutbox(deps.db, outboxHandlers(deps), { now }),
};
