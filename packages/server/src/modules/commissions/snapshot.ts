// onPlaced: freezes the buyer's upline chain (≤ 3 ancestors with their active/grade state) and the plan
// in force onto the order, so later rebinding or rate changes never touch an order in flight.
import { type ChainMember, commissionOverrideSchema } from "@liebian/domain";
import type { Tx } from "../../db/client.ts";
import { getDistributionSettings } from "../distribution/settings.ts";
import type { PlacedOrder } from "../orders/events.ts";
import { findChainFacts, insertSnapshot } from "./repo.ts";

export type SnapshotItem = {
  orderItemId: number;
  productId: number;
  paidFen: number;
  listFen: number;
  quantity: number;
  skuRule?: unknown;
  productRule?: unknown;
};

/**
 * The buyer's upline (at most 3, nearest first, over bindings active at `at`) and, for the buyer and each
 * ancestor, whether they are an active distributor and their grade's rates — one query.
 */
async function chainFacts(tx: Tx, buyerUserId: number, at: Date) {
  const rows = await findChainFacts(tx, buyerUserId, at);
  const members = new Map<number, ChainMember>();
  for (const r of rows) {
    if (members.has(r.id)) continue;
    members.set(r.id, {
      userId: String(r.id),
      isActiveDistributor: r.status === "active",
      ...(r.ratesBps ? { gradeRatesBps: r.ratesBps as never } : {}),
    });
  }
  return { ancestors: rows.filter((r) => r.depth > 0).map((r) => r.id), members };
}

function parseRule(rule: unknown) {
  const parsed = commissionOverrideSchema.safeParse(rule);
  return parsed.success ? parsed.data : undefined;
}

export async function snapshotOrder(tx: Tx, order: PlacedOrder): Promise<void> {
  const settings = await getDistributionSettings(tx);
  if (!settings.plan.enabled) return;
  const { ancestors, members } = await chainFacts(tx, order.buyerUserId, order.placedAt);
  const items: SnapshotItem[] = order.items.map((i) => ({
    orderItemId: i.orderItemId,
    productId: i.productId,
    paidFen: i.paidFen,
    listFen: i.listFen,
    quantity: i.quantity,
    skuRule: parseRule(i.skuCommissionRule),
    productRule: parseRule(i.productCommissionRule),
  }));
  await insertSnapshot(tx, {
    orderId: order.orderId,
    buyerUserId: order.buyerUserId,
    chain: ancestors.map((id) => members.get(id)),
    buyer: members.get(order.buyerUserId),
    plan: settings.plan,
    items,
    activityKind: order.activityKind,
    placedAt: order.placedAt,
  });
}
