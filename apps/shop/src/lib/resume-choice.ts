// A shopper who picks a SKU and is then sent to log in comes back to the same product with the same SKU,
// quantity and action (buy now / add to cart): the login's redirect carries them in the product's address.
import type { Choice } from "./sku.ts";
import type { Product } from "./types.ts";

export type ResumeAction = "buy" | "cart";

/** The product address to come back to after logging in. */
export function resumeLink(productId: number, skuId: number, quantity: number, action: ResumeAction): string {
  return `/products/${productId}?sku=${skuId}&qty=${quantity}&then=${action}`;
}

/** The choice carried back by `resumeLink`, or null when the address carries none (or an unknown SKU). */
export function resumedChoice(
  product: Product,
  params: URLSearchParams,
): { choice: Choice; quantity: number; action: ResumeAction } | null {
  const sku = product.skus.find((s) => String(s.id) === params.get("sku"));
  const action = params.get("then");
  if (!sku || (action !== "buy" && action !== "cart")) return null;
  const quantity = Number(params.get("qty"));
  return {
    choice: [...sku.specValues],
    quantity: Number.isInteger(quantity) && quantity >= 1 && quantity <= 999 ? quantity : 1,
    action,
  };
}
