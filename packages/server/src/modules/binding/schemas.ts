// HTTP contract of referral binding: a link's visit, the shopper's referrer and team (shop); moving a
// shopper to another upline and the binding history (staff).
import { z } from "zod";
import { fromDigits } from "../../http/input-types.ts";

export const Row = z.record(z.string(), z.unknown());
export const Rows = z.object({ items: z.array(Row), nextCursor: z.number().nullable() });

export const VisitBody = z.strictObject({
  ref: z.string().trim().min(4).max(16),
  source: z.enum(["link", "poster", "product"]),
  productId: z.number().int().positive().optional(),
  scene: z.string().max(64).optional(),
});
export const VisitResponse = z.object({ outcome: z.string(), bound: z.boolean() });

export const TeamQuery = z.strictObject({ level: fromDigits(z.number().int().min(1).max(3).default(1)) });

export const ReassignBody = z.strictObject({
  uplineUserId: z.number().int().positive(),
  reason: z.string().trim().min(1).max(200),
});
