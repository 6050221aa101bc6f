import { describe, expect, test } from "vitest";
import { DEFAULT_FRAUD_THRESHOLDS, detectHoldReasons, type FraudFacts } from "./fraud.ts";

const now = 10_000_000;
const facts = (more: Partial<FraudFacts> = {}): FraudFacts => ({
  buyer: {
    userId: "B",
    phoneHashes: ["p1"],
    deviceIds: ["d1"],
    addressHashes: ["a1"],
    payoutAccountHashes: [],
  },
  earner: {
    userId: "E",
    phoneHashes: ["p2"],
    deviceIds: ["d2"],
    addressHashes: ["a2"],
    payoutAccountHashes: ["w2"],
  },
  recentBindsOfEarner: [],
  refundRatio: { refundedOrders: 0, orders: 0 },
  thresholds: DEFAULT_FRAUD_THRESHOLDS,
  nowMs: now,
  ...more,
});
const binds = (n: number, ageMs: number) => Array.from({ length: n }, () => now - ageMs);

describe("detectHoldReasons", () => {
  test.each([
    { label: "strangers", f: facts(), expected: [] },
    {
      label: "same phone",
      f: facts({ buyer: { userId: "B", phoneHashes: ["p2"] } }),
      expected: ["SAME_PHONE"],
    },
    {
      label: "same device and address",
      f: facts({ buyer: { userId: "B", deviceIds: ["x", "d2"], addressHashes: ["a2"] } }),
      expected: ["SAME_DEVICE", "SAME_ADDRESS"],
    },
    {
      label: "same payout account",
      f: facts({ buyer: { userId: "B", payoutAccountHashes: ["w2"] } }),
      expected: ["SAME_PAYOUT_ACCOUNT"],
    },
    {
      label: "empty identifiers never match",
      f: facts({ buyer: { userId: "B", phoneHashes: [""] }, earner: { userId: "E", phoneHashes: [""] } }),
      expected: [],
    },
    {
      label: "self-purchase is not matched against itself",
      f: facts({ buyer: { userId: "E", deviceIds: ["d2"] } }),
      expected: [],
    },
    {
      label: "21 binds in the last hour",
      f: facts({ recentBindsOfEarner: binds(21, 1000) }),
      expected: ["BIND_VELOCITY"],
    },
    { label: "20 binds in the last hour", f: facts({ recentBindsOfEarner: binds(20, 1000) }), expected: [] },
    {
      label: "21 binds, but two hours ago",
      f: facts({ recentBindsOfEarner: binds(21, 7_200_000) }),
      expected: [],
    },
    {
      label: "3 of 5 orders refunded",
      f: facts({ refundRatio: { refundedOrders: 3, orders: 5 } }),
      expected: ["REFUND_PATTERN"],
    },
    {
      label: "exactly half refunded",
      f: facts({ refundRatio: { refundedOrders: 5, orders: 10 } }),
      expected: [],
    },
    {
      label: "too few orders to judge",
      f: facts({ refundRatio: { refundedOrders: 4, orders: 4 } }),
      expected: [],
    },
  ])("$label → $expected", ({ f, expected }) => {
    expect(detectHoldReasons(f)).toEqual(expected);
  });
});
