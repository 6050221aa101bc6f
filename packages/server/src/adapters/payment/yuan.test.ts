// Yuan strings on providers' wires convert to fen exactly, both ways, with no float in between.

import { expect, test } from "vitest";
import { fenToYuan, yuanToFen } from "./yuan.ts";

test.each([
  { text: "12.30", fen: 1230 },
  { text: "12.3", fen: 1230 },
  { text: "12", fen: 1200 },
  { text: "0.01", fen: 1 },
  { text: "0.07", fen: 7 },
  { text: "19.99", fen: 1999 },
  { text: "1.005", fen: null },
  { text: "-1.00", fen: null },
  { text: "1e3", fen: null },
  { text: " 1.00", fen: null },
  { text: "", fen: null },
  { text: ".5", fen: null },
])('"$text" → $fen', ({ text, fen }) => {
  expect(yuanToFen(text)).toBe(fen);
});

test.each([
  { fen: 1230, text: "12.30" },
  { fen: 5, text: "0.05" },
  { fen: 0, text: "0.00" },
  { fen: 10_000_000_000, text: "100000000.00" },
])("$fen fen → $text", ({ fen, text }) => {
  expect(fenToYuan(fen)).toBe(text);
  expect(yuanToFen(text)).toBe(fen);
});

test("every fen amount up to ¥1,000 survives the round trip", () => {
  for (let fen = 0; fen <= 100_000; fen++)
    if (yuanToFen(fenToYuan(fen)) !== fen) throw new Error(String(fen));
});

test("fractional or negative fen is a broken invariant", () => {
  expect(() => fenToYuan(12.5)).toThrow(RangeError);
  expect(() => fenToYuan(-1)).toThrow(RangeError);
});
