// The merchant's settings, one zod schema per section; defaults live here and nowhere else.
// A later area adds its section to `settingsSections` (the explicit list) and reads it via getSettings.
import { z } from "zod";
import { DistributionSettings } from "../distribution/settings-schema.ts";

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

export const settingsSections = {
  shop: ShopSettings,
  orders: OrderSettings,
  distribution: DistributionSettings,
} satisfies Record<string, z.ZodType>;

export type SettingsSection = keyof typeof settingsSections;
export type SettingsOf<S extends SettingsSection> = z.output<(typeof settingsSections)[S]>;

export function isSettingsSection(name: string): name is SettingsSection {
  return Object.hasOwn(settingsSections, name);
}
