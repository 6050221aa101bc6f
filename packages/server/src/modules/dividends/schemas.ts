// HTTP contract of dividends, bonuses and contests: the merchant's settings, dividend grades and members,
// runs (preview → approve / discard, history with lines), contests and leaderboards; the distributor's
// dividend grade, dividends by period, leaderboards with their rank and current contests.
import { z } from "zod";
import { fromDigits, singleLine } from "../../http/input-types.ts";

const Bps = z.number().int();
const FenOrNull = z.number().int().nullable();

export const PoolSettingsBody = z.strictObject({
  mode: z.enum(["off", "static", "dynamic"]),
  allocation: z.enum(["per_grade", "weighted"]),
  weightedPoolBps: Bps,
  levels: z
    .array(z.strictObject({ level: z.union([z.literal(1), z.literal(2), z.literal(3)]), shareBps: Bps }))
    .max(3),
  capOverflow: z.enum(["redistribute", "merchant_keeps"]),
});

export const CapsBody = z.strictObject({
  dayFen: FenOrNull,
  monthFen: FenOrNull,
  quarterFen: FenOrNull,
  yearFen: FenOrNull,
});

export const TeamRulesBody = z.strictObject({
  enabled: z.boolean(),
  mode: z.enum(["flat", "differential"]),
  depth: z.number().int(),
  tiers: z.array(z.strictObject({ thresholdFen: z.number().int(), rateBps: Bps })).max(10),
});

const ProductScope = { productIds: z.array(z.number().int().positive()).max(50).optional() };

/** Tiered and volume bonuses per month (domain `VolumeBonusRule`). */
export const BonusRule = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("units_tier"),
    ...ProductScope,
    tiers: z
      .array(z.strictObject({ minUnits: z.number().int(), bonusFen: z.number().int() }))
      .min(1)
      .max(10),
  }),
  z.strictObject({
    kind: z.literal("every_amount"),
    ...ProductScope,
    stepFen: z.number().int(),
    bonusFen: z.number().int(),
  }),
  z.strictObject({
    kind: z.literal("rate_top_up"),
    ...ProductScope,
    baseRateBps: Bps,
    tiers: z
      .array(z.strictObject({ minFen: z.number().int(), rateBps: Bps }))
      .min(1)
      .max(10),
  }),
  z.strictObject({
    kind: z.literal("in_kind"),
    ...ProductScope,
    minReferredBuyers: z.number().int(),
    /** A ¥0 order of this service SKU, or a coupon of this template; neither: a physical prize sent by staff. */
    skuId: z.number().int().positive().nullable().optional(),
    couponTemplateId: z.number().int().positive().nullable().optional(),
    prizeLabel: singleLine(1, 60),
  }),
]);

export const DividendSettings = z.strictObject({
  pool: PoolSettingsBody,
  caps: CapsBody,
  team: TeamRulesBody,
  bonuses: z.array(BonusRule).max(20).default([]),
  /** Take dividends back when their counted turnover is refunded after the run (off: only shown). */
  clawbackAfterRefund: z.boolean().default(false),
});
export type DividendSettings = z.infer<typeof DividendSettings>;

/** The settings with what the admin shows beside them: the 团队计酬 notice when team dividends are on. */
export const DividendSettingsResponse = DividendSettings.extend({
  teamNotice: z.string().nullable(),
});

const GradeTasks = z.strictObject({
  invitesWhoBought: z.number().int().min(0).optional(),
  ownSpendFen: z.number().int().min(0).optional(),
  downlineSpendFen: z.number().int().min(0).optional(),
  settledCommissionFen: z.number().int().min(0).optional(),
  /** Direct invitees who are active distributors (直推分销商数). */
  directDistributors: z.number().int().min(0).optional(),
  /** Paid orders of the downline within 3 levels (团队订单金额). */
  teamSpendFen: z.number().int().min(0).optional(),
  boughtProductIds: z.array(z.string().max(20)).max(50).optional(),
});

export const DividendGradeBody = z.strictObject({
  rank: z.number().int().min(0).max(1000),
  name: singleLine(1, 40),
  rateBps: Bps,
  tasks: GradeTasks.default({}),
});

export const DividendGrade = z.strictObject({
  id: z.number(),
  rank: z.number(),
  name: z.string(),
  rateBps: z.number(),
  tasks: GradeTasks.extend({ boughtProductIds: z.array(z.string()).readonly().optional() }),
  members: z.number(),
});
export const DividendGradeList = z.strictObject({ items: z.array(DividendGrade), nextCursor: z.null() });

export const MemberBody = z.strictObject({ gradeId: z.number().int().positive().nullable() });

export const RunBody = z.strictObject({
  kind: z.enum(["static", "dynamic", "team", "bonus"]),
  /** "2026-12-03" for a pool day, "2026-12" for a team or bonus month. */
  periodKey: z.string().max(20),
});

export const RunGroup = z.strictObject({
  groupId: z.number(),
  rateBps: z.number(),
  members: z.number(),
  poolFen: z.number(),
  paidFen: z.number(),
});

export const Run = z.strictObject({
  id: z.number(),
  kind: z.string(),
  periodKey: z.string(),
  periodStart: z.date(),
  periodEnd: z.date(),
  status: z.enum(["preview", "approved", "discarded"]),
  turnoverFen: z.number(),
  eligibleOrders: z.number(),
  poolFen: z.number(),
  paidFen: z.number(),
  heldBackFen: z.number(),
  remainderFen: z.number(),
  members: z.number(),
  groups: z.array(RunGroup),
  createdAt: z.date(),
  decidedAt: z.date().nullable(),
});

/** The run's drill-down: the statement, the period's payout rate beside the 30% line, refunds since. */
export const RunDetail = Run.extend({
  payoutRate: z.strictObject({
    turnoverFen: z.number(),
    commissionFen: z.number(),
    dividendFen: z.number(),
    rateBps: z.number(),
    lineBps: z.number(),
    overLine: z.boolean(),
  }),
  /** Turnover of the period's counted orders refunded after the run. */
  refundedSinceFen: z.number(),
  /** What clawback took back (switched on) or would owe (off: dueFen 0, shown as refundedSinceFen only). */
  clawback: z.strictObject({
    enabled: z.boolean(),
    dueFen: z.number(),
    takenFen: z.number(),
    outstandingFen: z.number(),
  }),
});

export const RunLine = z.strictObject({
  userId: z.number(),
  nickname: z.string().nullable(),
  groupId: z.number(),
  basisFen: z.number(),
  rateBps: z.number(),
  amountFen: z.number(),
  heldBackFen: z.number(),
  item: z.string().nullable(),
});
export const RunLines = z.strictObject({ items: z.array(RunLine), nextCursor: z.number().nullable() });
export const RunList = z.strictObject({ items: z.array(Run), nextCursor: z.number().nullable() });

export const RunLinesQuery = z.strictObject({
  limit: fromDigits(z.number().int().min(1).max(100).default(50)),
  cursor: fromDigits(z.number().int().min(0)).optional(),
});

/** Cash and/or a prize in kind: `item` is its label; a coupon template or a service SKU, or neither (physical). */
const Prize = z.strictObject({
  rank: z.number().int().min(1).max(100),
  cashFen: z.number().int().nullable(),
  item: z.string().max(60).nullable(),
  couponTemplateId: z.number().int().positive().nullable().optional(),
  skuId: z.number().int().positive().nullable().optional(),
});

export const ContestBody = z.strictObject({
  name: singleLine(1, 60),
  metric: z.enum(["sales", "commission", "invites"]),
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }),
  prizes: z.array(Prize).min(1).max(100),
});

export const Contest = z.strictObject({
  id: z.number(),
  name: z.string(),
  metric: z.string(),
  startsAt: z.date(),
  endsAt: z.date(),
  prizes: z.array(Prize),
  /** The run that froze its ranking, once frozen. */
  runId: z.number().nullable(),
  runStatus: z.string().nullable(),
});
export const ContestList = z.strictObject({ items: z.array(Contest), nextCursor: z.null() });

export const LeaderboardQuery = z.strictObject({
  metric: z.enum(["sales", "commission", "invites"]).default("sales"),
  period: z.enum(["today", "week", "month"]).default("week"),
});

export const LeaderboardEntry = z.strictObject({
  rank: z.number(),
  userId: z.number(),
  nickname: z.string().nullable(),
  value: z.number(),
});
export const Leaderboard = z.strictObject({
  metric: z.string(),
  period: z.string(),
  periodKey: z.string(),
  items: z.array(LeaderboardEntry),
  /** The caller's own place (shop only); null when they have nothing to count. */
  mine: LeaderboardEntry.nullable(),
});

/** The caller's prize in a frozen contest and where it stands (shop; null for staff or a non-winner). */
export const MyPrize = z.strictObject({
  rank: z.number(),
  cashFen: z.number(),
  item: z.string().nullable(),
  status: z.enum(["awaiting_approval", "granted", "to_send", "sent", "not_granted"]).nullable(),
  orderId: z.number().nullable(),
  couponId: z.number().nullable(),
  sentAt: z.date().nullable(),
});

export const ContestStanding = z.strictObject({
  contest: Contest,
  myPrize: MyPrize.nullable(),
  standings: z.array(LeaderboardEntry.extend({ prize: Prize.nullable() })),
});

export const MyDividends = z.strictObject({
  grade: z.strictObject({ id: z.number(), name: z.string(), rateBps: z.number() }).nullable(),
  next: z
    .strictObject({
      id: z.number(),
      name: z.string(),
      progress: z.array(
        z.strictObject({ task: z.string(), current: z.number(), target: z.number(), met: z.boolean() }),
      ),
    })
    .nullable(),
  periods: z.array(
    z.strictObject({
      runId: z.number(),
      kind: z.string(),
      periodKey: z.string(),
      amountFen: z.number(),
      paidAt: z.date().nullable(),
    }),
  ),
});

export const PrizesQuery = z.strictObject({
  status: z.enum(["to_send", "sent"]).default("to_send"),
  limit: fromDigits(z.number().int().min(1).max(100).default(50)),
  cursor: fromDigits(z.number().int().min(0)).optional(),
});

/** A physical prize of an approved run: who won what, and who marked it sent when. */
export const PhysicalPrize = z.strictObject({
  runId: z.number(),
  kind: z.string(),
  periodKey: z.string(),
  userId: z.number(),
  nickname: z.string().nullable(),
  groupId: z.number(),
  item: z.string(),
  fulfilledAt: z.date().nullable(),
  fulfilledBy: z.string().nullable(),
});
export const PhysicalPrizeList = z.strictObject({
  items: z.array(PhysicalPrize),
  nextCursor: z.number().nullable(),
});

export const PrizeSentBody = z.strictObject({
  runId: z.number().int().positive(),
  userId: z.number().int().positive(),
  groupId: z.number().int().min(0),
});
