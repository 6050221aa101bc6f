// The one check of a money field in the shop: what a shopper typed, in yuan, against the field's rule. It says
// what is wrong ("最多两位小数", "最低 ¥10.00") instead of leaving a button grey; the amount goes on as fen.
import type { Translate } from "../i18n/index.tsx";
import { formatFen, parseYuanInput } from "./money.ts";

export type YuanRule = { required?: boolean; minFen?: number; maxFen?: number; allowZero?: boolean };

export type YuanProblem =
  | { kind: "required" }
  | { kind: "not_a_number" }
  | { kind: "negative" }
  | { kind: "too_many_decimals" }
  | { kind: "zero" }
  | { kind: "below_minimum"; minFen: number }
  | { kind: "above_maximum"; maxFen: number };

export type YuanCheck = { kind: "ok"; fen: number | null } | YuanProblem;

/**
 * Checks a typed amount: "12.5" → ok 1250; "12.905" → too_many_decimals; "-5" → negative; "abc" → not_a_number;
 * "0" → zero (unless allowed); "" → required when the field is, else ok with no amount.
 */
export function checkYuanInput(text: string, rule: YuanRule = {}): YuanCheck {
  const typed = text.trim().replace(/^[¥￥]\s*/, "");
  if (typed === "") return rule.required ? { kind: "required" } : { kind: "ok", fen: null };
  if (/^-\s*\d/.test(typed)) return { kind: "negative" };
  if (/^\d*\.\d{3,}$/.test(typed)) return { kind: "too_many_decimals" };
  const fen = parseYuanInput(typed);
  if (fen === null) return { kind: "not_a_number" };
  if (fen === 0 && !rule.allowZero) return { kind: "zero" };
  if (rule.minFen !== undefined && fen < rule.minFen) return { kind: "below_minimum", minFen: rule.minFen };
  if (rule.maxFen !== undefined && fen > rule.maxFen) return { kind: "above_maximum", maxFen: rule.maxFen };
  return { kind: "ok", fen };
}

/** The words for a problem, in the shopper's language; amounts in yuan. */
export function yuanProblemText(problem: YuanProblem, t: Translate): string {
  switch (problem.kind) {
    case "required":
      return t("money.required");
    case "not_a_number":
      return t("money.notANumber");
    case "negative":
      return t("money.negative");
    case "too_many_decimals":
      return t("money.tooManyDecimals");
    case "zero":
      return t("money.zero");
    case "below_minimum":
      return t("money.belowMinimum", { min: formatFen(problem.minFen) });
    case "above_maximum":
      return t("money.aboveMaximum", { max: formatFen(problem.maxFen) });
  }
}
