import { describe, expect, test } from "vitest";
import { priceToPayBps, tierPriceFen } from "./challenge-price.ts";

describe("a challenge tier typed as a price", () => {
  test.each([
    { list: 10_000, price: 8000, bps: 8000 },
    { list: 9900, price: 6900, bps: 6970 },
    { list: 2990, price: 1990, bps: 6656 },
    { list: 10_000, price: 12_000, bps: 10_000 },
  ])("¥$list list, $price typed → $bps bps", ({ list, price, bps }) => {
    expect(priceToPayBps(list, price)).toBe(bps);
    if (price <= list) expect(tierPriceFen(list, bps)).toBe(price);
  });
  test("above ¥100 a share's step is coarser than a fen: the nearest price at or above is what sells", () => {
    const bps = priceToPayBps(99_900, 50_000);
    expect(tierPriceFen(99_900, bps)).toBeGreaterThanOrEqual(50_000);
    expect(tierPriceFen(99_900, bps - 1)).toBeLessThan(50_000);
  });
});
