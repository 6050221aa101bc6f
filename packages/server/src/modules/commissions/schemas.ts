// HTTP contract of commissions: the distribution centre's records and promoted orders, the staff list,
// the held-commission decision and the plan simulator.
import { z } from "zod";
import { Id } from "../../http/input-types.ts";
import { PageQuery } from "../../http/page.ts";

export const Row = z.record(z.string(), z.unknown());
export const Rows = z.object({ items: z.array(Row), nextCursor: z.number().nullable() });

export const CommissionQuery = PageQuery.extend({
  status: z.enum(["frozen", "settled", "cancelled", "held"]).optional(),
  /** The order as the customer quotes it. */
  orderNo: z
    .string()
    .trim()
    .regex(/^\d{6,40}$/)
    .optional(),
  /** The earner's full phone number, or part of their nickname. */
  earner: z.string().trim().min(1).max(40).optional(),
  userId: Id.optional(),
  orderId: Id.optional(),
});

/** A commission record as the distribution centre lists it: the breakdown plus the order's number. */
export const CommissionRecord = z.strictObject({
  id: z.number(),
  orderId: z.number(),
  orderNo: z.string(),
  orderItemId: z.number(),
  level: z.number(),
  earnerUserId: z.number(),
  buyerUserId: z.number(),
  itemFen: z.number(),
  baseFen: z.number(),
  rateBps: z.number().nullable(),
  fixedFenPerUnit: z.number().nullable(),
  quantity: z.number(),
  rateSource: z.string(),
  amountFen: z.number(),
  clawedBackFen: z.number(),
  status: z.enum(["frozen", "settled", "cancelled", "held"]),
  holdReasons: z.array(z.string()),
  dueAt: z.date().nullable(),
  /** How the release date is reached: N days after receipt or after payment (the order's own rule). */
  release: z.object({ mode: z.enum(["after_receipt", "after_payment"]), days: z.number() }).nullable(),
  createdAt: z.date(),
  settledAt: z.date().nullable(),
  cancelledAt: z.date().nullable(),
});
export const CommissionRecords = z.object({
  items: z.array(CommissionRecord),
  nextCursor: z.number().nullable(),
});
/** Staff also see who earned it. */
export const AdminCommissionRecords = z.object({
  items: z.array(CommissionRecord.extend({ earnerNickname: z.string(), earnerPhone: z.string().nullable() })),
  nextCursor: z.number().nullable(),
});

export const HeldActionBody = z.strictObject({
  action: z.enum(["release", "cancel"]),
  reason: z.string().trim().min(1).max(200),
});

export const SimulateBody = z.strictObject({
  plan: z.unknown().optional(),
  selfPurchaseBuyerIsDistributor: z.boolean().default(false),
  chain: z
    .array(z.strictObject({ userId: z.string().max(20), isActiveDistributor: z.boolean().default(true) }))
    .max(3)
    .default([{ userId: "A", isActiveDistributor: true }]),
  activityKind: z.string().max(30).nullable().default(null),
  items: z
    .array(
      z.strictObject({
        ref: z.string().max(20),
        paidFen: z.number().int().min(0),
        listFen: z.number().int().min(0).optional(),
        quantity: z.number().int().min(1).max(9999).default(1),
        rule: z.unknown().optional(),
      }),
    )
    .min(1)
    .max(50),
});
