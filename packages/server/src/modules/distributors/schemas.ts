// HTTP contract of distributors: joining and applying (shop), the review queue, the list, one
// distributor's page and status changes (staff).
import { z } from "zod";

export const Row = z.record(z.string(), z.unknown());
export const Rows = z.object({ items: z.array(Row), nextCursor: z.number().nullable() });

export const ApplicationBody = z.strictObject({
  realName: z.string().trim().min(1).max(40),
  phone: z.string().trim().min(5).max(20),
  note: z.string().max(500).default(""),
});
export const ReviewBody = z.strictObject({ approve: z.boolean(), reason: z.string().max(200).optional() });
export const StatusActionBody = z.strictObject({
  action: z.enum(["freeze", "unfreeze", "remove"]),
  reason: z.string().trim().min(1).max(200),
});

/** A pending distributor application with the applicant's account. */
export const ApplicationRecords = z.object({
  items: z.array(
    z.strictObject({
      id: z.number(),
      userId: z.number(),
      nickname: z.string(),
      accountPhone: z.string().nullable(),
      status: z.enum(["pending", "approved", "rejected"]),
      realName: z.string(),
      phone: z.string(),
      note: z.string(),
      rejectReason: z.string().nullable(),
      reviewedBy: z.number().nullable(),
      createdAt: z.date(),
      reviewedAt: z.date().nullable(),
    }),
  ),
  nextCursor: z.number().nullable(),
});
