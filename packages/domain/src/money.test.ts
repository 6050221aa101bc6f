import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { allocate, applyBps, bps, fen, formatYuan, mulDivFloor, parseYuan } from "./money.ts";

describe("applyBps floors each line to the fen", () => {
  test.each([
    { label: "10% of ¥100", amount: 10000, rate: 1000, expected: 1000 },
    { label: "5% of ¥100", amount: 10000, rate: 500, expected: 500 },
    { label: "10% of ¥99.99 drops the tenth of a fen", amount: 9999, rate: 1000, expected: 999 },
    { label: "3% of ¥99.99", amount: 9999, rate: 300, expected: 299 },
    { label: "15% of the ¥999 course", amount: 99900, rate: 1500, expected: 14985 },
    { label: "0% pays nothing", amount: 12345, rate: 0, expected: 0 },
    { label: "1 fen at 99.99% rounds to 0", amount: 1, rate: 9999, expected: 0 },
  ])("$label → $expected fen", ({ amount, rate, expected }) => {
    expect(applyBps(fen(amount), bps(rate))).toBe(expected);
  });

  test("never exceeds the exact share and is within one fen of it", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), fc.integer({ min: 0, max: 10000 }), (amount, rate) => {
        const line = applyBps(fen(amount), bps(rate));
        const exactTimes10k = BigInt(amount) * BigInt(rate);
        expect(BigInt(line) * 10000n <= exactTimes10k).toBe(true);
        expect((BigInt(line) + 1n) * 10000n > exactTimes10k).toBe(true);
      }),
    );
  });

  test("refuses negative amounts and fractional fen", () => {
    expect(() => applyBps(fen(-1), bps(100))).toThrow(RangeError);
    expect(() => fen(1.5)).toThrow(RangeError);
    expect(() => bps(0.1)).toThrow(RangeError);
  });
});

describe("allocate spreads by largest remainder", () => {
  test.each([
    { label: "¥100 in three equal parts", total: 10000, weights: [1, 1, 1], expected: [3334, 3333, 3333] },
    { label: "a ¥10 coupon over ¥60 + ¥40 items", total: 1000, weights: [6000, 4000], expected: [600, 400] },
    { label: "1 fen over two equal items goes to the first", total: 1, weights: [5, 5], expected: [1, 0] },
    { label: "remainder goes to the largest fraction", total: 10, weights: [1, 2, 3], expected: [2, 3, 5] },
    { label: "all-zero weights split equally", total: 5, weights: [0, 0], expected: [3, 2] },
    { label: "a zero weight gets nothing", total: 100, weights: [0, 1], expected: [0, 100] },
  ])("$label → $expected", ({ total, weights, expected }) => {
    expect(allocate(fen(total), weights)).toEqual(expected);
  });

  test("parts always sum to the total and each is within one fen of its exact share", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e11 }),
        fc.array(fc.integer({ min: 0, max: 1e7 }), { minLength: 1, maxLength: 30 }),
        (total, weights) => {
          const parts = allocate(fen(total), weights);
          expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
          const sum = weights.reduce((a, b) => a + b, 0);
          if (sum === 0) return;
          parts.forEach((part, i) => {
            const exact = (BigInt(total) * BigInt(weights[i] ?? 0)) / BigInt(sum);
            expect(BigInt(part) - exact >= 0n && BigInt(part) - exact <= 1n).toBe(true);
          });
        },
      ),
    );
  });
});

describe("yuan text", () => {
  test.each([
    ["12.34", 1234],
    ["12.3", 1230],
    ["12", 1200],
    ["0.01", 1],
    ["-5.5", -550],
  ])("parseYuan(%s) = %i fen", (text, expected) => {
    expect(parseYuan(text)).toBe(expected);
  });
  test.each(["1.234", "abc", "", "1e5", "12.", ".5"])("parseYuan(%s) is rejected", (text) => {
    expect(parseYuan(text)).toBeNull();
  });
  test("round trips", () => {
    fc.assert(fc.property(fc.integer({ min: -1e13, max: 1e13 }), (n) => parseYuan(formatYuan(fen(n))) === n));
  });
  test("mulDivFloor is the proportional share", () => {
    expect(mulDivFloor(fen(1000), 1, 3)).toBe(333);
  });
});
