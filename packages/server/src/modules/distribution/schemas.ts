// HTTP contract of the distribution centre (shop) and the distribution admin.
import { WITHDRAWAL_METHODS } from "@liebian/domain";
import { z } from "zod";
import { fromDigits, Id, singleLine } from "../../http/input-types.ts";

/** A stored row as JSON (dates as ISO strings); the fields are those of the table named in each route. */
export const Row = z.record(z.string(), z.unknown());
export const Rows = z.object({ items: z.array(Row), nextCursor: z.number().nullable() });
export const PageQuery = z.strictObject({
  limit: fromDigits(z.number().int().min(1).max(100).default(20)),
  cursor: Id.optional(),
});
export { IdParams } from "../../http/input-types.ts";
export const Ok = z.object({ ok: z.literal(true) });

export const VisitBody = z.strictObject({
  ref: z.string().trim().min(4).max(16),
  source: z.enum(["link", "poster", "product"]),
  productId: z.number().int().positive().optional(),
  scene: z.string().max(64).optional(),
});
export const VisitResponse = z.object({ outcome: z.string(), bound: z.boolean() });

export const ApplicationBody = z.strictObject({
  realName: z.string().trim().min(1).max(40),
  phone: z.string().trim().min(5).max(20),
  note: z.string().max(500).default(""),
});

export const WithdrawBody = z.strictObject({
  method: z.enum(WITHDRAWAL_METHODS),
  amountFen: z.number().int().positive().max(1e12),
  /** Needed (with consent) by every method that pays someone outside the shop; not by `wallet` (商城余额). */
  realName: z.string().trim().min(1).max(40).optional(),
  account: z.string().trim().min(1).max(64).optional(),
  consent: z.boolean().default(false),
});
export const PreviewQuery = z.strictObject({
  method: z.enum(WITHDRAWAL_METHODS),
  amountFen: fromDigits(z.number().int().positive().max(1e12)),
});
export const PreviewResponse = z.object({
  ok: z.boolean(),
  feeFen: z.number(),
  netFen: z.number(),
  reason: z.string().nullable(),
  /** The shop's smallest withdrawal, for the rule shown beside the amount. */
  minimumFen: z.number(),
});

export const WalletResponse = z.object({
  frozenFen: z.number(),
  availableFen: z.number(),
  withdrawingFen: z.number(),
  todayFen: z.number(),
  monthFen: z.number(),
  totalFen: z.number(),
  nextReleases: z.array(z.object({ dueAt: z.date(), amountFen: z.number() })),
});

export const ReviewBody = z.strictObject({ approve: z.boolean(), reason: z.string().max(200).optional() });
export const ReasonBody = z.strictObject({ reason: z.string().trim().min(1).max(200) });
export const StatusActionBody = z.strictObject({
  action: z.enum(["freeze", "unfreeze", "remove"]),
  reason: z.string().trim().min(1).max(200),
});
export const HeldActionBody = z.strictObject({
  action: z.enum(["release", "cancel"]),
  reason: z.string().trim().min(1).max(200),
});
export const ReassignBody = z.strictObject({
  uplineUserId: z.number().int().positive(),
  reason: z.string().trim().min(1).max(200),
});
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
export const WithdrawalQuery = PageQuery.extend({
  status: z.enum(["requested", "approved", "paying", "paid", "failed", "rejected"]).optional(),
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

export function page<T extends Record<string, unknown>>(rows: T[], limit: number, key: keyof T) {
  return { items: rows, nextCursor: rows.length === limit ? Number(rows[rows.length - 1]![key]) : null };
}
