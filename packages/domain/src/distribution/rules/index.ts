// The explicit list of commission rule kinds a product or SKU may carry, and the schema of an override.
// "inherit" defers to the earner's grade rates, then to the plan's defaults; "off" pays no commission.

import { z } from "zod";
import type { Bps, Fen } from "../../money.ts";
import { fixedCommissionRule } from "./fixed.ts";
import { ratesCommissionRule } from "./rates.ts";
import { type LevelValues, levelBps, levelFen } from "./types.ts";

export { fixedCommissionRule } from "./fixed.ts";
export { ratesCommissionRule, sumActiveCommissionRates } from "./rates.ts";
export type { CommissionLevel, CommissionRuleAmount, CommissionRuleFacts, LevelValues } from "./types.ts";
export { levelBps, levelFen } from "./types.ts";

/** Every rule kind that computes an amount, by kind; the admin form is built from their `args`. */
export const COMMISSION_RULE_KINDS = [ratesCommissionRule, fixedCommissionRule] as const;

/** A product's or SKU's commission setting (SKU beats product; both beat grade and plan). */
export type CommissionOverride =
  | { kind: "inherit" }
  | { kind: "off" }
  | { kind: "rates"; ratesBps: LevelValues<Bps> }
  | { kind: "fixed"; fenPerUnit: LevelValues<Fen> };

/** The stored/HTTP shape of a `CommissionOverride` (unbranded numbers). */
export const commissionOverrideSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("inherit") }),
  z.object({ kind: z.literal("off") }),
  ratesCommissionRule.args.extend({ kind: z.literal(ratesCommissionRule.kind) }),
  fixedCommissionRule.args.extend({ kind: z.literal(fixedCommissionRule.kind) }),
]);

/** A parsed override with its rates as basis points and its amounts as fen. */
export function brandCommissionOverride(rule: z.output<typeof commissionOverrideSchema>): CommissionOverride {
  if (rule.kind === "rates") return { kind: "rates", ratesBps: levelBps(rule.ratesBps) };
  if (rule.kind === "fixed") return { kind: "fixed", fenPerUnit: levelFen(rule.fenPerUnit) };
  return rule;
}

/** The first override that is not "inherit" (SKU before product); "inherit" when none decides. */
export function resolveCommissionOverride(
  ...overrides: (CommissionOverride | undefined)[]
): CommissionOverride {
  return overrides.find((o) => o !== undefined && o.kind !== "inherit") ?? { kind: "inherit" };
}
