// The order lifecycle as a data table: which event moves an order from which status to which.
// Anything not in the table is refused, so a late payment on a closed order or a second
// shipment never silently rewrites history.

export const ORDER_STATES = [
  "pending_payment",
  "paid",
  "shipped",
  "received",
  "completed",
  "cancelled",
  "closed",
  "refunded",
] as const;
export type OrderState = (typeof ORDER_STATES)[number];

export const ORDER_EVENTS = [
  "pay",
  "cancel",
  "close",
  "ship",
  "confirm_receipt",
  "complete",
  "refund_all",
] as const;
export type OrderEvent = (typeof ORDER_EVENTS)[number];

/**
 * Every legal move. `cancel` is the shopper giving up before paying, `close` the payment
 * timeout, `complete` the after-sale window passing, `refund_all` the moment every unit and
 * the freight have been refunded.
 */
export const ORDER_TRANSITIONS: Readonly<Record<OrderState, Partial<Record<OrderEvent, OrderState>>>> = {
  pending_payment: { pay: "paid", cancel: "cancelled", close: "closed" },
  paid: { ship: "shipped", refund_all: "refunded" },
  shipped: { confirm_receipt: "received", refund_all: "refunded" },
  received: { complete: "completed", refund_all: "refunded" },
  completed: {},
  cancelled: {},
  closed: {},
  refunded: {},
};

export type OrderTransition =
  | { ok: true; to: OrderState }
  | { ok: false; code: "ORDER_STATE_INVALID"; from: OrderState; event: OrderEvent };

/**
 * Where an order goes when an event happens to it, or why it cannot.
 * Example: decideOrderTransition("paid", "ship") = { ok: true, to: "shipped" };
 * decideOrderTransition("closed", "pay") = { ok: false, code: "ORDER_STATE_INVALID", … }.
 */
export function decideOrderTransition(state: OrderState, event: OrderEvent): OrderTransition {
  const to = ORDER_TRANSITIONS[state][event];
  return to ? { ok: true, to } : { ok: false, code: "ORDER_STATE_INVALID", from: state, event };
}

/** True when no event can move the order any more. Example: isOrderFinal("completed") = true. */
export function isOrderFinal(state: OrderState): boolean {
  return Object.keys(ORDER_TRANSITIONS[state]).length === 0;
}
