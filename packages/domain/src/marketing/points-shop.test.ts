import { describe, expect, test } from "vitest";
import { fen } from "../money.ts";
import { decidePointsRedemption } from "./points-shop.ts";

const mug = { points: 2000, cashFen: 0, stock: 20, perPersonLimit: 2, onSale: true };

describe("redeeming one unit", () => {
  test.each([
    {
      label: "points only on a ¥39 mug: all ¥39 off, nothing to pay",
      item: mug,
      before: 0,
      want: { ok: true, points: 2000, cashFen: 0, offFen: 3900 },
    },
    {
      label: "2000 points + ¥5: ¥5 to pay, ¥34 off",
      item: { ...mug, cashFen: 500 },
      before: 1,
      want: { ok: true, points: 2000, cashFen: 500, offFen: 3400 },
    },
    {
      label: "cash set above a price lowered since: the price is all there is to pay",
      item: { ...mug, cashFen: 5000 },
      before: 0,
      want: { ok: true, points: 2000, cashFen: 3900, offFen: 0 },
    },
    {
      label: "no limit: any number before",
      item: { ...mug, perPersonLimit: null },
      before: 99,
      want: { ok: true, points: 2000, cashFen: 0, offFen: 3900 },
    },
    {
      label: "limit 2, two before → refused",
      item: mug,
      before: 2,
      want: { ok: false, code: "POINTS_ITEM_LIMIT_REACHED", details: { limit: 2 } },
    },
    {
      label: "exchange stock 0 → sold out (before the limit)",
      item: { ...mug, stock: 0 },
      before: 2,
      want: { ok: false, code: "POINTS_ITEM_SOLD_OUT", details: { stock: 0 } },
    },
    {
      label: "off sale → refused first",
      item: { ...mug, onSale: false, stock: 0 },
      before: 2,
      want: { ok: false, code: "POINTS_ITEM_OFF_SALE", details: {} },
    },
  ])("$label", ({ item, before, want }) => {
    expect(decidePointsRedemption(item, { priceFen: fen(3900), redeemedBefore: before })).toEqual(want);
  });
});
