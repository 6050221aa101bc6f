// Reads and saves the `distribution` settings section; the domain decides what a valid plan is.
import {
  type CommissionPlan,
  levelBps,
  validateBindingPolicy,
  validateCapCeiling,
  validateCommissionPlan,
} from "@liebian/domain";
import type { z } from "zod";
import type { Db, Executor } from "../../db/client.ts";
import type { StaffRole } from "../../db/schema/accounts.ts";
import { AppError } from "../../errors/app-error.ts";
import { mayMoveMoney, moneyPermission } from "../../http/money-actions.ts";
import type { StaffActor } from "../../http/types.ts";
import { getSettings, updateSettings } from "../settings/service.ts";
import { DistributionSettings, type DistributionSettingsValue } from "./settings-schema.ts";

export async function getDistributionSettings(db: Executor): Promise<DistributionSettingsValue> {
  return getSettings(db, "distribution");
}

/**
 * Plans by the settings value they came from: getSettings hands out one parsed value per section until it is
 * saved or its cached copy expires, and paying asked for the plan up to five times per order.
 */
const plans = new WeakMap<DistributionSettingsValue, CommissionPlan>();

/** The plan as the engine takes it (validated on save, so a stored plan is always valid). */
export function planOf(settings: DistributionSettingsValue): CommissionPlan {
  let plan = plans.get(settings);
  if (!plan) {
    const result = validateCommissionPlan(settings.plan);
    if (result.kind !== "ok") throw new Error(`stored commission plan is invalid: ${result.reason}`);
    plan = result.plan;
    plans.set(settings, plan);
  }
  return plan;
}

/**
 * Saves the section after the domain's checks: a cap raised over 30%, rates over the cap (also a grade's), levels
 * outside 1–3, negative fixed amounts and bad binding policies are refused with their own codes. Audited.
 * Withdrawal auto-approval pays without a reviewer, so changing it needs withdrawals.approve, and its
 * ceiling never goes above the owner's hard limit.
 */
export async function updateDistributionSettings(
  db: Db,
  actor: StaffActor & { role: StaffRole },
  patch: Partial<z.input<typeof DistributionSettings>>,
  gradeRates: { gradeId: string; ratesBps: [number, number, number] }[],
): Promise<{ settings: DistributionSettingsValue; warnings: string[] }> {
  const current = await getDistributionSettings(db);
  await checkAutoApproval(db, actor.role, current, patch.withdrawal?.autoApproveBelowFen);
  const merged = { ...current, ...patch };
  const planCheck = validateCommissionPlan(merged.plan, {
    grades: gradeRates.map((g) => ({ gradeId: g.gradeId, ratesBps: levelBps(g.ratesBps) })),
  });
  if (planCheck.kind === "refuse") {
    const code = planCheck.reason === "PLAN_INVALID" ? "VALIDATION_FAILED" : planCheck.reason;
    throw new AppError(code, planCheck.issues[0]?.message ?? "invalid plan", { issues: planCheck.issues });
  }
  const ceiling = validateCapCeiling(planCheck.plan.capBps);
  if (ceiling.kind === "refuse") {
    throw new AppError("COMMISSION_CAP_OVER_LIMIT", ceiling.issues[0]?.message ?? "cap too high", {
      issues: ceiling.issues,
    });
  }
  const parsed = DistributionSettings.safeParse(merged);
  if (!parsed.success) {
    throw new AppError("VALIDATION_FAILED", "Invalid distribution settings", {
      issues: parsed.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })),
    });
  }
  if (validateBindingPolicy(parsed.data.binding).kind === "refuse") {
    throw new AppError("BINDING_POLICY_INVALID", "Invalid binding policy");
  }
  // Only the sections sent: updateSettings merges them into the row it locks, so two staff saving
  // different sections at once do not overwrite each other with what they read before.
  const sent = Object.fromEntries(
    Object.keys(patch).map((k) => [k, parsed.data[k as keyof DistributionSettingsValue]]),
  ) as Partial<DistributionSettingsValue>;
  const settings = await updateSettings(db, actor, "distribution", sent);
  return { settings, warnings: planCheck.warnings };
}

async function checkAutoApproval(
  db: Executor,
  role: StaffRole,
  current: DistributionSettingsValue,
  wanted: number | null | undefined,
) {
  const next = wanted ?? null;
  if (next === current.withdrawal.autoApproveBelowFen) return;
  if (!mayMoveMoney(role, "withdrawal.auto_approve")) {
    const permission = moneyPermission("withdrawal.auto_approve");
    throw new AppError("FORBIDDEN", `Changing withdrawal auto-approval needs ${permission}`, { permission });
  }
  const { withdrawalAutoApproveMaxFen: maxFen } = await getSettings(db, "moneyLimits");
  if (next !== null && next > maxFen) {
    throw new AppError(
      "WITHDRAWAL_AUTO_APPROVE_TOO_HIGH",
      "Auto-approval ceiling is above the owner's limit",
      {
        requestedFen: next,
        maxFen,
      },
    );
  }
}
