import { describe, expect, test } from "vitest";
import {
  countdownParts,
  promotionOf,
  type ShopActivity,
  type WelcomeOffer,
  welcomeFor,
} from "./marketing.ts";

const flash = (over: Partial<ShopActivity> = {}): ShopActivity => ({
  id: 1,
  kind: "flash_sale",
  name: "芒果秒杀",
  startsAt: "2026-12-01T00:00:00Z",
  endsAt: "2026-12-02T00:00:00Z",
  skus: [
    { skuId: 11, productId: 7, priceFen: 3990, stockLeft: 20 },
    { skuId: 12, productId: 7, priceFen: 4990, stockLeft: null },
  ],
  details: [],
  scope: null,
  perPersonLimit: 1,
  ...over,
});
const over200 = (scope: ShopActivity["scope"]): ShopActivity => ({
  ...flash({ id: 2, kind: "threshold_amount_off", name: "满200减50", skus: [], perPersonLimit: null }),
  details: ["满200减50"],
  scope,
});

describe("promotionOf", () => {
  test("a product's lowest activity price, its SKUs' prices and the thresholds that cover it", () => {
    const promo = promotionOf([flash(), over200({ type: "categories", categoryIds: [3], productIds: [] })], {
      id: 7,
      categoryId: 3,
    });
    expect(promo.lowest).toMatchObject({ skuId: 11, priceFen: 3990, kind: "flash_sale" });
    expect(promo.skuPrices.get(12)?.priceFen).toBe(4990);
    expect(promo.thresholds).toEqual(["满200减50"]);
  });
  test.each([
    { label: "a SKU whose activity stock is gone shows its normal price", stockLeft: 0, lowest: 4990 },
    { label: "stock left keeps the activity price", stockLeft: 1, lowest: 3990 },
  ])("$label", ({ stockLeft, lowest }) => {
    const list = [flash({ skus: [{ ...flash().skus[0]!, stockLeft }, flash().skus[1]!] })];
    expect(promotionOf(list, { id: 7, categoryId: null }).lowest?.priceFen).toBe(lowest);
  });
  test("another product, another category: nothing", () => {
    const promo = promotionOf([flash(), over200({ type: "products", categoryIds: [], productIds: [9] })], {
      id: 8,
      categoryId: 3,
    });
    expect([promo.lowest, promo.thresholds]).toEqual([null, []]);
  });
});

describe("countdownParts", () => {
  test.each([
    { label: "a day, two hours, three minutes and four seconds", leftMs: 93_784_000, parts: [1, 2, 3, 4] },
    { label: "under a second rounds down to over", leftMs: 999, parts: [0, 0, 0, 0] },
    { label: "passed", leftMs: -5000, parts: [0, 0, 0, 0] },
  ])("$label", ({ leftMs, parts }) => {
    const p = countdownParts(1_000_000 + leftMs, 1_000_000);
    expect([p.days, p.hours, p.minutes, p.seconds]).toEqual(parts);
    expect(p.over).toBe(leftMs < 1000);
  });
});

describe("gifts and the welcome offer", () => {
  test("a gift covering the product is a gift line, not a threshold", () => {
    const gift = { ...over200({ type: "products", categoryIds: [], productIds: [7] }), id: 3, kind: "gift" };
    const promo = promotionOf([{ ...gift, details: ["满1件赠 小样×1"] }], { id: 7, categoryId: null });
    expect([promo.gifts, promo.thresholds]).toEqual([["满1件赠 小样×1"], []]);
  });
  const answer = (eligible: boolean | null): WelcomeOffer => ({
    offer: {
      activityId: 5,
      name: "新客首单9折",
      payBps: 9000,
      maxOffFen: null,
      endsAt: "2026-12-31T00:00:00Z",
      scope: { type: "products", categoryIds: [], productIds: [7] },
    },
    eligible,
  });
  test.each([
    { label: "the server says yes", eligible: true, referred: false, product: 7, shown: true },
    {
      label: "the server says no, whatever the link",
      eligible: false,
      referred: true,
      product: 7,
      shown: false,
    },
    { label: "nobody logged in, came by a link", eligible: null, referred: true, product: 7, shown: true },
    { label: "nobody logged in, no link", eligible: null, referred: false, product: 7, shown: false },
    { label: "a product it does not cover", eligible: true, referred: true, product: 8, shown: false },
  ])("$label → shown $shown", ({ eligible, referred, product, shown }) => {
    expect(welcomeFor(answer(eligible), { id: product, categoryId: null }, referred) !== null).toBe(shown);
  });
});
