import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { fen } from "../money.ts";
import { computeClawback } from "./clawback.ts";

const claw = (c: number, item: number, remaining: number, already: number) => {
  const d = computeClawback({
    commissionFen: fen(c),
    itemFen: fen(item),
    remainingFen: fen(remaining),
    alreadyClawedFen: fen(already),
  });
  return d.kind === "claw_back" ? d.amountFen : 0;
};

describe("computeClawback", () => {
  test.each([
    {
      label: "full refund of a ¥10 line on ¥100",
      c: 1000,
      item: 10000,
      remaining: 0,
      already: 0,
      expected: 1000,
    },
    { label: "half refunded", c: 1000, item: 10000, remaining: 5000, already: 0, expected: 500 },
    {
      label: "a third refunded claws the larger share",
      c: 1000,
      item: 10000,
      remaining: 6667,
      already: 0,
      expected: 334,
    },
    { label: "rest after a third", c: 1000, item: 10000, remaining: 0, already: 334, expected: 666 },
    {
      label: "1 fen refunded on a 999-fen line",
      c: 999,
      item: 10000,
      remaining: 9999,
      already: 0,
      expected: 1,
    },
    { label: "nothing refunded", c: 1000, item: 10000, remaining: 10000, already: 0, expected: 0 },
    {
      label: "replaying a step is a no-op",
      c: 1000,
      item: 10000,
      remaining: 5000,
      already: 500,
      expected: 0,
    },
    {
      label: "a zero-price item fully refunded (fixed commission)",
      c: 3000,
      item: 0,
      remaining: 0,
      already: 0,
      expected: 3000,
    },
  ])("$label → $expected", ({ c, item, remaining, already, expected }) => {
    expect(claw(c, item, remaining, already)).toBe(expected);
  });

  test("refuses remaining above the item and over-clawed state", () => {
    expect(() => claw(1000, 100, 101, 0)).toThrow(RangeError);
    expect(() => claw(1000, 100, 0, 1001)).toThrow(RangeError);
  });

  test("any refund sequence claws back exactly c when fully refunded, never more, never a negative step", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e8 }),
        fc.integer({ min: 0, max: 1e7 }),
        fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 10 }),
        fc.boolean(),
        (item, commission, weights, finish) => {
          const c = Math.min(commission, item);
          const total = weights.reduce((a, b) => a + b, 0);
          let remaining = item;
          let already = 0;
          for (const w of weights) {
            remaining = Math.max(0, remaining - Math.floor((item * w) / total));
            const step = claw(c, item, remaining, already);
            expect(step).toBeGreaterThanOrEqual(0);
            already += step;
            expect(already).toBeLessThanOrEqual(c);
            expect(claw(c, item, remaining, already)).toBe(0);
          }
          if (finish) already += claw(c, item, 0, already);
          if (finish || remaining === 0) expect(already).toBe(c);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
