// Hands committed outbox messages (order paid, commission created, withdrawal paid…) to their handlers.
// A second run finds nothing: delivered rows are marked, claimed ones are leased and skipped by others.
// Nothing subscribes yet — analytics, notifications and webhooks will add their handlers to this map.
import { deliverOutbox, type OutboxHandlers } from "../modules/outbox/service.ts";
import type { Job } from "./job.ts";

export const outboxHandlers: OutboxHandlers = {};

export const deliverOutboxJob: Job = {
  name: "deliver-outbox",
  everyMs: 5_000,
  run: (deps, now) => deliverOutbox(deps.db, outboxHandlers, { now }),
};
