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
import { getDistributionSettings, planOf } from "../distribution/settings.ts";
import type { PlacedOrder } from "../orders/events.ts";
import type { OrderRow } from "../orders/repo.ts";
import { findChainFacts, insertSnapshot, lockOrderWithSnapshot, type SnapshotRow } from "./repo.ts";

/**
 * The buyer's upline (at most 3, nearest first, over bindings active at `at`) and, for the buyer and each
 * ancestor, whether they are an active distributor and their grade's rates — one query.
 */
async function chainFacts(tx: Tx, buyerUserId: number, at: Date) {
  const rows = await findChainFacts(tx, buyerUserId, at);
  const members = new Map<number, ChainMember>();
  for (const r of rows) {
    if (members.has(r.id)) continue;
    members.set(
      r.id,
      chainMemberSchema.parse({
        userId: String(r.id),
        isActiveDistributor: r.status === "active",
        gradeRatesBps: r.ratesBps ?? null,
      }),
    );
  }
  return { ancestors: rows.filter((r) => r.depth > 0).map((r) => r.id), members };
}

function parseRule(rule: unknown) {
  const parsed = commissionOverrideSchema.safeParse(rule);
  return parsed.success ? parsed.data : undefined;
}

/** Freezes the snapshot of a just-placed order (nothing when distribution is off). */
export async function snapshotOrder(tx: Tx, order: PlacedOrder): Promise<void> {
  const settings = await getDistributionSettings(tx);
  if (!settings.plan.enabled) return;
  const { ancestors, members } = await chainFacts(tx, order.buyerUserId, order.placedAt);
  const snapshot = buildOrderSnapshot({
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
  await insertSnapshot(tx, {
    orderId: order.orderId,
    buyerUserId: order.buyerUserId,
    placedAt: order.placedAt,
    ...snapshot,
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
 * The order locked (by number) with its snapshot, parsed only when `wanted(order)` says it will be used:
 * confirm-payment's lock and load in one statement.
 */
export async function lockOrderLoadingSnapshot(
  tx: Tx,
  orderNo: string,
  wanted: (order: OrderRow) => boolean,
): Promise<{ order: OrderRow; loaded: { row: SnapshotRow; snapshot: OrderSnapshot } | null } | null> {
  const found = await lockOrderWithSnapshot(tx, orderNo);
  if (!found) return null;
  const { order, snapshot: row } = found;
  return { order, loaded: row && wanted(order) ? { row, snapshot: readSnapshot(row) } : null };
}
