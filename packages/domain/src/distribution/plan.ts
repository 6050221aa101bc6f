// The commission plan (分销设置): levels, default rates, the cap, the base, self-purchase,
// activity switches and the release rule, with defaults and the refusals that keep it lawful and solvent.

import { z } from "zod";
import { BPS_WHOLE, type Bps, bps } from "../money.ts";
import {
  type CommissionLevel,
  type CommissionOverride,
  type LevelValues,
  levelBps,
  sumActiveCommissionRates,
} from "./rules/index.ts";

/** Marketing activities whose orders pay commission only when the merchant switches them on. */
export const COMMISSION_ACTIVITY_KINDS = [
  "group_buy",
  "flash_sale",
  "bargain",
  "timed_discount",
  "points_exchange",
  "group_challenge",
] as const;
export type CommissionActivityKind = (typeof COMMISSION_ACTIVITY_KINDS)[number];

/** The hard legal ceiling on levels (三级); never configurable above this. */
export const MAX_COMMISSION_LEVELS = 3;

/**
 * The highest total commission cap a merchant may save: 30% of what the buyer paid. Above it a purchase starts to
 * pay mostly for the network rather than the goods, the mark of a pyramid scheme; the cap may be lowered, never raised
 * past this. Plans stored before the rule keep working (the engine still caps at their value) until next saved.
 */
export const MAX_COMMISSION_CAP_BPS = 3000 as Bps;

export type CommissionReleaseRule =
  | { mode: "after_receipt"; days: number }
  | { mode: "after_payment"; days: number };

export interface CommissionPlan {
  enabled: boolean;
  levels: CommissionLevel;
  /** Default rates per level; a grade's rates or a product override replace them. */
  ratesBps: LevelValues<Bps>;
  /** Total commission on one item never exceeds ⌊paid × capBps / 10000⌋. */
  capBps: Bps;
  /** "paid" = what the buyer paid for the item after discounts, freight excluded; "list" overpays under coupons. */
  base: "paid" | "list";
  /** 自购返佣: a distributor buying for themself is their own level 1. */
  selfPurchase: boolean;
  /** Whether orders of each activity kind pay commission (default: none do). */
  activityCommission: Readonly<Record<CommissionActivityKind, boolean>>;
  /** 团长 bonus on each group-buy member's item, in bps of the paid amount, inside the cap. */
  groupBuyLeaderBonusBps: Bps;
  release: CommissionReleaseRule;
}

const bpsField = z.int().min(0).max(BPS_WHOLE);
const daysField = z.int().min(0).max(365);

/** The stored/HTTP shape of a plan; every field has a default, so `{}` is the default plan. */
export const commissionPlanSchema = z.object({
  enabled: z.boolean().default(false),
  // Any integer passes here so that an out-of-range value is refused as LEVELS_OUT_OF_RANGE.
  levels: z.int().default(2),
  ratesBps: z.tuple([bpsField, bpsField, bpsField]).default([1000, 500, 0]),
  capBps: bpsField.default(3000),
  base: z.enum(["paid", "list"]).default("paid"),
  selfPurchase: z.boolean().default(false),
  activityCommission: z
    .object(
      Object.fromEntries(COMMISSION_ACTIVITY_KINDS.map((k) => [k, z.boolean().default(false)])) as Record<
        CommissionActivityKind,
        z.ZodDefault<z.ZodBoolean>
      >,
    )
    .prefault({}),
  groupBuyLeaderBonusBps: bpsField.default(0),
  release: z
    .discriminatedUnion("mode", [
      z.object({ mode: z.literal("after_receipt"), days: daysField.default(7) }),
      z.object({ mode: z.literal("after_payment"), days: daysField.default(7) }),
    ])
    .default({ mode: "after_receipt", days: 7 }),
});

export type CommissionPlanRefusal =
  | "PLAN_INVALID"
  | "COMMISSION_CAP_OVER_LIMIT"
  | "LEVELS_OUT_OF_RANGE"
  | "COMMISSION_RATES_OVER_CAP"
  | "COMMISSION_AMOUNT_INVALID";
export type CommissionPlanWarning = "BASE_LIST_PRICE_OVERPAYS";
export interface CommissionPlanIssue {
  path: (string | number)[];
  message: string;
}

export type CommissionPlanValidation =
  | { kind: "ok"; plan: CommissionPlan; warnings: CommissionPlanWarning[] }
  | { kind: "refuse"; reason: CommissionPlanRefusal; issues: CommissionPlanIssue[] };

/** Rates and overrides that must fit under the plan's cap along with it. */
export interface CommissionPlanContext {
  grades?: readonly { gradeId: string; ratesBps: LevelValues<Bps> }[];
  productRules?: readonly { ref: string; rule: CommissionOverride }[];
}

/**
 * Parses and checks a plan. Refuses levels outside 1–3, any rate set (defaults, a grade's, a product's)
 * whose active levels sum over the cap, and negative fixed amounts. Warns when the base is the list price.
 * Example: validateCommissionPlan({ levels: 4 }) → { kind: "refuse", reason: "LEVELS_OUT_OF_RANGE" }.
 */
export function validateCommissionPlan(
  input: unknown,
  context: CommissionPlanContext = {},
): CommissionPlanValidation {
  const parsed = commissionPlanSchema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.map(pathKey), message: i.message }));
    return { kind: "refuse", reason: "PLAN_INVALID", issues };
  }
  const raw = parsed.data;
  if (raw.levels < 1 || raw.levels > MAX_COMMISSION_LEVELS) {
    return refuse(
      "LEVELS_OUT_OF_RANGE",
      ["levels"],
      `levels must be 1 to ${MAX_COMMISSION_LEVELS}, got ${raw.levels}`,
    );
  }
  const plan: CommissionPlan = {
    ...raw,
    levels: raw.levels as CommissionLevel, // 1–3, checked just above
    ratesBps: levelBps(raw.ratesBps),
    capBps: bps(raw.capBps),
    groupBuyLeaderBonusBps: bps(raw.groupBuyLeaderBonusBps),
  };
  const overCap = checkRatesWithinCap(plan, plan.ratesBps, ["ratesBps"]);
  if (overCap) return overCap;
  for (const [i, grade] of (context.grades ?? []).entries()) {
    const refusal = checkRatesWithinCap(plan, grade.ratesBps, ["grades", i, grade.gradeId]);
    if (refusal) return refusal;
  }
  for (const [i, { ref, rule }] of (context.productRules ?? []).entries()) {
    const refusal = validateCommissionOverride(plan, rule, ["productRules", i, ref]);
    if (refusal.kind === "refuse") return refusal;
  }
  const warnings: CommissionPlanWarning[] = plan.base === "list" ? ["BASE_LIST_PRICE_OVERPAYS"] : [];
  return { kind: "ok", plan, warnings };
}

/**
 * Checks one product/SKU override against the plan: rates within the cap, fixed amounts not negative.
 * Example: rates [2500, 1000, 0] under a 30% cap with 2 levels → COMMISSION_RATES_OVER_CAP.
 */
export function validateCommissionOverride(
  plan: CommissionPlan,
  rule: CommissionOverride,
  path: (string | number)[] = [],
): { kind: "ok" } | { kind: "refuse"; reason: CommissionPlanRefusal; issues: CommissionPlanIssue[] } {
  if (rule.kind === "rates") return checkRatesWithinCap(plan, rule.ratesBps, path) ?? { kind: "ok" };
  if (rule.kind === "fixed") {
    const bad = rule.fenPerUnit.findIndex((v) => !Number.isSafeInteger(v) || v < 0);
    if (bad >= 0)
      return refuse("COMMISSION_AMOUNT_INVALID", [...path, bad], "fixed commission must be ≥ 0 fen");
  }
  return { kind: "ok" };
}

/**
 * A plan being saved may not raise its total cap over MAX_COMMISSION_CAP_BPS.
 * Example: validateCapCeiling(3500) → { kind: "refuse", reason: "COMMISSION_CAP_OVER_LIMIT" }.
 */
export function validateCapCeiling(
  capBps: number,
): { kind: "ok" } | { kind: "refuse"; reason: CommissionPlanRefusal; issues: CommissionPlanIssue[] } {
  if (capBps <= MAX_COMMISSION_CAP_BPS) return { kind: "ok" };
  return refuse(
    "COMMISSION_CAP_OVER_LIMIT",
    ["capBps"],
    `the total commission cap may be at most ${MAX_COMMISSION_CAP_BPS} bps, got ${capBps}`,
  );
}

function checkRatesWithinCap(plan: CommissionPlan, rates: LevelValues<Bps>, path: (string | number)[]) {
  const sum = sumActiveCommissionRates(rates, plan.levels);
  if (sum <= plan.capBps) return null;
  return refuse(
    "COMMISSION_RATES_OVER_CAP",
    path,
    `rates sum to ${sum} bps, over the cap of ${plan.capBps} bps`,
  );
}

function refuse(reason: CommissionPlanRefusal, path: (string | number)[], message: string) {
  return { kind: "refuse" as const, reason, issues: [{ path, message }] };
}

function pathKey(key: PropertyKey): string | number {
  return typeof key === "symbol" ? String(key) : key;
}

/** The default plan (what `{}` parses to), switched on for tests and the simulator. */
export function defaultCommissionPlan(overrides: Partial<CommissionPlan> = {}): CommissionPlan {
  const result = validateCommissionPlan({ enabled: true });
  if (result.kind !== "ok") throw new Error("the default plan must be valid");
  return { ...result.plan, ...overrides };
}
