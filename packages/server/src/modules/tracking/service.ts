// Recording events: the shop's page views and share presses (a small batch per request), a link opened,
// a poster made and an item added to the cart — each attributed and handed to the batched writer.

import type { TrackingEventKind } from "../../db/schema/tracking.ts";
import type { AppDeps } from "../../deps.ts";
import { attribute } from "./attribution.ts";
import { createEventBuffer, type EventBuffer } from "./buffer.ts";

const buffers = new WeakMap<object, EventBuffer>();

/** The process's event writer for this app (one per deps object: each test app has its own). */
export function eventBufferOf(deps: Pick<AppDeps, "db">): EventBuffer {
  let buffer = buffers.get(deps);
  if (!buffer) {
    buffer = createEventBuffer(deps.db);
    buffers.set(deps, buffer);
  }
  return buffer;
}

type Deps = Pick<AppDeps, "db" | "now">;

export type ClientEvent = {
  kind: Extract<TrackingEventKind, "page_view" | "share">;
  productId?: number | undefined;
  source?: string | undefined;
};

/** A batch from the shop: the visitor's code (if they arrived by one) and what they looked at or shared. */
export async function recordClientEvents(
  deps: Deps,
  userId: number | null,
  input: { ref?: string | undefined; visitorKey?: string | undefined; events: ClientEvent[] },
): Promise<{ accepted: number }> {
  const at = deps.now();
  const who = await attribute(deps.db, { ref: input.ref, userId, at });
  eventBufferOf(deps).push(
    input.events.map((e) => ({
      kind: e.kind,
      at,
      ...who,
      visitorUserId: userId,
      visitorKey: input.visitorKey ?? null,
      productId: e.productId ?? null,
      source: e.source ?? null,
    })),
  );
  return { accepted: input.events.length };
}

/** A distributor's link was opened (known, unknown or frozen code alike); `outcome` says what it did. */
export function recordLinkOpen(
  deps: Deps,
  input: {
    ref: string;
    distributorUserId: number | null;
    visitorUserId: number | null;
    productId: number | null;
    source: string;
    outcome: string;
  },
): void {
  eventBufferOf(deps).push([
    {
      kind: "link_open",
      at: deps.now(),
      refCode: input.ref,
      distributorUserId: input.distributorUserId,
      outcome: input.outcome,
      visitorUserId: input.visitorUserId,
      productId: input.productId,
      source: input.source,
    },
  ]);
}

/** Something only the server sees happen (a poster drawn, an item put in the cart), attributed like a view. */
export async function recordServerEvent(
  deps: Deps,
  input: {
    kind: Extract<TrackingEventKind, "poster" | "add_to_cart">;
    userId: number;
    productId?: number | null;
    distributorUserId?: number | null;
    quantity?: number;
    source?: string;
  },
): Promise<void> {
  const at = deps.now();
  const distributorUserId =
    input.distributorUserId !== undefined
      ? input.distributorUserId
      : (await attribute(deps.db, { userId: input.userId, at })).distributorUserId;
  eventBufferOf(deps).push([
    {
      kind: input.kind,
      at,
      distributorUserId,
      visitorUserId: input.userId,
      productId: input.productId ?? null,
      source: input.source ?? null,
      ...(input.quantity && input.productId
        ? { items: [{ productId: input.productId, quantity: input.quantity, fen: 0 }] }
        : {}),
    },
  ]);
}
