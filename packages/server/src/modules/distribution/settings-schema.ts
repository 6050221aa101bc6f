// The `distribution` settings section's shape and defaults: the commission plan (domain schema), binding
// policy, eligibility, withdrawal rules, rewards and fraud thresholds. Kept free of services (sections.ts imports it).
import {
  commissionPlanSchema,
  DEFAULT_BINDING_POLICY,
  DEFAULT_FRAUD_THRESHOLDS,
  DEFAULT_WITHDRAWAL_RULES,
  WITHDRAWAL_METHODS,
} from "@liebian/domain";
import { z } from "zod";

const fenField = z.int().min(0).max(100_000_000_00);

export const BindingPolicySettings = z.strictObject({
  who: z
    .enum(["no_upline_only", "new_shoppers_only", "override_each_link"])
    .default(DEFAULT_BINDING_POLICY.who),
  durationDays: z.int().min(1).max(3650).nullable().default(null),
  protectionDays: z.int().min(0).max(3650).default(DEFAULT_BINDING_POLICY.protectionDays),
  extendOnOrder: z.boolean().default(false),
});

export const EligibilitySettings = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("everyone") }),
  z.strictObject({ kind: z.literal("after_first_paid_order") }),
  z.strictObject({ kind: z.literal("spend_at_least"), thresholdFen: fenField }),
  z.strictObject({ kind: z.literal("bought_product"), productIds: z.array(z.string().max(20)).max(100) }),
  z.strictObject({ kind: z.literal("application") }),
  z.strictObject({ kind: z.literal("appointed_only") }),
]);

export const WithdrawalSettings = z.strictObject({
  methods: z
    .array(z.enum(WITHDRAWAL_METHODS))
    .max(6)
    .default([...DEFAULT_WITHDRAWAL_RULES.methods]),
  minimumFen: fenField.default(DEFAULT_WITHDRAWAL_RULES.minimumFen),
  feeBps: z.int().min(0).max(10_000).default(0),
  dailyMaxCount: z.int().min(1).max(1000).nullable().default(null),
  dailyMaxFen: fenField.nullable().default(null),
  autoApproveBelowFen: fenField.nullable().default(null),
});

const RewardRuleSettings = z.strictObject({
  enabled: z.boolean().default(false),
  amountFen: fenField.default(1000),
  dailyCapFen: fenField.nullable().default(null),
  dailyCapCount: z.int().min(0).max(10_000).nullable().default(null),
});

/** The invite reward may be paid as a coupon (代金券) of a template instead of cash. */
const InviteRewardSettings = RewardRuleSettings.extend({
  payAs: z.enum(["cash", "coupon"]).default("cash"),
  couponTemplateId: z.int().min(1).nullable().default(null),
}).refine((r) => r.payAs === "cash" || r.couponTemplateId !== null, {
  message: "a coupon invite reward needs its coupon template",
  path: ["couponTemplateId"],
});

export const DistributionSettings = z.strictObject({
  plan: commissionPlanSchema.prefault({}),
  binding: BindingPolicySettings.prefault({}),
  eligibility: EligibilitySettings.default({ kind: "everyone" }),
  withdrawal: WithdrawalSettings.prefault({}),
  rewards: z
    .strictObject({ firstOrder: RewardRuleSettings.prefault({}), invite: InviteRewardSettings.prefault({}) })
    .prefault({}),
  fraud: z
    .strictObject({
      enabled: z.boolean().default(true),
      maxBindsPerHour: z.int().min(1).max(100_000).default(DEFAULT_FRAUD_THRESHOLDS.bindVelocity.maxBinds),
      refundMaxRatioBps: z.int().min(0).max(10_000).default(DEFAULT_FRAUD_THRESHOLDS.refund.maxRatioBps),
      refundMinOrders: z.int().min(1).max(10_000).default(DEFAULT_FRAUD_THRESHOLDS.refund.minOrders),
    })
    .prefault({}),
  grades: z.strictObject({ allowDowngrade: z.boolean().default(false) }).prefault({}),
});
export type DistributionSettingsValue = z.output<typeof DistributionSettings>;

const sections = DistributionSettings.shape;
/** A PUT changes only the sections it sends; a section it leaves out keeps its stored value. */
export const DistributionSettingsPatch = z.strictObject({
  plan: sections.plan.unwrap().optional(),
  binding: sections.binding.unwrap().optional(),
  eligibility: sections.eligibility.unwrap().optional(),
  withdrawal: sections.withdrawal.unwrap().optional(),
  rewards: sections.rewards.unwrap().optional(),
  fraud: sections.fraud.unwrap().optional(),
  grades: sections.grades.unwrap().optional(),
});
