import { describe, expect, test } from "vitest";
import { fen } from "../money.ts";
import {
  computeFreight,
  computeRuleFee,
  type FreightLine,
  type FreightTemplate,
  provinceOf,
} from "./freight.ts";

const rule = (firstUnits: number, firstFee: number, additionalUnits: number, additionalFee: number) => ({
  firstUnits,
  firstFeeFen: fen(firstFee),
  additionalUnits,
  additionalFeeFen: fen(additionalFee),
});

const GUANGDONG = "440000";
const XINJIANG = "650000";
const TIBET = "540000";

const byPiece: FreightTemplate = {
  id: "tpl_piece",
  mode: "by_piece",
  default: rule(1, 800, 1, 200),
  regionRules: [{ regionCodes: [XINJIANG, TIBET], rule: rule(1, 2000, 1, 1000) }],
  freeOverFen: fen(5000),
};
const byWeight: FreightTemplate = {
  id: "tpl_weight",
  mode: "by_weight",
  default: rule(1000, 1000, 500, 500),
  regionRules: [],
  freeOverPieces: 10,
};
const templates = [byPiece, byWeight];

const line = (templateId: string | null, quantity: number, amount: number, weightGrams = 0): FreightLine => ({
  freightTemplateId: templateId,
  quantity,
  weightGrams,
  amountFen: fen(amount),
});

describe("computeRuleFee rounds partial additional units up", () => {
  test.each([
    { label: "1 piece pays the first fee", r: rule(1, 800, 1, 200), units: 1, expected: 800 },
    { label: "3 pieces: ¥8 + 2 × ¥2", r: rule(1, 800, 1, 200), units: 3, expected: 1200 },
    { label: "1000 g is the first kilo", r: rule(1000, 1000, 500, 500), units: 1000, expected: 1000 },
    { label: "1001 g starts a 500 g block", r: rule(1000, 1000, 500, 500), units: 1001, expected: 1500 },
    { label: "1600 g is two blocks", r: rule(1000, 1000, 500, 500), units: 1600, expected: 2000 },
    { label: "2000 g is exactly two blocks", r: rule(1000, 1000, 500, 500), units: 2000, expected: 2000 },
    {
      label: "a weightless item still pays the first fee",
      r: rule(1000, 1000, 500, 500),
      units: 0,
      expected: 1000,
    },
    { label: "no additional blocks configured", r: rule(1, 600, 0, 0), units: 9, expected: 600 },
  ])("$label → $expected fen", ({ r, units, expected }) => {
    expect(computeRuleFee(r, units)).toBe(expected);
  });
});

describe("computeFreight", () => {
  test.each([
    {
      label: "2 pieces ¥30 to Guangdong: default ¥8 + ¥2",
      lines: [line("tpl_piece", 2, 3000)],
      region: "440305",
      expected: [{ templateId: "tpl_piece", feeFen: 1000, reason: "default" }],
      total: 1000,
    },
    {
      label: "same cart to Xinjiang: region rule ¥20 + ¥10",
      lines: [line("tpl_piece", 2, 3000)],
      region: "650102",
      expected: [{ templateId: "tpl_piece", feeFen: 3000, reason: "region_rule" }],
      total: 3000,
    },
    {
      label: "two lines of one template reach ¥50 together: free",
      lines: [line("tpl_piece", 1, 2500), line("tpl_piece", 1, 2500)],
      region: GUANGDONG,
      expected: [{ templateId: "tpl_piece", feeFen: 0, reason: "free_over_amount" }],
      total: 0,
    },
    {
      label: "free shipping beats the remote-region rule",
      lines: [line("tpl_piece", 3, 6000)],
      region: TIBET,
      expected: [{ templateId: "tpl_piece", feeFen: 0, reason: "free_over_amount" }],
      total: 0,
    },
    {
      label: "¥49.99 is one fen short of free",
      lines: [line("tpl_piece", 1, 4999)],
      region: GUANGDONG,
      expected: [{ templateId: "tpl_piece", feeFen: 800, reason: "default" }],
      total: 800,
    },
    {
      label: "by weight: 3 × 600 g = 1800 g → ¥10 + 2 × ¥5",
      lines: [line("tpl_weight", 3, 900, 600)],
      region: GUANGDONG,
      expected: [{ templateId: "tpl_weight", feeFen: 2000, reason: "default", units: 1800 }],
      total: 2000,
    },
    {
      label: "by weight: 10 pieces ship free",
      lines: [line("tpl_weight", 10, 900, 600)],
      region: GUANGDONG,
      expected: [{ templateId: "tpl_weight", feeFen: 0, reason: "free_over_pieces" }],
      total: 0,
    },
    {
      label: "two templates are charged separately and summed",
      lines: [line("tpl_weight", 1, 100, 1200), line("tpl_piece", 1, 1000)],
      region: GUANGDONG,
      expected: [
        { templateId: "tpl_weight", feeFen: 1500, reason: "default" },
        { templateId: "tpl_piece", feeFen: 800, reason: "default" },
      ],
      total: 2300,
    },
    {
      label: "a line without a template ships free and is not listed",
      lines: [line(null, 5, 100)],
      region: GUANGDONG,
      expected: [],
      total: 0,
    },
  ])("$label → $total fen", ({ lines, region, expected, total }) => {
    const result = computeFreight(templates, lines, region);
    expect(result.templates).toEqual(expected.map((e) => expect.objectContaining(e)));
    expect(result.totalFen).toBe(total);
  });

  test("a template the caller did not load is a broken invariant", () => {
    expect(() => computeFreight(templates, [line("tpl_missing", 1, 100)], GUANGDONG)).toThrow(/not loaded/);
  });

  test.each([
    ["440305", "440000"],
    ["110000", "110000"],
    ["650102", "650000"],
  ])("provinceOf(%s) = %s", (code, province) => {
    expect(provinceOf(code)).toBe(province);
  });
});

describe("a regional rule may name a city, which wins over its province", () => {
  const SHENZHEN = "440300";
  const cityAndProvince: FreightTemplate = {
    id: "tpl_city",
    mode: "by_piece",
    default: rule(1, 800, 1, 0),
    regionRules: [
      { regionCodes: [GUANGDONG], rule: rule(1, 600, 1, 0) },
      { regionCodes: [SHENZHEN], rule: rule(1, 0, 1, 0) },
    ],
  };
  test.each([
    { label: "Nanshan, Shenzhen: the Shenzhen rule", district: "440305", expected: 0 },
    { label: "Tianhe, Guangzhou: the Guangdong rule", district: "440106", expected: 600 },
    { label: "Dongcheng, Beijing: the default", district: "110101", expected: 800 },
  ])("$label → $expected fen", ({ district, expected }) => {
    const result = computeFreight([cityAndProvince], [line("tpl_city", 1, 100)], district);
    expect(result.totalFen).toBe(expected);
  });
});
