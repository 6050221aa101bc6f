// One checkout as a shopper does it, through the real HTTP API: place an order of 1–2 SKUs drawn from the
// bench catalogue (Idempotency-Key), ask for the sandbox pay link, pay on the sandbox page — the server then
// receives a signed notification and marks the order paid, with its payment, ledger and commission rows.
import { randomUUID } from "node:crypto";
import type { BenchShop, Shopper } from "./checkout-shop.ts";
import { call } from "./http.ts";

export type CheckoutOutcome = { ok: true } | { ok: false; error: string };

/** 1–2 distinct SKUs, 1–2 of each; `hotSkuId` (a flash sale) puts that SKU in every order. */
export function drawItems(shop: BenchShop, hotSkuId: number | null = null) {
  const draw = () => shop.skuFirst + Math.floor(Math.random() * (shop.skuLast - shop.skuFirst + 1));
  const first = hotSkuId ?? draw();
  const items = [{ skuId: first, quantity: 1 + Math.floor(Math.random() * 2) }];
  if (hotSkuId !== null || Math.random() < 0.5) {
    let second = draw();
    while (second === first) second = draw();
    items.push({ skuId: second, quantity: 1 + Math.floor(Math.random() * 2) });
  }
  return items;
}

export async function checkoutAndPay(
  base: string,
  shopper: Shopper,
  items: { skuId: number; quantity: number }[],
): Promise<CheckoutOutcome> {
  const placed = await call(
    base,
    "POST",
    "/api/v1/orders",
    { items, addressId: shopper.addressId },
    shopper.token,
    { "idempotency-key": randomUUID() },
  );
  if (placed.status !== 201)
    return { ok: false, error: `order ${placed.status} ${JSON.stringify(placed.body)}` };
  const link = await call(
    base,
    "POST",
    `/api/v1/orders/${placed.body.orderNo}/pay`,
    { provider: "sandbox" },
    shopper.token,
  );
  if (link.status !== 200) return { ok: false, error: `pay ${link.status} ${JSON.stringify(link.body)}` };
  const query = Object.fromEntries(new URL(link.body.url, base).searchParams);
  const paid = await call(
    base,
    "POST",
    "/api/v1/pay/sandbox/complete",
    { ...query, result: "paid" },
    shopper.token,
  );
  if (paid.status !== 200 || paid.body.paid !== true)
    return { ok: false, error: `complete ${paid.status} ${JSON.stringify(paid.body)}` };
  return { ok: true };
}
