import { describe, expect, test } from "vitest";
import {
  decideOrderTransition,
  isOrderFinal,
  ORDER_EVENTS,
  ORDER_STATES,
  type OrderEvent,
  type OrderState,
} from "./order-state.ts";

const legal: { label: string; from: OrderState; event: OrderEvent; to: OrderState }[] = [
  { label: "shopper pays", from: "pending_payment", event: "pay", to: "paid" },
  { label: "shopper cancels before paying", from: "pending_payment", event: "cancel", to: "cancelled" },
  { label: "payment timeout closes it", from: "pending_payment", event: "close", to: "closed" },
  { label: "merchant ships", from: "paid", event: "ship", to: "shipped" },
  { label: "refunded in full before shipping", from: "paid", event: "refund_all", to: "refunded" },
  { label: "shopper confirms receipt", from: "shipped", event: "confirm_receipt", to: "received" },
  { label: "refunded in full in transit", from: "shipped", event: "refund_all", to: "refunded" },
  { label: "after-sale window passes", from: "received", event: "complete", to: "completed" },
  { label: "refunded in full after receipt", from: "received", event: "refund_all", to: "refunded" },
];

describe("decideOrderTransition", () => {
  test.each(legal)("$label: $from --$event--> $to", ({ from, event, to }) => {
    expect(decideOrderTransition(from, event)).toEqual({ ok: true, to });
  });

  const illegal = ORDER_STATES.flatMap((from) =>
    ORDER_EVENTS.filter((event) => !legal.some((l) => l.from === from && l.event === event)).map((event) => ({
      from,
      event,
    })),
  );
  test.each(illegal)("refuses $event on a $from order", ({ from, event }) => {
    expect(decideOrderTransition(from, event)).toEqual({
      ok: false,
      code: "ORDER_STATE_INVALID",
      from,
      event,
    });
  });

  test("the table has exactly the listed moves", () => {
    expect(illegal.length + legal.length).toBe(ORDER_STATES.length * ORDER_EVENTS.length);
  });

  test.each([
    { state: "completed", final: true },
    { state: "cancelled", final: true },
    { state: "closed", final: true },
    { state: "refunded", final: true },
    { state: "pending_payment", final: false },
    { state: "received", final: false },
  ] as const)("$state is final: $final", ({ state, final }) => {
    expect(isOrderFinal(state)).toBe(final);
  });
});
