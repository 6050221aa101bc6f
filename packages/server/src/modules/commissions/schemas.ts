// HTTP contract of commissions: the distribution centre's records and promoted orders, the staff list,
// the held-commission decision and the plan simulator.
import { z } from "zod";
import { Id } from "../../http/input-types.ts";
import { PageQuery, pageOf } from "../../http/page.ts";

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

const CommissionStatus = z.enum(["frozen", "settled", "cancelled", "held"]);

/** One commission line (table `commissions`): one earner's share of one order item at one level. */
export const Commission = z.strictObject({
  id: z.number(),
  orderId: z.number(),
  orderItemId: z.number(),
  /** 1–3 up the chain; 0 is a group leader's bonus. */
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
  status: CommissionStatus,
  holdReasons: z.array(z.string()),
  dueAt: z.date().nullable(),
  createdAt: z.date(),
  settledAt: z.date().nullable(),
  cancelledAt: z.date().nullable(),
});

/** A commission record as the distribution centre lists it: the breakdown plus the order's number. */
export const CommissionRecord = z.strictObject({
  ...Commission.shape,
  orderNo: z.string(),
  /** How the release date is reached: N days after receipt or after payment (the order's own rule). */
  release: z.strictObject({ mode: z.enum(["after_receipt", "after_payment"]), days: z.number() }).nullable(),
});
export const CommissionRecords = pageOf(CommissionRecord);
/** Staff also see who earned it. */
export const AdminCommissionRecords = pageOf(
  CommissionRecord.extend({ earnerNickname: z.string(), earnerPhone: z.string().nullable() }),
);

/** An order the distributor earned on, buyer masked; `commissionFen` is net of clawbacks. */
export const PromotedOrder = z.strictObject({
  orderId: z.number(),
  orderNo: z.string(),
  status: z.string(),
  buyerNickname: z.string(),
  paidFen: z.number(),
  commissionFen: z.number(),
  placedAt: z.date(),
});
export const PromotedOrders = pageOf(PromotedOrder);

export const HeldActionBody = z.strictObject({
  action: z.enum(["release", "cancel"]),
  reason: z.string().trim().min(1).max(200),
});

export const SimulateBody = z.strictObject({
  plan: z.unknown().optional(),
  selfPurchaseBuyerIsDistributor: z.boolean().default(false),
  // the sample buyer is "buyer": each upline is someone else, once (the engine refuses a chain that loops)
  chain: z
    .array(
      z.strictObject({
        userId: z
          .string()
          .trim()
          .min(1)
          .max(20)
          .refine((id) => id !== "buyer", "the buyer is not their own upline"),
        isActiveDistributor: z.boolean().default(true),
      }),
    )
    .max(3)
    .refine((chain) => new Set(chain.map((m) => m.userId)).size === chain.length, "each upline appears once")
    .default([{ userId: "A", isActiveDistributor: true }]),
  activityKind: z.string().max(30).nullable().default(null),
  items: z
    .array(
      z.strictObject({
        ref: z.string().max(20),
        // ¥100,000,000 a line, the catalog's own bound: lines × levels stay exact integers
        paidFen: z.number().int().min(0).max(100_000_000_00),
        listFen: z.number().int().min(0).max(100_000_000_00).optional(),
        quantity: z.number().int().min(1).max(9999).default(1),
        rule: z.unknown().optional(),
      }),
    )
    .min(1)
    .max(50),
});

const LineLevel = z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]);
const LineRole = z.enum(["upline", "group_leader"]);

/** What the engine would pay and skip for the sample order, with a sentence per line (domain `CommissionSimulation`). */
export const SimulationResponse = z.strictObject({
  lines: z.array(
    z.strictObject({
      orderItemRef: z.string(),
      level: LineLevel,
      role: LineRole,
      earnerUserId: z.string(),
      baseFen: z.number(),
      rateBps: z.number().nullable(),
      fixedFenPerUnit: z.number().nullable(),
      rateSource: z.enum(["product", "grade", "plan", "leader_bonus"]),
      quantity: z.number(),
      /** Before the cap cut. */
      uncappedFen: z.number(),
      amountFen: z.number(),
      reason: z.enum(["FULL", "CAPPED"]),
    }),
  ),
  skipped: z.array(
    z.strictObject({
      orderItemRef: z.string(),
      level: LineLevel,
      role: LineRole,
      earnerUserId: z.string().nullable(),
      reason: z.enum([
        "PLAN_DISABLED",
        "ACTIVITY_NO_COMMISSION",
        "COMMISSION_OFF",
        "NO_UPLINE",
        "NOT_ACTIVE_DISTRIBUTOR",
        "ZERO_AMOUNT",
        "CAPPED_TO_ZERO",
        "LEADER_IS_BUYER",
      ]),
    }),
  ),
  items: z.array(
    z.strictObject({
      orderItemRef: z.string(),
      paidFen: z.number(),
      capFen: z.number(),
      commissionFen: z.number(),
      /** paid − commission: what stays with the merchant. */
      merchantFen: z.number(),
    }),
  ),
  commissionFen: z.number(),
  notes: z.array(
    z.strictObject({
      orderItemRef: z.string(),
      level: z.number(),
      earnerUserId: z.string().nullable(),
      zh: z.string(),
      en: z.string(),
    }),
  ),
});
