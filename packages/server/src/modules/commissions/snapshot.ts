// The order-time snapshot: when an order is placed, the buyer's upline chain (≤ 3 ancestors with their
// active/grade state) and the plan in force are frozen onto it, so later rebinding or rate changes never
// touch an order in flight. Written as version 1 (domain order-snapshot.ts) and parsed with zod on read.
import {
  buildOrderSnapshot,
  type ChainMember,
  chainMemberSchema,
  commissionOverrideSchema,
  type OrderSnapshot,
  parseOrderSnapshot,
} from "@liebian/domain";
import type { Tx } from "../../db/client.ts";
import { planOf } from "../distribution/settings.ts";
import type { DistributionSettingsValue } from "../distribution/settings-schema.ts";
import type { PlacedOrder } from "../orders/events.ts";
import type { OrderRow } from "../orders/repo.ts";
import type { FraudFact } from "./fraud.ts";
import { type ChainFactRow, lockOrderForPayment, type SnapshotRow } from "./repo.ts";

/**
 * The chain members from the chain read (commissions/repo.ts chainFactsSql: the buyer at depth 0, then the
 * upline nearest first): the ancestors' ids in order and each member's active state and grade rates.
 */
function chainMembers(rows: readonly ChainFactRow[]) {
  const members = new Map<number, ChainMember>();
  for (const r of rows) {
    if (members.has(r.id)) continue;
    const member = { userId: String(r.id), isActiveDistributor: r.status === "active" };
    // only grade rates need the schema (a tuple of three, turned into the domain's levels)
    members.set(
      r.id,
      r.ratesBps == null ? member : chainMemberSchema.parse({ ...member, gradeRatesBps: r.ratesBps }),
    );
  }
  return { ancestors: rows.filter((r) => r.depth > 0).map((r) => r.id), members };
}

function parseRule(rule: unknown) {
  if (rule == null) return undefined;
  const parsed = commissionOverrideSchema.safeParse(rule);
  return parsed.success ? parsed.data : undefined;
}

/** What the placing writes of order_distribution (plan, chain, buyer, items, activity kind). */
export type PlannedSnapshot = ReturnType<typeof buildOrderSnapshot>;

/**
 * The snapshot of a just-placed order, from the distribution settings and the buyer's chain as read with the
 * order's other facts (null when distribution is off: no snapshot). Pure: the caller writes it.
 */
export function planSnapshot(
  settings: DistributionSettingsValue,
  chainRows: readonly ChainFactRow[],
  order: Pick<PlacedOrder, "buyerUserId" | "items" | "activityKind">,
): PlannedSnapshot | null {
  if (!settings.plan.enabled) return null;
  const { ancestors, members } = chainMembers(chainRows);
  return buildOrderSnapshot({
    plan: planOf(settings),
    chain: ancestors.map((id) => members.get(id)!),
    buyer: members.get(order.buyerUserId)!,
    items: order.items.map((i) => ({
      orderItemId: i.orderItemId,
      productId: i.productId,
      paidFen: i.paidFen,
      listFen: i.listFen,
      quantity: i.quantity,
      skuRule: parseRule(i.skuCommissionRule),
      productRule: parseRule(i.productCommissionRule),
      ...(i.activityKind !== undefined ? { activityKind: i.activityKind } : {}),
    })),
    activityKind: order.activityKind,
  });
}

/** A stored snapshot row's JSON, parsed (rows from before versioning read as version 1). */
export function readSnapshot(row: SnapshotRow): OrderSnapshot {
  return parseOrderSnapshot({
    plan: row.plan,
    chain: row.chain,
    buyer: row.buyer,
    items: row.items,
    activityKind: row.activityKind,
  });
}

/**
 * The order locked (by number) with everything its payment's plan reads, in one statement (confirm-payment's
 * lock and load): the snapshot, parsed only when `wanted(order)` says it will be used; the fraud facts of the
 * buyer and the snapshot's chain when the check is on (`fraudSince`: the start of its bind window, null when
 * off); and the buyer's uplines, share-locked, for the team counters.
 */
export async function lockOrderLoadingSnapshot(
  tx: Tx,
  orderNo: string,
  wanted: (order: OrderRow) => boolean,
  fraudSince: Date | null = null,
): Promise<{
  order: OrderRow;
  loaded: { row: SnapshotRow; snapshot: OrderSnapshot } | null;
  fraudFacts: FraudFact[] | null;
  uplines: number[];
} | null> {
  const found = await lockOrderForPayment(tx, orderNo, fraudSince);
  if (!found) return null;
  const { order, snapshot: row } = found;
  return {
    order,
    loaded: row && wanted(order) ? { row, snapshot: readSnapshot(row) } : null,
    fraudFacts: found.fraudFacts?.map(([userId, kind, value]) => ({ userId, kind, value })) ?? null,
    uplines: found.uplines,
  };
}
