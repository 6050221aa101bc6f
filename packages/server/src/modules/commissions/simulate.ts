// The staff simulator (规则模拟): a plan (the saved one unless another is sent) run on sample items and a
// chain, with the domain's explanation of every line. Nothing is written.
import {
  brandCommissionOverride,
  type CommissionActivityKind,
  type CommissionSimulation,
  commissionOverrideSchema,
  fen,
  simulateCommissions,
  validateCommissionOverride,
  validateCommissionPlan,
} from "@liebian/domain";
import type { z } from "zod";
import type { Db } from "../../db/client.ts";
import { AppError } from "../../errors/app-error.ts";
import { getDistributionSettings } from "../distribution/settings.ts";
import type { SimulateBody } from "./schemas.ts";

export async function simulatePlan(
  db: Db,
  body: z.output<typeof SimulateBody>,
): Promise<CommissionSimulation> {
  const checked = validateCommissionPlan(body.plan ?? (await getDistributionSettings(db)).plan);
  if (checked.kind === "refuse")
    throw new AppError(
      checked.reason === "PLAN_INVALID" ? "VALIDATION_FAILED" : checked.reason,
      checked.issues[0]?.message ?? "invalid plan",
      { issues: checked.issues },
    );
  const items = body.items.map((i) => {
    const rule = i.rule === undefined ? undefined : commissionOverrideSchema.safeParse(i.rule);
    if (rule && !rule.success) throw new AppError("COMMISSION_RULE_INVALID", "Invalid product rule");
    const override = rule?.success ? brandCommissionOverride(rule.data) : undefined;
    const ruleCheck = override ? validateCommissionOverride(checked.plan, override) : null;
    if (ruleCheck?.kind === "refuse")
      throw new AppError(
        ruleCheck.reason === "PLAN_INVALID" ? "VALIDATION_FAILED" : ruleCheck.reason,
        ruleCheck.issues[0]?.message ?? "invalid rule",
      );
    return {
      orderItemRef: i.ref,
      paidFen: fen(i.paidFen),
      listFen: fen(i.listFen ?? i.paidFen),
      quantity: i.quantity,
      ...(override ? { productRule: override } : {}),
    };
  });
  return simulateCommissions({
    plan: checked.plan,
    items,
    chain: body.chain,
    buyer: { userId: "buyer", isActiveDistributor: body.selfPurchaseBuyerIsDistributor },
    activityKind: body.activityKind as CommissionActivityKind | null,
  });
}
