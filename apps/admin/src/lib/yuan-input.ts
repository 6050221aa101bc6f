// The one check of a money or rate field in the console: what staff typed against the field's rule, with the
// words for what is wrong ("最多两位小数", "不能是负数") shown beside the field instead of a silent red border.
import type { Translate } from "../i18n/index.tsx";
import { formatBps, formatFen, parseYuanInput } from "./money.ts";

export type AmountRule = { required?: boolean; minFen?: number; maxFen?: number; allowZero?: boolean };

export type AmountProblem =
  | { kind: "required" }
  | { kind: "not_a_number" }
  | { kind: "negative" }
  | { kind: "too_many_decimals" }
  | { kind: "zero" }
  | { kind: "below_minimum"; minFen: number }
  | { kind: "above_maximum"; maxFen: number };

export type AmountCheck = { kind: "ok"; fen: number | null } | AmountProblem;

/**
 * Checks a typed amount in yuan (or a rate in percent: the same grammar, held in bps):
 * "12.5" → ok 1250; "12.905" → too_many_decimals; "-5" → negative; "abc" → not_a_number; "" → ok, no amount.
 * Zero is allowed unless the rule says otherwise (a free-shipping fee or a 0% rate is a real setting).
 */
export function checkAmountInput(text: string, rule: AmountRule = {}): AmountCheck {
  const typed = text
    .trim()
    .replace(/^[¥￥]\s*/, "")
    .replace(/\s*%$/, "");
  if (typed === "") return rule.required ? { kind: "required" } : { kind: "ok", fen: null };
  if (/^-\s*\d/.test(typed)) return { kind: "negative" };
  if (/^\d*\.\d{3,}$/.test(typed)) return { kind: "too_many_decimals" };
  const fen = parseYuanInput(typed);
  if (fen === null) return { kind: "not_a_number" };
  if (fen === 0 && rule.allowZero === false) return { kind: "zero" };
  if (rule.minFen !== undefined && fen < rule.minFen) return { kind: "below_minimum", minFen: rule.minFen };
  if (rule.maxFen !== undefined && fen > rule.maxFen) return { kind: "above_maximum", maxFen: rule.maxFen };
  return { kind: "ok", fen };
}

/** The words for a problem; `unit` says whether the limits are money or a rate. */
export function amountProblemText(problem: AmountProblem, t: Translate, unit: "yuan" | "percent"): string {
  const show = unit === "yuan" ? formatFen : formatBps;
  switch (problem.kind) {
    case "required":
      return t("money.required");
    case "not_a_number":
      return t(unit === "yuan" ? "money.notANumber" : "money.notAPercent");
    case "negative":
      return t("money.negative");
    case "too_many_decimals":
      return t("money.tooManyDecimals");
    case "zero":
      return t("money.zero");
    case "below_minimum":
      return t("money.belowMinimum", { min: show(problem.minFen) });
    case "above_maximum":
      return t("money.aboveMaximum", { max: show(problem.maxFen) });
  }
}

/** True when a form's values hold an amount typed wrong (the inputs hand the form NaN for those). */
export function hasInvalidAmount(values: unknown): boolean {
  if (typeof values === "number") return Number.isNaN(values);
  if (Array.isArray(values)) return values.some(hasInvalidAmount);
  if (values && typeof values === "object") return Object.values(values).some(hasInvalidAmount);
  return false;
}
