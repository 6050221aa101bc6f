import { describe, expect, test } from "vitest";
import { fen } from "../money.ts";
import { decideEligibility, type EligibilityMode, type EligibilityShopper } from "./eligibility.ts";

const shopper = (more: Partial<EligibilityShopper> = {}): EligibilityShopper => ({
  isDistributor: false,
  isFrozen: false,
  previouslyGranted: false,
  paidOrderCount: 0,
  paidSpendFen: fen(0),
  boughtProductIds: [],
  hasPendingApplication: false,
  ...more,
});
const spend100: EligibilityMode = { kind: "spend_at_least", thresholdFen: fen(10000) };

describe("decideEligibility", () => {
  test.each([
    { label: "everyone", mode: { kind: "everyone" }, s: shopper(), expected: "grant" },
    {
      label: "already a distributor",
      mode: { kind: "everyone" },
      s: shopper({ isDistributor: true }),
      expected: "refuse:ALREADY_DISTRIBUTOR",
    },
    {
      label: "frozen",
      mode: { kind: "everyone" },
      s: shopper({ isFrozen: true }),
      expected: "refuse:DISTRIBUTOR_FROZEN",
    },
    {
      label: "first paid order, none yet",
      mode: { kind: "after_first_paid_order" },
      s: shopper(),
      expected: "refuse:NEEDS_FIRST_PAID_ORDER",
    },
    {
      label: "first paid order, one",
      mode: { kind: "after_first_paid_order" },
      s: shopper({ paidOrderCount: 1 }),
      expected: "grant",
    },
    {
      label: "spend ¥80 of ¥100",
      mode: spend100,
      s: shopper({ paidSpendFen: fen(8000) }),
      expected: "refuse:SPEND_BELOW_THRESHOLD",
    },
    {
      label: "spend exactly ¥100",
      mode: spend100,
      s: shopper({ paidSpendFen: fen(10000) }),
      expected: "grant",
    },
    {
      label: "threshold raised after a grant: sticky",
      mode: spend100,
      s: shopper({ previouslyGranted: true }),
      expected: "grant",
    },
    {
      label: "bought a listed product",
      mode: { kind: "bought_product", productIds: ["p1", "p2"] },
      s: shopper({ boughtProductIds: ["p2"] }),
      expected: "grant",
    },
    {
      label: "bought another product",
      mode: { kind: "bought_product", productIds: ["p1"] },
      s: shopper({ boughtProductIds: ["p9"] }),
      expected: "refuse:PRODUCT_NOT_BOUGHT",
    },
    {
      label: "application",
      mode: { kind: "application" },
      s: shopper(),
      expected: "apply_required:APPLICATION_REQUIRED",
    },
    {
      label: "application pending",
      mode: { kind: "application" },
      s: shopper({ hasPendingApplication: true }),
      expected: "apply_required:APPLICATION_PENDING",
    },
    {
      label: "appointed only",
      mode: { kind: "appointed_only" },
      s: shopper({ paidOrderCount: 9 }),
      expected: "refuse:APPOINTED_ONLY",
    },
  ] as { label: string; mode: EligibilityMode; s: EligibilityShopper; expected: string }[])(
    "$label → $expected",
    ({ mode, s, expected }) => {
      const d = decideEligibility(mode, s);
      expect(d.kind === "grant" ? "grant" : `${d.kind}:${d.reason}`).toBe(expected);
    },
  );

  test("spend refusal shows progress", () => {
    expect(decideEligibility(spend100, shopper({ paidSpendFen: fen(8000) }))).toMatchObject({
      progress: { currentFen: 8000, targetFen: 10000 },
    });
  });
});
