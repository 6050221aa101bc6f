// onPlaced: freezes the buyer's upline chain (≤ 3 ancestors with their active/grade state) and the plan
// in force onto the order, so later rebinding or rate changes never touch an order in flight.
import { type ChainMember, commissionOverrideSchema } from "@liebian/domain";
import { inArray } from "drizzle-orm";
import type { Tx } from "../../db/client.ts";
import { distributorGrades, distributors } from "../../db/schema/distribution.ts";
import { findAncestors } from "../binding/repo.ts";
import { getDistributionSettings } from "../distribution/settings.ts";
import type { PlacedOrder } from "../orders/events.ts";
import { insertSnapshot } from "./repo.ts";

export type SnapshotItem = {
  orderItemId: number;
  productId: number;
  paidFen: number;
  listFen: number;
  quantity: number;
  skuRule?: unknown;
  productRule?: unknown;
};

async function chainMembers(tx: Tx, userIds: number[]): Promise<Map<number, ChainMember>> {
  if (userIds.length === 0) return new Map();
  const rows = await tx
    .select({ userId: distributors.userId, status: distributors.status, gradeId: distributors.gradeId })
    .from(distributors)
    .where(inArray(distributors.userId, userIds));
  const gradeIds = rows.map((r) => r.gradeId).filter((g): g is number => g !== null);
  const grades = gradeIds.length
    ? await tx.select().from(distributorGrades).where(inArray(distributorGrades.id, gradeIds))
    : [];
  const rates = new Map(grades.map((g) => [g.id, g.ratesBps]));
  const members = new Map<number, ChainMember>();
  for (const id of userIds) {
    const row = rows.find((r) => r.userId === id);
    const gradeRates = row?.gradeId ? rates.get(row.gradeId) : null;
    members.set(id, {
      userId: String(id),
      isActiveDistributor: row?.status === "active",
      ...(gradeRates ? { gradeRatesBps: gradeRates as never } : {}),
    });
  }
  return members;
}

function parseRule(rule: unknown) {
  const parsed = commissionOverrideSchema.safeParse(rule);
  return parsed.success ? parsed.data : undefined;
}

export async function snapshotOrder(tx: Tx, order: PlacedOrder): Promise<void> {
  const settings = await getDistributionSettings(tx);
  if (!settings.plan.enabled) return;
  const ancestors = (await findAncestors(tx, order.buyerUserId, order.placedAt, 3)).slice(0, 3);
  const members = await chainMembers(tx, [order.buyerUserId, ...ancestors]);
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
