// The merchant's settings, one zod schema per section; defaults live here and nowhere else.
// A later area adds its section to `settingsSections` (the explicit list) and reads it via getSettings.
import { pointsRuleSchema } from "@liebian/domain";
import { z } from "zod";
import { DistributionSettings } from "../distribution/settings-schema.ts";
import { PosterSettings } from "../sharing/poster-settings.ts";

export const ShopSettings = z.strictObject({
  shopName: z.string().trim().min(1).max(40).default("裂变小店"),
  logoUrl: z.string().max(500).default("/demo/logo.svg"),
  servicePhone: z.string().trim().max(20).default("400-000-0000"),
  description: z.string().max(200).default(""),
});

export const OrderSettings = z.strictObject({
  /** Unpaid orders close after this many minutes and return their stock. */
  paymentTimeoutMinutes: z.number().int().min(5).max(1440).default(30),
  /** Shipped orders are received automatically after this many days. */
  autoReceiveDays: z.number().int().min(1).max(30).default(10),
  /** After-sale window after receipt; commissions are released when it ends. */
  afterSaleDays: z.number().int().min(0).max(30).default(7),
});

/** Where shoppers send a 退货退款 parcel; shown to them once the return is approved. */
export const ReturnAddressSettings = z.strictObject({
  name: z.string().trim().max(30).default(""),
  phone: z.string().trim().max(20).default(""),
  address: z.string().trim().max(200).default(""),
});

/** The highest either owner limit below may be set to (¥5,000): a hard stop, not a setting. */
export const MONEY_LIMIT_MAX_FEN = 500_000;

/**
 * Owner-only limits on money that moves without a second person. Reviewers without refund.execute
 * (support, operator) may refund an after-sale of at most `reviewersMayRefundUpToFen` on their own (null,
 * the default: every refund they approve waits in finance's queue). A withdrawal may be auto-approved only
 * below `withdrawalAutoApproveMaxFen` (default ¥200), whatever the distribution settings ask for.
 */
export const MoneyLimitSettings = z.strictObject({
  reviewersMayRefundUpToFen: z.int().min(1).max(MONEY_LIMIT_MAX_FEN).nullable().default(null),
  withdrawalAutoApproveMaxFen: z.int().min(0).max(MONEY_LIMIT_MAX_FEN).default(20_000),
});

/** The customer-service desk: when a person answers, and what the bot may do meanwhile. */
export const ServiceDeskSettings = z.strictObject({
  hoursOpen: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
    .default("09:00"),
  hoursClose: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
    .default("21:00"),
  /** Days the desk opens, 0 = Sunday … 6 = Saturday. */
  days: z.array(z.int().min(0).max(6)).max(7).default([0, 1, 2, 3, 4, 5, 6]),
  /** A confident FAQ match answers at once (the shopper can still ask for a person). */
  autoAnswer: z.boolean().default(true),
  /** A parcel the carrier reports signed for starts the auto-receive countdown early. */
  autoReceiveOnSigned: z.boolean().default(false),
  /** Days after signing for the parcel before it counts as received (when the switch above is on). */
  autoReceiveDaysAfterSigned: z.int().min(1).max(30).default(3),
});

export const settingsSections = {
  shop: ShopSettings,
  orders: OrderSettings,
  distribution: DistributionSettings,
  returns: ReturnAddressSettings,
  moneyLimits: MoneyLimitSettings,
  posters: PosterSettings,
  service: ServiceDeskSettings,
  /** Points (积分): off by default; the rate they are earned at and what they are worth at checkout. */
  points: pointsRuleSchema,
} satisfies Record<string, z.ZodType>;

export type SettingsSection = keyof typeof settingsSections;
export type SettingsOf<S extends SettingsSection> = z.output<(typeof settingsSections)[S]>;

export function isSettingsSection(name: string): name is SettingsSection {
  return Object.hasOwn(settingsSections, name);
}
