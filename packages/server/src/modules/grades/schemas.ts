// HTTP contract of distributor grades: the staff's grade list and editor, the distributor's own grade.
import { z } from "zod";
import { singleLine } from "../../http/input-types.ts";

export const Ok = z.strictObject({ ok: z.literal(true) });

/** What a distributor must reach for the grade (domain `GradeTasks`); a task left out is not asked. */
const GradeTasks = z.strictObject({
  invitesWhoBought: z.number().int().min(0).optional(),
  ownSpendFen: z.number().int().min(0).optional(),
  ownOrderCount: z.number().int().min(0).optional(),
  downlineSpendFen: z.number().int().min(0).optional(),
  downlineOrderCount: z.number().int().min(0).optional(),
  settledCommissionFen: z.number().int().min(0).optional(),
  boughtProductIds: z.array(z.string().max(20)).max(50).optional(),
});
/** The grade's own level 1–3 rates in bps, or null for the plan's. */
const GradeRates = z.tuple([z.int().min(0), z.int().min(0), z.int().min(0)]).nullable();

export const GradeBody = z.strictObject({
  rank: z.number().int().min(0).max(1000),
  name: singleLine(1, 40),
  tasks: GradeTasks.default({}),
  ratesBps: GradeRates.default(null),
});

/** A grade (table `distributor_grades`). */
export const Grade = z.strictObject({
  id: z.number(),
  rank: z.number(),
  name: z.string(),
  // read back as the domain's GradeTasks, whose product list is read-only
  tasks: GradeTasks.extend({ boughtProductIds: z.array(z.string()).readonly().optional() }),
  ratesBps: GradeRates,
  updatedAt: z.date(),
});
/** Every grade by rank (one page: a shop has a handful). */
export const GradeList = z.strictObject({ items: z.array(Grade), nextCursor: z.null() });

/** The distributor's grade, the next one with progress per task, and which friends' orders count. */
export const MyGradeResponse = z.strictObject({
  grade: z
    .strictObject({ id: z.number(), name: z.string(), rank: z.number(), ratesBps: GradeRates })
    .nullable(),
  next: z
    .object({
      id: z.number(),
      name: z.string(),
      progress: z.array(
        z.strictObject({
          // every task a grade can name (dividend grades' direct distributors and team orders too)
          task: GradeTasks.extend({
            directDistributors: z.number().optional(),
            teamSpendFen: z.number().optional(),
          }).keyof(),
          current: z.number(),
          target: z.number(),
          met: z.boolean(),
        }),
      ),
      ratesBps: GradeRates,
    })
    .nullable(),
  inviteeOrders: z.array(
    z.strictObject({
      orderNo: z.string(),
      nickname: z.string(),
      status: z.string(),
      payableFen: z.number(),
      placedAt: z.date(),
      /** Only completed orders (received and past the after-sale window) count toward "friends who bought". */
      counts: z.boolean(),
    }),
  ),
});
