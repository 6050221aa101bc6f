// Freight (运费) per template: first unit plus each additional unit, by piece or by weight,
// with per-province rules and free shipping over an amount or a piece count. Lines that share
// a template are charged together; a line without a template ships free.

import { type Fen, fen, sumFen } from "../money.ts";

/** First `firstUnits` cost `firstFeeFen`; each started block of `additionalUnits` more costs `additionalFeeFen`. */
export type FreightRule = {
  firstUnits: number;
  firstFeeFen: Fen;
  additionalUnits: number;
  additionalFeeFen: Fen;
};

export type FreightTemplate = {
  id: string;
  /** by_piece counts units in pieces, by_weight in grams. */
  mode: "by_piece" | "by_weight";
  default: FreightRule;
  /**
   * Province or city codes such as "440000" (Guangdong) or "440300" (Shenzhen). A rule naming the address's
   * city wins over one naming its province; among equals, the first.
   */
  regionRules: readonly { regionCodes: readonly string[]; rule: FreightRule }[];
  /** 满额包邮: free when the template's items reach this amount (after discounts). */
  freeOverFen?: Fen | null;
  /** 满件包邮: free when the template's items reach this many pieces. */
  freeOverPieces?: number | null;
};

export type FreightLine = {
  freightTemplateId: string | null;
  quantity: number;
  /** Weight of one unit. */
  weightGrams: number;
  /** What the shopper pays for the line's goods; the free-shipping threshold is measured on it. */
  amountFen: Fen;
};

export type FreightReason = "free_over_amount" | "free_over_pieces" | "region_rule" | "default";

export type TemplateFreight = {
  templateId: string;
  feeFen: Fen;
  reason: FreightReason;
  /** Pieces or grams charged for, depending on the template's mode. */
  units: number;
  amountFen: Fen;
  pieces: number;
};

export type FreightResult = { templates: TemplateFreight[]; totalFen: Fen };

/**
 * The fee for a number of units under one rule, partial additional blocks rounded up.
 * Example: first 1000 g ¥10, each further 500 g ¥5 → 1600 g costs 1000 + 2 × 500 = 2000 fen.
 * Anything shipped pays at least the first fee, even a weightless item.
 */
export function computeRuleFee(rule: FreightRule, units: number): Fen {
  const extra = Math.max(0, units - rule.firstUnits);
  if (extra === 0 || rule.additionalUnits <= 0) return rule.firstFeeFen;
  const blocks = Math.ceil(extra / rule.additionalUnits);
  return fen(rule.firstFeeFen + blocks * rule.additionalFeeFen);
}

/** Province code of a 6-digit region code: "440305" (Nanshan) → "440000". */
export function provinceOf(regionCode: string): string {
  return `${regionCode.slice(0, 2)}0000`;
}

/** City code of a 6-digit district code: "440305" (Nanshan) → "440300" (Shenzhen). */
export function cityOf(regionCode: string): string {
  return `${regionCode.slice(0, 4)}00`;
}

/**
 * Freight for a cart shipped to one address, per template and in total. Templates are
 * charged in order of first appearance in the cart; an unknown template id is a broken
 * invariant (the caller loads the templates its lines name).
 * Example: 3 pieces under "first 1 piece ¥8, each more ¥2" to Guangdong → 800 + 2 × 200 = 1200 fen, reason "default".
 */
export function computeFreight(
  templates: readonly FreightTemplate[],
  lines: readonly FreightLine[],
  regionCode: string,
): FreightResult {
  const groups = new Map<string, FreightLine[]>();
  for (const line of lines) {
    if (line.freightTemplateId === null) continue;
    const group = groups.get(line.freightTemplateId) ?? [];
    group.push(line);
    groups.set(line.freightTemplateId, group);
  }
  const result: TemplateFreight[] = [];
  for (const [templateId, group] of groups) {
    const template = templates.find((t) => t.id === templateId);
    if (!template) throw new Error(`freight template ${templateId} was not loaded`);
    result.push(computeTemplateFreight(template, group, regionCode));
  }
  return { templates: result, totalFen: sumFen(result.map((r) => r.feeFen)) };
}

function computeTemplateFreight(
  template: FreightTemplate,
  lines: readonly FreightLine[],
  regionCode: string,
): TemplateFreight {
  const pieces = lines.reduce((a, l) => a + l.quantity, 0);
  const grams = lines.reduce((a, l) => a + l.weightGrams * l.quantity, 0);
  const units = template.mode === "by_piece" ? pieces : grams;
  const amountFen = sumFen(lines.map((l) => l.amountFen));
  const base = { templateId: template.id, units, amountFen, pieces };
  if (template.freeOverFen != null && amountFen >= template.freeOverFen) {
    return { ...base, feeFen: fen(0), reason: "free_over_amount" };
  }
  if (template.freeOverPieces != null && pieces >= template.freeOverPieces) {
    return { ...base, feeFen: fen(0), reason: "free_over_pieces" };
  }
  const names = (code: string) => template.regionRules.find((r) => r.regionCodes.includes(code));
  const regional = names(regionCode) ?? names(cityOf(regionCode)) ?? names(provinceOf(regionCode));
  if (regional) return { ...base, feeFen: computeRuleFee(regional.rule, units), reason: "region_rule" };
  return { ...base, feeFen: computeRuleFee(template.default, units), reason: "default" };
}
