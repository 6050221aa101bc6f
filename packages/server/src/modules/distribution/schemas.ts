// HTTP contract of the distribution settings section beyond its shape (settings-schema.ts).
import { z } from "zod";
import { DistributionSettings } from "./settings-schema.ts";

/** The section as saved, and the plan's warnings (e.g. a rate the cap will cut). */
export const SettingsSaved = z.strictObject({
  settings: DistributionSettings,
  warnings: z.array(z.string()),
});
