// HTTP contract of distributor grades: the staff's grade list and editor, the distributor's own grade.
import { z } from "zod";
import { singleLine } from "../../http/input-types.ts";

export const Row = z.record(z.string(), z.unknown());
export const Rows = z.object({ items: z.array(Row), nextCursor: z.number().nullable() });
export const Ok = z.object({ ok: z.literal(true) });

export const GradeBody = z.strictObject({
  rank: z.number().int().min(0).max(1000),
  name: singleLine(1, 40),
  tasks: z
    .strictObject({
      invitesWhoBought: z.number().int().min(0).optional(),
      ownSpendFen: z.number().int().min(0).optional(),
      ownOrderCount: z.number().int().min(0).optional(),
      downlineSpendFen: z.number().int().min(0).optional(),
      downlineOrderCount: z.number().int().min(0).optional(),
      settledCommissionFen: z.number().int().min(0).optional(),
      boughtProductIds: z.array(z.string().max(20)).max(50).optional(),
    })
    .default({}),
  ratesBps: z
    .tuple([z.int().min(0), z.int().min(0), z.int().min(0)])
    .nullable()
    .default(null),
});
