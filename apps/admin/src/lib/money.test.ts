// Money display and input stay exact: fen in, yuan out, and back, with no float in between.
import { describe, expect, test } from "vitest";
import { fenToYuanInput, formatBps, formatFen, parsePercentInput, parseYuanInput } from "./money.ts";

describe("formatFen", () => {
  test.each([
    { fen: 1234, text: "¥12.34" },
    { fen: 5, text: "¥0.05" },
    { fen: 0, text: "¥0.00" },
    { fen: -50, text: "-¥0.50" },
    { fen: 123456789, text: "¥1,234,567.89" },
  ])("$fen fen → $text", ({ fen, text }) => expect(formatFen(fen)).toBe(text));
});

describe("parseYuanInput", () => {
  test.each([
    { text: "12.34", fen: 1234 },
    { text: "12", fen: 1200 },
    { text: "0.5", fen: 50 },
    { text: " 19.9 ", fen: 1990 },
    { text: "0.29", fen: 29 },
    { text: "1.005", fen: null },
    { text: "-1", fen: null },
    { text: "abc", fen: null },
    { text: "", fen: null },
  ])("'$text' → $fen", ({ text, fen }) => expect(parseYuanInput(text)).toBe(fen));

  test("every amount up to ¥100 survives display and parsing", () => {
    for (let fen = 0; fen <= 10_000; fen++) expect(parseYuanInput(fenToYuanInput(fen))).toBe(fen);
  });
});

describe("rates", () => {
  test.each([
    { bps: 1000, text: "10%" },
    { bps: 1250, text: "12.5%" },
    { bps: 1205, text: "12.05%" },
    { bps: 0, text: "0%" },
  ])("$bps bps → $text", ({ bps, text }) => expect(formatBps(bps)).toBe(text));
  test("percent input 12.5 → 1250 bps", () => expect(parsePercentInput("12.5")).toBe(1250));
});
