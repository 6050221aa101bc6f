// The points contract: the merchant's rule, and the shopper's balance with history.
import { pointsRuleSchema } from "@liebian/domain";
import { z } from "zod";

export const PointsRuleResponse = z.object({
  enabled: z.boolean(),
  pointsPerYuan: z.int(),
  maxShareBps: z.int(),
  earnBps: z.int(),
});
export const PointsRuleBody = pointsRuleSchema.partial().strict();

export const PointsHistoryEntry = z.object({
  id: z.number(),
  kind: z.enum(["spend", "unspend", "earn", "release", "return", "claw"]),
  orderId: z.number().nullable(),
  points: z.number(),
  owed: z.number(),
  /** Earned points that wait for the order to complete. */
  pending: z.boolean(),
  createdAt: z.date(),
});

export const MyPointsResponse = z.object({
  points: z.number(),
  pending: z.number(),
  rule: PointsRuleResponse,
  history: z.array(PointsHistoryEntry),
  nextBeforeId: z.number().nullable(),
});
export const MyPointsQuery = z.object({ beforeId: z.coerce.number().int().positive().optional() });
