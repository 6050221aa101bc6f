// One checkout as a shopper does it, through the real HTTP API: place an order of 1–2 SKUs drawn from the
// bench catalogue (Idempotency-Key) asking for its sandbox pay link in the same request, then pay on the
// sandbox page — the server receives a signed notification and marks the order paid, with its payment,
// ledger and commission rows. A server from before `pay` at placing (an A/B against an older commit)
// answers 422; the flow then asks for the link with a second request, as shoppers did then.
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

/** Servers (base URLs) that do not take `pay` when placing an order. */
const olderServers = new Set<string>();

export async function checkoutAndPay(
  base: string,
  shopper: Shopper,
  items: { skuId: number; quantity: number }[],
): Promise<CheckoutOutcome> {
  const payOnPlace = !olderServers.has(base);
  const placed = await call(
    base,
    "POST",
    "/api/v1/orders",
    { items, addressId: shopper.addressId, ...(payOnPlace ? { pay: { provider: "sandbox" } } : {}) },
    shopper.token,
    { "idempotency-key": randomUUID() },
  );
  if (payOnPlace && placed.status === 422 && /\bpay\b/.test(JSON.stringify(placed.body))) {
    olderServers.add(base);
    return checkoutAndPay(base, shopper, items);
  }
  if (placed.status !== 201)
    return { ok: false, error: `order ${placed.status} ${JSON.stringify(placed.body)}` };
  let link = placed.body.payment;
  if (!payOnPlace) {
    const asked = await call(
      base,
      "POST",
      `/api/v1/orders/${placed.body.orderNo}/pay`,
      { provider: "sandbox" },
      shopper.token,
    );
    if (asked.status !== 200)
      return { ok: false, error: `pay ${asked.status} ${JSON.stringify(asked.body)}` };
    link = asked.body;
  }
  if (link?.kind !== "redirect") return { ok: false, error: `no pay link: ${JSON.stringify(placed.body)}` };
  const query = Object.fromEntries(new URL(link.url, base).searchParams);
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
