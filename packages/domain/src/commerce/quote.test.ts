import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { fen } from "../money.ts";
import type { FreightTemplate } from "./freight.ts";
import { computeQuote, type OrderDiscount, type QuoteLineInput } from "./quote.ts";

const template: FreightTemplate = {
  id: "tpl",
  mode: "by_piece",
  default: { firstUnits: 1, firstFeeFen: fen(800), additionalUnits: 1, additionalFeeFen: fen(200) },
  regionRules: [],
  freeOverFen: fen(5000),
};

const line = (skuId: string, unitPrice: number, quantity: number, freightTemplateId: string | null = "tpl") =>
  ({
    skuId,
    productId: `p_${skuId}`,
    unitPriceFen: fen(unitPrice),
    quantity,
    freightTemplateId,
    weightGrams: 0,
  }) satisfies QuoteLineInput;

const coupon = (amount: number): OrderDiscount => ({
  kind: "coupon",
  label: "新人券",
  amountFen: fen(amount),
});
const GUANGDONG = "440000";

describe("computeQuote", () => {
  test.each([
    {
      label: "¥60 + ¥40 with a ¥10 coupon, free over ¥50",
      lines: [line("a", 3000, 2), line("b", 4000, 1)],
      discounts: [coupon(1000)],
      paid: [5400, 3600],
      freight: 0,
      payable: 9000,
    },
    {
      label: "¥30 with no discount pays ¥8 freight",
      lines: [line("a", 1500, 2)],
      discounts: [],
      paid: [3000],
      freight: 1000,
      payable: 4000,
    },
    {
      label: "a ¥5 coupon drops ¥52 under the free-shipping line",
      lines: [line("a", 5200, 1)],
      discounts: [coupon(500)],
      paid: [4700],
      freight: 800,
      payable: 5500,
    },
    {
      label: "1 fen over three equal lines goes to the first",
      lines: [line("a", 100, 1, null), line("b", 100, 1, null), line("c", 100, 1, null)],
      discounts: [coupon(1)],
      paid: [99, 100, 100],
      freight: 0,
      payable: 299,
    },
    {
      label: "two discounts stack",
      lines: [line("a", 10000, 1, null)],
      discounts: [coupon(1000), { kind: "threshold", label: "满100减20", amountFen: fen(2000) }],
      paid: [7000],
      freight: 0,
      payable: 7000,
    },
  ])("$label → payable $payable", ({ lines, discounts, paid, freight, payable }) => {
    const quote = computeQuote({
      lines,
      discounts,
      freight: { templates: [template], regionCode: GUANGDONG },
    });
    expect(quote.lines.map((l) => l.paidFen)).toEqual(paid);
    expect(quote.freight?.totalFen).toBe(freight);
    expect(quote.payableFen).toBe(payable);
    expect(quote.discountClampedFen).toBe(0);
  });

  test("a discount larger than the goods is clamped and says so", () => {
    const quote = computeQuote({
      lines: [line("a", 800, 1, null)],
      discounts: [coupon(500), coupon(1000)],
      freight: { templates: [], regionCode: GUANGDONG },
    });
    expect(quote.discounts.map((d) => [d.appliedFen, d.clamped])).toEqual([
      [500, false],
      [300, true],
    ]);
    expect(quote.discountTotalFen).toBe(800);
    expect(quote.discountClampedFen).toBe(700);
    expect(quote.lines[0]?.paidFen).toBe(0);
    expect(quote.payableFen).toBe(0);
  });

  test("without an address freight is unknown and not charged", () => {
    const quote = computeQuote({
      lines: [line("a", 1000, 1)],
      discounts: [],
      freight: { templates: [template], regionCode: null },
    });
    expect(quote.freight).toBeNull();
    expect(quote.payableFen).toBe(1000);
  });

  test("an empty cart costs nothing", () => {
    const quote = computeQuote({
      lines: [],
      discounts: [coupon(100)],
      freight: { templates: [], regionCode: null },
    });
    expect(quote.payableFen).toBe(0);
    expect(quote.discountClampedFen).toBe(100);
  });

  test("zero or fractional quantities are broken invariants", () => {
    const input = (quantity: number) => ({
      lines: [line("a", 100, quantity)],
      discounts: [],
      freight: { templates: [template], regionCode: null },
    });
    expect(() => computeQuote(input(0))).toThrow(RangeError);
    expect(() => computeQuote(input(1.5))).toThrow(RangeError);
  });

  test("Σ line paid + freight = payable, Σ paid = goods − discount, no line negative or over its subtotal", () => {
    const lineArb = fc.record({
      unitPrice: fc.integer({ min: 0, max: 1_000_000 }),
      quantity: fc.integer({ min: 1, max: 50 }),
      templated: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.array(lineArb, { minLength: 1, maxLength: 12 }),
        fc.array(fc.integer({ min: 0, max: 5_000_000 }), { maxLength: 3 }),
        (specs, amounts) => {
          const lines = specs.map((s, i) =>
            line(`s${i}`, s.unitPrice, s.quantity, s.templated ? "tpl" : null),
          );
          const quote = computeQuote({
            lines,
            discounts: amounts.map(coupon),
            freight: { templates: [template], regionCode: GUANGDONG },
          });
          const paid = quote.lines.reduce((a, l) => a + l.paidFen, 0);
          expect(paid + (quote.freight?.totalFen ?? 0)).toBe(quote.payableFen);
          expect(paid).toBe(quote.goodsTotalFen - quote.discountTotalFen);
          expect(quote.discountTotalFen + quote.discountClampedFen).toBe(amounts.reduce((a, b) => a + b, 0));
          for (const l of quote.lines) {
            expect(l.paidFen).toBeGreaterThanOrEqual(0);
            expect(l.discountFen).toBeGreaterThanOrEqual(0);
            expect(l.paidFen + l.discountFen).toBe(l.listedFen);
          }
        },
      ),
    );
  });
});
