import { describe, expect, test } from "vitest";
import {
  AFTER_SALE_EVENTS,
  AFTER_SALE_KINDS,
  AFTER_SALE_STATES,
  type AfterSaleEvent,
  type AfterSaleKind,
  type AfterSaleState,
  decideAfterSaleTransition,
  isAfterSaleOpen,
} from "./after-sale-state.ts";

type Move = {
  label: string;
  kind: AfterSaleKind;
  from: AfterSaleState;
  event: AfterSaleEvent;
  to: AfterSaleState;
};

const both = (label: string, from: AfterSaleState, event: AfterSaleEvent, to: AfterSaleState): Move[] =>
  AFTER_SALE_KINDS.map((kind) => ({ label, kind, from, event, to }));

const legal: Move[] = [
  ...both("merchant approves", "requested", "approve", "approved"),
  ...both("merchant rejects", "requested", "reject", "rejected"),
  ...both("shopper withdraws the request", "requested", "cancel", "cancelled"),
  {
    label: "refund only goes straight to the provider",
    kind: "refund_only",
    from: "approved",
    event: "start_refund",
    to: "refunding",
  },
  {
    label: "shopper ships the goods back",
    kind: "return_refund",
    from: "approved",
    event: "ship_back",
    to: "awaiting_return",
  },
  {
    label: "merchant receives them",
    kind: "return_refund",
    from: "awaiting_return",
    event: "confirm_return",
    to: "returned",
  },
  {
    label: "then the refund starts",
    kind: "return_refund",
    from: "returned",
    event: "start_refund",
    to: "refunding",
  },
  ...both("provider confirms", "refunding", "refund_succeeded", "refunded"),
  ...both("provider fails", "refunding", "refund_failed", "refund_failed"),
  ...both("finance retries", "refund_failed", "retry_refund", "refunding"),
];

describe("decideAfterSaleTransition", () => {
  test.each(legal)("$kind: $label ($from --$event--> $to)", ({ kind, from, event, to }) => {
    expect(decideAfterSaleTransition(kind, from, event)).toEqual({ ok: true, to });
  });

  const illegal = AFTER_SALE_KINDS.flatMap((kind) =>
    AFTER_SALE_STATES.flatMap((from) =>
      AFTER_SALE_EVENTS.filter(
        (event) => !legal.some((l) => l.kind === kind && l.from === from && l.event === event),
      ).map((event) => ({ kind, from, event })),
    ),
  );
  test.each(illegal)("$kind refuses $event while $from", ({ kind, from, event }) => {
    expect(decideAfterSaleTransition(kind, from, event)).toEqual({
      ok: false,
      code: "AFTER_SALE_STATE_INVALID",
      kind,
      from,
      event,
    });
  });

  test("every pair is either listed or refused", () => {
    expect(legal.length + illegal.length).toBe(
      AFTER_SALE_KINDS.length * AFTER_SALE_STATES.length * AFTER_SALE_EVENTS.length,
    );
  });

  test.each([
    { state: "requested", open: true },
    { state: "refund_failed", open: true },
    { state: "awaiting_return", open: true },
    { state: "refunded", open: false },
    { state: "rejected", open: false },
    { state: "cancelled", open: false },
  ] as const)("$state holds its units: $open", ({ state, open }) => {
    expect(isAfterSaleOpen(state)).toBe(open);
  });
});
