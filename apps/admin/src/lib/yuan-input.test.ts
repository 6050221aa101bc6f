import { describe, expect, test } from "vitest";
import { checkAmountInput, hasInvalidAmount } from "./yuan-input.ts";

describe("checkAmountInput: what a money field in the console says", () => {
  test.each([
    { label: "−5", text: "-5", rule: {}, expected: { kind: "negative" } },
    { label: "abc", text: "abc", rule: {}, expected: { kind: "not_a_number" } },
    { label: "12.905", text: "12.905", rule: {}, expected: { kind: "too_many_decimals" } },
    {
      label: "0 where zero is not allowed",
      text: "0",
      rule: { allowZero: false },
      expected: { kind: "zero" },
    },
    { label: "0 as a free fee", text: "0", rule: {}, expected: { kind: "ok", fen: 0 } },
    { label: "missing but required", text: "", rule: { required: true }, expected: { kind: "required" } },
    { label: "missing and optional (no limit)", text: "", rule: {}, expected: { kind: "ok", fen: null } },
    {
      label: "a 35% rate over a 30% ceiling",
      text: "35",
      rule: { maxFen: 3000 },
      expected: { kind: "above_maximum", maxFen: 3000 },
    },
    { label: "a rate typed with its sign", text: "12.5%", rule: {}, expected: { kind: "ok", fen: 1250 } },
    { label: "yuan with a sign", text: "¥299", rule: {}, expected: { kind: "ok", fen: 29_900 } },
    {
      label: "below a minimum",
      text: "0.5",
      rule: { minFen: 100 },
      expected: { kind: "below_minimum", minFen: 100 },
    },
  ])("$label → $expected.kind", ({ text, rule, expected }) => {
    expect(checkAmountInput(text, rule)).toEqual(expected);
  });
});

describe("hasInvalidAmount", () => {
  test("finds a wrongly typed amount anywhere in a form's values", () => {
    expect(hasInvalidAmount({ plan: { ratesBps: [1000, Number.NaN, 0] } })).toBe(true);
    expect(hasInvalidAmount({ withdrawal: { minimumFen: 1000, dailyMaxFen: null } })).toBe(false);
  });
});
