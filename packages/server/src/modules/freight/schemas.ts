// The freight template contract: by piece or by weight, a default rule, per-province rules, free-shipping thresholds.
import { z } from "zod";
import { singleLine } from "../../http/input-types.ts";

const Fen = z.number().int().min(0).max(100_000_00);
const FreightRule = z.strictObject({
  firstUnits: z.number().int().min(0).max(1_000_000),
  firstFeeFen: Fen,
  additionalUnits: z.number().int().min(0).max(1_000_000),
  additionalFeeFen: Fen,
});

export const FreightTemplateBody = z.strictObject({
  name: singleLine(1, 40),
  mode: z.enum(["by_piece", "by_weight"]),
  defaultRule: FreightRule,
  regionRules: z
    .array(
      z.strictObject({
        regionCodes: z
          .array(z.string().regex(/^\d{6}$/))
          .min(1)
          .max(40),
        rule: FreightRule,
      }),
    )
    .max(40)
    .default([]),
  freeOverFen: Fen.nullable().default(null),
  freeOverPieces: z.number().int().min(1).max(10_000).nullable().default(null),
});
export type FreightTemplateInput = z.output<typeof FreightTemplateBody>;

export const FreightTemplateResponse = z.object({
  id: z.number(),
  name: z.string(),
  mode: z.enum(["by_piece", "by_weight"]),
  defaultRule: FreightRule,
  regionRules: z.array(z.object({ regionCodes: z.array(z.string()), rule: FreightRule })),
  freeOverFen: z.number().nullable(),
  freeOverPieces: z.number().nullable(),
  updatedAt: z.date(),
});
