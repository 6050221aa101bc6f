import { describe, expect, test } from "vitest";
import { decideReviewable } from "./reviewable.ts";

const base = { orderStatus: "received", quantity: 2, refundedQuantity: 0, alreadyReviewed: false };

describe("who may review a bought line", () => {
  test.each([
    { label: "received, nothing refunded → allow", facts: base, expected: { kind: "allow" } },
    { label: "completed → allow", facts: { ...base, orderStatus: "completed" }, expected: { kind: "allow" } },
    {
      label: "one of two refunded → allow",
      facts: { ...base, refundedQuantity: 1 },
      expected: { kind: "allow" },
    },
    {
      label: "both refunded → refuse REFUNDED",
      facts: { ...base, refundedQuantity: 2 },
      expected: { kind: "refuse", reason: "REFUNDED" },
    },
    {
      label: "shipped, not yet received → refuse NOT_RECEIVED",
      facts: { ...base, orderStatus: "shipped" },
      expected: { kind: "refuse", reason: "NOT_RECEIVED" },
    },
    {
      label: "reviewed before → refuse ALREADY_REVIEWED",
      facts: { ...base, alreadyReviewed: true },
      expected: { kind: "refuse", reason: "ALREADY_REVIEWED" },
    },
  ])("$label", ({ facts, expected }) => {
    expect(decideReviewable(facts)).toEqual(expected);
  });
});
