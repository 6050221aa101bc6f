import { describe, expect, test } from "vitest";
import { decideDelivery, decideRedemption, serviceDeliveredDueAt } from "./service-goods.ts";

const DAY = 86_400_000;

describe("decideDelivery", () => {
  test.each([
    { label: "a shirt is shipped", kinds: ["physical"], expected: { ok: true, delivery: "shipping" } },
    {
      label: "the ¥999 course is redeemed",
      kinds: ["service"],
      expected: { ok: true, delivery: "redemption" },
    },
    {
      label: "two classes are redeemed",
      kinds: ["service", "service"],
      expected: { ok: true, delivery: "redemption" },
    },
    {
      label: "a course with a shirt is refused",
      kinds: ["service", "physical"],
      expected: { ok: false, code: "ORDER_MIXES_SERVICE_GOODS" },
    },
  ] as const)("$label", ({ kinds, expected }) => {
    expect(decideDelivery(kinds)).toEqual(expected);
  });
});

describe("serviceDeliveredDueAt", () => {
  test.each([
    { label: "valid 30 days → day 30", days: [30], expected: 30 * DAY },
    { label: "the shortest validity wins", days: [30, 7], expected: 7 * DAY },
    { label: "no validity → only redemption delivers", days: [null], expected: null },
  ])("$label", ({ days, expected }) => {
    expect(serviceDeliveredDueAt(0, days)).toBe(expected);
  });
});

describe("decideRedemption", () => {
  test.each([
    {
      label: "an issued code of a waiting order",
      status: "issued",
      order: "shipped",
      expected: { ok: true },
    },
    {
      label: "a code used before",
      status: "redeemed",
      order: "received",
      expected: { ok: false, code: "REDEMPTION_CODE_USED" },
    },
    {
      label: "a code of a refunded order",
      status: "issued",
      order: "refunded",
      expected: { ok: false, code: "ORDER_STATE_INVALID" },
    },
  ] as const)("$label", ({ status, order, expected }) => {
    expect(decideRedemption({ status }, order)).toEqual(expected);
  });
});
