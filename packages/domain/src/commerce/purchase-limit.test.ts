import { describe, expect, test } from "vitest";
import { countsTowardPurchaseLimit, decidePurchaseLimit } from "./purchase-limit.ts";

const limits = [{ productId: "p_mooncake", perShopper: 2 }];

describe("decidePurchaseLimit", () => {
  test.each([
    {
      label: "first order of 2 under a limit of 2",
      existing: [],
      cart: [{ productId: "p_mooncake", quantity: 2 }],
      ok: true,
    },
    {
      label: "a closed unpaid order does not count",
      existing: [{ productId: "p_mooncake", orderState: "closed", quantity: 2 }],
      cart: [{ productId: "p_mooncake", quantity: 2 }],
      ok: true,
    },
    {
      label: "a cancelled order does not count",
      existing: [{ productId: "p_mooncake", orderState: "cancelled", quantity: 2 }],
      cart: [{ productId: "p_mooncake", quantity: 1 }],
      ok: true,
    },
    {
      label: "an unlimited product is never refused",
      existing: [{ productId: "p_tea", orderState: "paid", quantity: 99 }],
      cart: [{ productId: "p_tea", quantity: 99 }],
      ok: true,
    },
    {
      label: "one paid + 2 in the cart is one too many",
      existing: [{ productId: "p_mooncake", orderState: "paid", quantity: 1 }],
      cart: [{ productId: "p_mooncake", quantity: 2 }],
      ok: false,
      remaining: 1,
    },
    {
      label: "an unpaid pending order holds its units",
      existing: [{ productId: "p_mooncake", orderState: "pending_payment", quantity: 2 }],
      cart: [{ productId: "p_mooncake", quantity: 1 }],
      ok: false,
      remaining: 0,
    },
    {
      label: "a refunded order still counts",
      existing: [{ productId: "p_mooncake", orderState: "refunded", quantity: 2 }],
      cart: [{ productId: "p_mooncake", quantity: 1 }],
      ok: false,
      remaining: 0,
    },
    {
      label: "two SKUs of the product add up",
      existing: [],
      cart: [
        { productId: "p_mooncake", quantity: 2 },
        { productId: "p_mooncake", quantity: 1 },
      ],
      ok: false,
      remaining: 2,
    },
  ] as const)("$label → ok: $ok", ({ existing, cart, ok, ...rest }) => {
    const decision = decidePurchaseLimit({ limits, existing, cart });
    if (ok) expect(decision).toEqual({ ok: true });
    else
      expect(decision).toMatchObject({
        ok: false,
        code: "PURCHASE_LIMIT_EXCEEDED",
        productId: "p_mooncake",
        limit: 2,
        remaining: "remaining" in rest ? rest.remaining : -1,
      });
  });

  test.each([
    ["pending_payment", true],
    ["completed", true],
    ["cancelled", false],
    ["closed", false],
  ] as const)("%s counts: %s", (state, counts) => {
    expect(countsTowardPurchaseLimit(state)).toBe(counts);
  });
});
