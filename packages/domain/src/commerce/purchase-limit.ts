// Per-product purchase limits (限购): how many units one shopper may own across all orders.
// Orders the shopper gave up (cancelled) or never paid (closed) do not count; refunded ones
// do, so a limited offer cannot be bought, refunded and bought again.

import type { OrderState } from "./order-state.ts";

export type PurchaseLimitFacts = {
  /** Products with a limit; a product not listed is unlimited. */
  limits: readonly { productId: string; perShopper: number }[];
  /** The shopper's existing order lines for those products. */
  existing: readonly { productId: string; orderState: OrderState; quantity: number }[];
  /** What the shopper is about to order now; several SKUs of one product add up. */
  cart: readonly { productId: string; quantity: number }[];
};

export type PurchaseLimitDecision =
  | { ok: true }
  | {
      ok: false;
      code: "PURCHASE_LIMIT_EXCEEDED";
      productId: string;
      limit: number;
      alreadyBought: number;
      requested: number;
      /** How many more the shopper may still order (0 or more). */
      remaining: number;
    };

/** Whether an existing order uses up the shopper's limit. Example: "closed" → false, "refunded" → true. */
export function countsTowardPurchaseLimit(state: OrderState): boolean {
  return state !== "cancelled" && state !== "closed";
}

/**
 * Checks every limited product in the cart against what the shopper already bought; the
 * first product over its limit is the answer.
 * Example: limit 2, one unit in a paid order, 2 in the cart → PURCHASE_LIMIT_EXCEEDED, remaining 1.
 */
export function decidePurchaseLimit(facts: PurchaseLimitFacts): PurchaseLimitDecision {
  for (const { productId, perShopper } of facts.limits) {
    const requested = facts.cart.filter((l) => l.productId === productId).reduce((a, l) => a + l.quantity, 0);
    if (requested === 0) continue;
    const alreadyBought = facts.existing
      .filter((o) => o.productId === productId && countsTowardPurchaseLimit(o.orderState))
      .reduce((a, o) => a + o.quantity, 0);
    if (alreadyBought + requested > perShopper) {
      const remaining = Math.max(0, perShopper - alreadyBought);
      return {
        ok: false,
        code: "PURCHASE_LIMIT_EXCEEDED",
        productId,
        limit: perShopper,
        alreadyBought,
        requested,
        remaining,
      };
    }
  }
  return { ok: true };
}
