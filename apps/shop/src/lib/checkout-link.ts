// The checkout screen's address: `/checkout?items=<skuId>x<qty>,…&cart=1`, so a reload keeps what is bought.
export type CheckoutItem = { skuId: number; quantity: number };

export function checkoutLink(items: CheckoutItem[], fromCart: boolean): string {
  const list = items.map((i) => `${i.skuId}x${i.quantity}`).join(",");
  return `/checkout?items=${list}${fromCart ? "&cart=1" : ""}`;
}

export function parseCheckoutItems(text: string | null): CheckoutItem[] {
  if (!text) return [];
  return text
    .split(",")
    .map((part) => /^(\d{1,12})x(\d{1,3})$/.exec(part))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ skuId: Number(m[1]), quantity: Number(m[2]) }))
    .filter((i) => i.skuId > 0 && i.quantity > 0)
    .slice(0, 50);
}
