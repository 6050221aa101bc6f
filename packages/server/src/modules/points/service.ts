// Points (积分) use cases. Every points event is one balanced transaction under a natural key (domain
// buildPointsTransaction) written with the balance move in the caller's database transaction, so a replay of
// an event is a no-op and the balance always equals its entries:
//   placing an order spends (guarded: two concurrent spends never overdraw), closing it unpaid gives them back;
//   paying earns points that wait (pending) until the order completes, when they become spendable;
//   a refund gives back spent points and takes back earned points by decidePointsOnRefund.
import {
  buildPointsTransaction,
  computePointsEarned,
  decidePointsOnRefund,
  fen,
  type PointsEvent,
  type PointsRule,
} from "@liebian/domain";
import type { Executor, Tx } from "../../db/client.ts";
import { inTransaction } from "../../db/transaction.ts";
import type { AppDeps } from "../../deps.ts";
import { AppError } from "../../errors/app-error.ts";
import type { StaffActor } from "../../http/types.ts";
import { getSettings, updateSettings } from "../settings/service.ts";
import {
  addToPointsBalance,
  findOrderPointsEntries,
  findPointsBalance,
  insertPointsTransaction,
  listPointsHistory,
  lockPointsBalance,
  takeSpendablePoints,
} from "./repo.ts";

export function getPointsRule(db: Executor): Promise<PointsRule> {
  return getSettings(db, "points");
}

export async function savePointsRule(
  deps: Pick<AppDeps, "db">,
  actor: StaffActor,
  rule: Partial<PointsRule>,
) {
  await updateSettings(deps.db, actor, "points", rule);
  return getPointsRule(deps.db);
}

/** Writes one points event and moves the balance; false when it moves nothing or happened before. */
async function post(tx: Executor, event: PointsEvent, at: Date): Promise<boolean> {
  const t = buildPointsTransaction(event);
  if (!t || !(await insertPointsTransaction(tx, t, at))) return false;
  const delta = { points: 0, pending: 0 };
  for (const e of t.entries) {
    if (e.account === `user:${t.userId}`) delta.points += e.points;
    else if (e.account === `user:${t.userId}:pending`) delta.pending += e.points;
  }
  if (t.kind === "spend") {
    if (!(await takeSpendablePoints(tx, t.userId, -delta.points))) {
      const { points } = await findPointsBalance(tx, t.userId);
      throw new AppError("POINTS_INSUFFICIENT", "Not enough points", {
        balance: points,
        wanted: -delta.points,
      });
    }
  } else if (delta.points !== 0 || delta.pending !== 0) await addToPointsBalance(tx, t.userId, delta);
  return true;
}

/** What an order's points came to so far, from its transactions. */
async function orderPoints(tx: Executor, userId: number, orderId: number) {
  const rows = await findOrderPointsEntries(tx, orderId);
  const f = { spent: 0, returned: 0, earned: 0, clawedOwed: 0, pending: 0 };
  const clawSeen = new Set<number>();
  for (const r of rows) {
    const p = r.points ?? 0;
    const own = r.account === `user:${userId}`;
    const pending = r.account === `user:${userId}:pending`;
    if (own && (r.kind === "spend" || r.kind === "unspend")) f.spent -= p;
    if (own && r.kind === "return") f.returned += p;
    if (pending && r.kind === "earn") f.earned += p;
    if (pending) f.pending += p;
    if (r.kind === "claw" && !clawSeen.has(r.transactionId)) {
      clawSeen.add(r.transactionId);
      f.clawedOwed += r.owed;
    }
  }
  return f;
}

/** Placing: the points the engine used come off the shopper's spendable points, or the order is refused. */
export async function spendPointsForOrder(
  tx: Tx,
  o: { userId: number; orderId: number; points: number; at: Date },
) {
  if (o.points > 0) await post(tx, { kind: "spend", ...o }, o.at);
}

/** An unpaid order closed or cancelled: its points come back, once. */
export async function returnPointsOfUnpaidOrder(tx: Tx, o: { userId: number; orderId: number; at: Date }) {
  const { spent } = await orderPoints(tx, o.userId, o.orderId);
  if (spent > 0)
    await post(tx, { kind: "unspend", userId: o.userId, orderId: o.orderId, points: spent }, o.at);
}

/** Paid: the goods as paid earn points at the merchant's rate, pending until the order completes. */
export async function earnPointsForPaidOrder(
  tx: Tx,
  o: { userId: number; orderId: number; goodsPaidFen: number; at: Date },
) {
  const rule = await getPointsRule(tx);
  const points = computePointsEarned(rule, fen(Math.max(0, o.goodsPaidFen)));
  if (points > 0) await post(tx, { kind: "earn", userId: o.userId, orderId: o.orderId, points }, o.at);
}

/** Completed: what is still pending of the order's points becomes spendable. */
export async function releasePointsOfOrder(tx: Tx, o: { userId: number; orderId: number; at: Date }) {
  const { pending } = await orderPoints(tx, o.userId, o.orderId);
  if (pending > 0)
    await post(tx, { kind: "release", userId: o.userId, orderId: o.orderId, points: pending }, o.at);
}

/**
 * A refund completed (after-sale, failed group, challenge difference): spent points come back and earned
 * points go back for the refunded share of the goods, under the after-sale's keys (once each).
 */
export async function applyPointsOnRefund(
  tx: Tx,
  r: {
    userId: number;
    orderId: number;
    afterSaleId: number;
    goodsPaidFen: number;
    goodsRefundedFen: number;
    orderRefunded: boolean;
    at: Date;
  },
) {
  const f = await orderPoints(tx, r.userId, r.orderId);
  if (f.spent <= 0 && f.earned <= 0) return;
  const balance = await lockPointsBalance(tx, r.userId);
  const d = decidePointsOnRefund({
    spent: f.spent,
    returned: f.returned,
    earned: f.earned,
    clawedOwed: f.clawedOwed,
    goodsPaidFen: r.goodsPaidFen,
    goodsRefundedFen: r.goodsRefundedFen,
    orderRefunded: r.orderRefunded,
    orderPending: f.pending,
    balance: balance.points,
  });
  const ids = { userId: r.userId, orderId: r.orderId, afterSaleId: r.afterSaleId };
  if (d.returnPoints > 0) await post(tx, { kind: "return", ...ids, points: d.returnPoints }, r.at);
  if (d.claw.owed > 0) await post(tx, { kind: "claw", ...ids, ...d.claw }, r.at);
}

/** The shopper's points page: balance, pending, the rule, and the newest history. */
export async function getMyPoints(db: Executor, userId: number, q: { beforeId?: number | undefined }) {
  return inTransaction(db, async (tx) => {
    const rule = await getPointsRule(tx);
    const balance = await findPointsBalance(tx, userId);
    const limit = 30;
    const history = await listPointsHistory(tx, userId, { beforeId: q.beforeId, limit });
    return {
      points: balance.points,
      pending: balance.pending,
      rule,
      history: history.map((h) => ({ ...h, pending: h.kind === "earn" })),
      nextBeforeId: history.length === limit ? history[history.length - 1]!.id : null,
    };
  });
}
