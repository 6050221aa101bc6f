// A challenge tier's price: what a share of the list price sells at, and the share that sells at a typed price.

/** The unit price at a share of the list price, floored as the server prices it. */
export function tierPriceFen(listFen: number, payBps: number): number {
  return Math.floor((listFen * payBps) / 10_000);
}

/**
 * The share of the list price that sells at a typed price: the smallest whose floored price reaches it. Exact up to
 * a ¥100 list price; above it a share's steps are coarser than a fen, and the tier's preview shows what it gives.
 * Example: ¥99 list, ¥69 typed → 6970 (¥69.00).
 */
export function priceToPayBps(listFen: number, priceFen: number): number {
  return Math.min(10_000, Math.max(1, Math.ceil((priceFen * 10_000) / listFen)));
}
