// The after-sale (售后) lifecycle as data tables, one per kind: refund only, or return then
// refund. A failed refund can be retried; anything not in the table is refused.

export const AFTER_SALE_KINDS = ["refund_only", "return_refund"] as const;
export type AfterSaleKind = (typeof AFTER_SALE_KINDS)[number];

export const AFTER_SALE_STATES = [
  "requested",
  "approved",
  "rejected",
  "cancelled",
  "awaiting_return",
  "returned",
  "refunding",
  "refunded",
  "refund_failed",
] as const;
export type AfterSaleState = (typeof AFTER_SALE_STATES)[number];

export const AFTER_SALE_EVENTS = [
  "approve",
  "reject",
  "cancel",
  "ship_back",
  "confirm_return",
  "start_refund",
  "refund_succeeded",
  "refund_failed",
  "retry_refund",
] as const;
export type AfterSaleEvent = (typeof AFTER_SALE_EVENTS)[number];

type Table = Readonly<Record<AfterSaleState, Partial<Record<AfterSaleEvent, AfterSaleState>>>>;

const refundSteps = {
  refunding: { refund_succeeded: "refunded", refund_failed: "refund_failed" },
  refund_failed: { retry_refund: "refunding" },
  refunded: {},
  rejected: {},
  cancelled: {},
} as const;

/**
 * Every legal move per kind. `ship_back` is the shopper sending the goods with a tracking
 * number, `confirm_return` the merchant receiving them, `start_refund` the call to the
 * payment provider, `refund_succeeded`/`refund_failed` its answer.
 */
export const AFTER_SALE_TRANSITIONS: Readonly<Record<AfterSaleKind, Table>> = {
  refund_only: {
    requested: { approve: "approved", reject: "rejected", cancel: "cancelled" },
    approved: { start_refund: "refunding" },
    awaiting_return: {},
    returned: {},
    ...refundSteps,
  },
  return_refund: {
    requested: { approve: "approved", reject: "rejected", cancel: "cancelled" },
    approved: { ship_back: "awaiting_return" },
    awaiting_return: { confirm_return: "returned" },
    returned: { start_refund: "refunding" },
    ...refundSteps,
  },
};

export type AfterSaleTransition =
  | { ok: true; to: AfterSaleState }
  | {
      ok: false;
      code: "AFTER_SALE_STATE_INVALID";
      kind: AfterSaleKind;
      from: AfterSaleState;
      event: AfterSaleEvent;
    };

/**
 * Where an after-sale goes when an event happens to it, or why it cannot.
 * Example: decideAfterSaleTransition("refund_only", "approved", "start_refund") =
 * { ok: true, to: "refunding" }; the same event on an approved return_refund is refused
 * because the goods have not come back yet.
 */
export function decideAfterSaleTransition(
  kind: AfterSaleKind,
  state: AfterSaleState,
  event: AfterSaleEvent,
): AfterSaleTransition {
  const to = AFTER_SALE_TRANSITIONS[kind][state][event];
  return to ? { ok: true, to } : { ok: false, code: "AFTER_SALE_STATE_INVALID", kind, from: state, event };
}

/**
 * True while the after-sale still holds its units against the order (so the shopper may not
 * open another one for them). Example: isAfterSaleOpen("refund_failed") = true.
 */
export function isAfterSaleOpen(state: AfterSaleState): boolean {
  return state !== "rejected" && state !== "cancelled" && state !== "refunded";
}
