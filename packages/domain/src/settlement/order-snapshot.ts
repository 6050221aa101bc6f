// The order-time snapshot (the plan in force, the upline chain, the buyer and the bought items), frozen when
// the order is placed and read back whenever its money moves. Versioned: version 1 is the only shape so far;
// rows written before versioning carry no `v` and read as version 1 (a tolerant parser, see parseOrderSnapshot).

import { z } from "zod";
import type { ChainMember } from "../distribution/commission-engine.ts";
import {
  COMMISSION_ACTIVITY_KINDS,
  type CommissionActivityKind,
  type CommissionPlan,
  commissionPlanSchema,
  MAX_COMMISSION_LEVELS,
} from "../distribution/plan.ts";
import {
  brandCommissionOverride,
  type CommissionLevel,
  type CommissionOverride,
  commissionOverrideSchema,
  levelBps,
} from "../distribution/rules/index.ts";
import { bps, fen } from "../money.ts";

export const ORDER_SNAPSHOT_VERSION = 1;

/** A stored override, branded; an unreadable one counts as absent (the engine then inherits). */
const overrideSchema = z
  .unknown()
  .optional()
  .transform((value): CommissionOverride | undefined => {
    const parsed = commissionOverrideSchema.safeParse(value);
    return parsed.success ? brandCommissionOverride(parsed.data) : undefined;
  });

const levelsSchema = z
  .int()
  .min(1)
  .max(MAX_COMMISSION_LEVELS)
  .transform((n) => n as CommissionLevel)
  .default(2);

/** The plan as stored in the snapshot (`v` rides in the plan object, the snapshot's header). */
export const snapshotPlanSchema = commissionPlanSchema
  .extend({ v: z.literal(ORDER_SNAPSHOT_VERSION).default(ORDER_SNAPSHOT_VERSION), levels: levelsSchema })
  .transform(({ v, ...plan }): CommissionPlan & { v: typeof ORDER_SNAPSHOT_VERSION } => ({
    ...plan,
    v,
    ratesBps: levelBps(plan.ratesBps),
    capBps: bps(plan.capBps),
    groupBuyLeaderBonusBps: bps(plan.groupBuyLeaderBonusBps),
  }));

export const chainMemberSchema = z
  .object({
    userId: z.string(),
    isActiveDistributor: z.boolean(),
    gradeRatesBps: z.tuple([z.int(), z.int(), z.int()]).nullish(),
  })
  .transform(
    ({ gradeRatesBps, ...member }): ChainMember => ({
      ...member,
      ...(gradeRatesBps ? { gradeRatesBps: levelBps(gradeRatesBps) } : {}),
    }),
  );

export const snapshotItemSchema = z.object({
  orderItemId: z.int(),
  productId: z.int(),
  paidFen: z.int().min(0).transform(fen),
  listFen: z.int().min(0).transform(fen),
  quantity: z.int().min(1),
  skuRule: overrideSchema,
  productRule: overrideSchema,
  /** The activity that priced the item; absent on snapshots from before per-item kinds (the order's stands). */
  activityKind: z.enum(COMMISSION_ACTIVITY_KINDS).nullable().optional(),
});

export const orderSnapshotSchema = z.object({
  plan: snapshotPlanSchema,
  chain: z.array(chainMemberSchema).max(MAX_COMMISSION_LEVELS),
  buyer: chainMemberSchema,
  items: z.array(snapshotItemSchema),
  activityKind: z
    .enum(COMMISSION_ACTIVITY_KINDS)
    .nullish()
    .transform((k): CommissionActivityKind | null => k ?? null),
});

export type OrderSnapshot = z.output<typeof orderSnapshotSchema>;
export type SnapshotItem = z.output<typeof snapshotItemSchema>;

/**
 * Reads a stored snapshot (its JSON columns as they come from the row); a row without `v` is version 1.
 * Throws on a snapshot that is not one: money must never move on a guess.
 * Example: parseOrderSnapshot({ plan: {}, chain: [], buyer, items: [], activityKind: null }).plan.v = 1.
 */
export function parseOrderSnapshot(stored: unknown): OrderSnapshot {
  return orderSnapshotSchema.parse(stored);
}

/** What is written: the plan with its version mark, ready for the row's JSON columns. */
export function buildOrderSnapshot(input: {
  plan: CommissionPlan;
  chain: readonly ChainMember[];
  buyer: ChainMember;
  items: readonly z.input<typeof snapshotItemSchema>[];
  activityKind: CommissionActivityKind | null;
}) {
  return {
    plan: { v: ORDER_SNAPSHOT_VERSION, ...input.plan },
    chain: [...input.chain],
    buyer: input.buyer,
    items: [...input.items],
    activityKind: input.activityKind,
  };
}
