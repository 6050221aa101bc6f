// HTTP contract of the distribution settings section beyond its shape (settings-schema.ts).
import { z } from "zod";

export const SettingsSaved = z.record(z.string(), z.unknown());
