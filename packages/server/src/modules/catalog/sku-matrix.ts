// Decides whether a product's SKUs fit its spec axes: one value per axis from that axis's list, each
// combination at most once; a product without axes has exactly one SKU. Also checks commission overrides.
import {
  brandCommissionOverride,
  type CommissionPlan,
  commissionOverrideSchema,
  validateCommissionOverride,
} from "@liebian/domain";
import { AppError } from "../../errors/app-error.ts";
import type { ProductInput } from "./schemas.ts";

export function checkSkuMatrix(input: ProductInput): void {
  const axes = input.specAxes;
  const names = new Set(axes.map((a) => a.name));
  if (names.size !== axes.length) throw matrixError("Spec axis names must be different");
  for (const axis of axes) {
    if (new Set(axis.values).size !== axis.values.length)
      throw matrixError(`Axis ${axis.name} repeats a value`);
  }
  if (axes.length === 0 && input.skus.length !== 1)
    throw matrixError("A product without spec axes has exactly one SKU");
  const seen = new Set<string>();
  for (const [index, sku] of input.skus.entries()) {
    if (sku.specValues.length !== axes.length)
      throw matrixError("Each SKU names one value per axis", { index });
    sku.specValues.forEach((value, i) => {
      if (!axes[i]?.values.includes(value))
        throw matrixError(`"${value}" is not a value of ${axes[i]?.name}`, { index });
    });
    const key = JSON.stringify(sku.specValues);
    if (seen.has(key)) throw matrixError("Two SKUs have the same spec values", { index });
    seen.add(key);
  }
  const codes = input.skus.map((s) => s.code).filter((c): c is string => c !== null);
  if (new Set(codes).size !== codes.length) throw new AppError("SKU_CODE_TAKEN", "Two SKUs share a code");
}

/**
 * A product's or SKU's commission override must be a valid domain `CommissionOverride` that the plan in
 * force accepts: rates within the cap, fixed amounts never negative (a negative line would pay the merchant).
 */
export function checkCommissionRules(input: ProductInput, plan: CommissionPlan): void {
  const rules = [
    { path: "commissionRule", rule: input.commissionRule },
    ...input.skus.map((s, i) => ({ path: `skus.${i}.commissionRule`, rule: s.commissionRule })),
  ];
  for (const { path, rule } of rules) {
    if (rule === null || rule === undefined) continue;
    const parsed = commissionOverrideSchema.safeParse(rule);
    if (!parsed.success) {
      throw new AppError("COMMISSION_RULE_INVALID", "The commission rule is not valid", {
        path,
        issues: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
      });
    }
    const check = validateCommissionOverride(plan, brandCommissionOverride(parsed.data));
    if (check.kind === "refuse") {
      const code = check.reason === "PLAN_INVALID" ? "COMMISSION_RULE_INVALID" : check.reason;
      throw new AppError(code, check.issues[0]?.message ?? "The commission rule is not valid", { path });
    }
  }
}

function matrixError(message: string, details: Record<string, unknown> = {}) {
  return new AppError("SPEC_MATRIX_INVALID", message, details);
}
