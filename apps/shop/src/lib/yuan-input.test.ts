import { describe, expect, test } from "vitest";
import { checkYuanInput } from "./yuan-input.ts";

describe("checkYuanInput: what the withdraw form says about each amount", () => {
  const rule = { required: true, minFen: 1000, maxFen: 50_000 };
  test.each([
    { label: "a missing amount", text: "", expected: { kind: "required" } },
    { label: "spaces only", text: "   ", expected: { kind: "required" } },
    { label: "−5", text: "-5", expected: { kind: "negative" } },
    { label: "abc", text: "abc", expected: { kind: "not_a_number" } },
    { label: "1e3", text: "1e3", expected: { kind: "not_a_number" } },
    { label: "0", text: "0", expected: { kind: "zero" } },
    { label: "0.00", text: "0.00", expected: { kind: "zero" } },
    { label: "12.905", text: "12.905", expected: { kind: "too_many_decimals" } },
    { label: "9.99 under a ¥10 minimum", text: "9.99", expected: { kind: "below_minimum", minFen: 1000 } },
    { label: "more than available", text: "500.01", expected: { kind: "above_maximum", maxFen: 50_000 } },
    { label: "exactly the minimum", text: "10", expected: { kind: "ok", fen: 1000 } },
    { label: "with a yuan sign", text: "¥12.5", expected: { kind: "ok", fen: 1250 } },
    { label: "a trailing dot", text: "12.", expected: { kind: "ok", fen: 1200 } },
    { label: "everything available", text: "500.00", expected: { kind: "ok", fen: 50_000 } },
  ])("$label ($text) → $expected.kind", ({ text, expected }) => {
    expect(checkYuanInput(text, rule)).toEqual(expected);
  });

  test("an optional field left empty is fine and carries no amount", () => {
    expect(checkYuanInput("")).toEqual({ kind: "ok", fen: null });
  });

  test("zero is allowed where the field says so", () => {
    expect(checkYuanInput("0", { allowZero: true })).toEqual({ kind: "ok", fen: 0 });
  });
});
