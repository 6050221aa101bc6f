// Points (积分) as money at checkout: how many fen a number of points is worth, how many an order may use
// (a maximum share of the goods), and how many a completed order earns.
import { z } from "zod";
import { applyBps, BPS_WHOLE, type Bps, bps, type Fen, fen } from "../money.ts";

export const pointsRuleSchema = z.object({
  enabled: z.boolean().default(false),
  /** Points worth ¥1 at checkout: 100 → 1 point = 1 fen. */
  pointsPerYuan: z.int().min(1).max(100_000).default(100),
  /** The most of an order's goods (after discounts) points may pay: 5000 = half. */
  maxShareBps: z.int().min(0).max(BPS_WHOLE).default(5000),
  /** Points earned per ¥1 paid for goods on a completed order: 100 bps of fen = 1 point per ¥1. */
  earnBps: z.int().min(0).max(BPS_WHOLE).default(100),
});
export type PointsRule = z.output<typeof pointsRuleSchema>;

export type PointsSpend = { pointsUsed: number; amountFen: Fen };

/**
 * How many of `wanted` points pay how much of `goodsFen`: never more than the share allows, and only whole
 * fen (the points used are the fewest that buy those fen).
 * Example: 100 points = ¥1, max 50%: 3000 points on ¥40 of goods → 2000 points pay 2000 fen.
 */
export function computePointsSpend(rule: PointsRule, wanted: number, goodsFen: Fen): PointsSpend {
  if (!rule.enabled || wanted <= 0 || goodsFen <= 0) return { pointsUsed: 0, amountFen: fen(0) };
  const maxFen = applyBps(goodsFen, bps(rule.maxShareBps) as Bps);
  const worthFen = Math.floor((wanted * 100) / rule.pointsPerYuan);
  const amountFen = fen(Math.min(maxFen, worthFen));
  return { pointsUsed: Math.ceil((amountFen * rule.pointsPerYuan) / 100), amountFen };
}

/**
 * Points a completed order earns: its paid goods times the earn rate, floored.
 * Example: earnBps 100 (1 point per ¥1), ¥199.90 paid → 199 points.
 */
export function computePointsEarned(rule: PointsRule, paidGoodsFen: Fen): number {
  if (!rule.enabled) return 0;
  return applyBps(paidGoodsFen, bps(rule.earnBps));
}

// ---- The points ledger: every points event is one balanced transaction under a natural key ----

/** A shopper's spendable points, their points waiting for an order to complete, and what the merchant issued. */
export type PointsAccount = `user:${number}` | `user:${number}:pending` | "merchant:issued";
export type PointsEntry = { account: PointsAccount; points: number };
export type PointsTransactionKind = "spend" | "unspend" | "earn" | "release" | "return" | "claw";
export type PointsTransaction = {
  idempotencyKey: string;
  kind: PointsTransactionKind;
  userId: number;
  orderId: number | null;
  /** What the shopper's history shows: the change to spendable points, or for `earn` the points pending. */
  points: number;
  /** Claw backs: the points owed; `owed − taken` was forgiven. */
  owed: number;
  /** Sum to zero; none zero. */
  entries: PointsEntry[];
};

const spendable = (userId: number): PointsAccount => `user:${userId}`;
const pendingOf = (userId: number): PointsAccount => `user:${userId}:pending`;

export type PointsEvent =
  /** Points pay part of a placed order; given back if it closes unpaid (`unspend`). */
  | { kind: "spend" | "unspend"; userId: number; orderId: number; points: number }
  /** A paid order's points wait for it to complete (`earn`), then become spendable (`release`). */
  | { kind: "earn" | "release"; userId: number; orderId: number; points: number }
  /** A refund gives back spent points proportionally. */
  | { kind: "return"; userId: number; orderId: number; afterSaleId: number; points: number }
  /** A refund takes back earned points: from pending first, then spendable, the rest forgiven. */
  | {
      kind: "claw";
      userId: number;
      orderId: number;
      afterSaleId: number;
      fromPending: number;
      fromSpendable: number;
      owed: number;
    };

/**
 * The transaction of one points event, or null when it moves nothing. Its key makes a second posting of the
 * same event a no-op. Example: spend 2000 on order 7 → user:1 −2000, merchant:issued +2000, key `spend:7`.
 */
export function buildPointsTransaction(e: PointsEvent): PointsTransaction | null {
  const base = { userId: e.userId, orderId: e.orderId, owed: 0 };
  const moves: [PointsAccount, number][] = [];
  let key: string;
  let points = 0;
  switch (e.kind) {
    case "spend":
    case "unspend": {
      const sign = e.kind === "spend" ? -1 : 1;
      moves.push([spendable(e.userId), sign * e.points], ["merchant:issued", -sign * e.points]);
      key = `${e.kind}:${e.orderId}`;
      points = sign * e.points;
      break;
    }
    case "earn":
      moves.push([pendingOf(e.userId), e.points], ["merchant:issued", -e.points]);
      key = `earn:${e.orderId}`;
      points = e.points;
      break;
    case "release":
      moves.push([pendingOf(e.userId), -e.points], [spendable(e.userId), e.points]);
      key = `release:${e.orderId}`;
      points = e.points;
      break;
    case "return":
      moves.push([spendable(e.userId), e.points], ["merchant:issued", -e.points]);
      key = `return:${e.afterSaleId}`;
      points = e.points;
      break;
    case "claw":
      moves.push(
        [pendingOf(e.userId), -e.fromPending],
        [spendable(e.userId), -e.fromSpendable],
        ["merchant:issued", e.fromPending + e.fromSpendable],
      );
      key = `claw:${e.afterSaleId}`;
      points = -e.fromSpendable;
      break;
  }
  const entries = moves.filter(([, p]) => p !== 0).map(([account, p]) => ({ account, points: p }));
  if (entries.length === 0 && !(e.kind === "claw" && e.owed > 0)) return null;
  if (entries.some((x) => !Number.isSafeInteger(x.points)) || entries.reduce((s, x) => s + x.points, 0) !== 0)
    throw new Error(`points transaction ${key} does not balance`);
  return {
    ...base,
    idempotencyKey: key,
    kind: e.kind,
    points,
    owed: e.kind === "claw" ? e.owed : 0,
    entries,
  };
}

export type PointsRefundFacts = {
  /** Points the order spent, and how many refunds gave back so far. */
  spent: number;
  returned: number;
  /** Points the order earned (pending or released), and how many claw backs owed so far (taken + forgiven). */
  earned: number;
  clawedOwed: number;
  /** The order's goods as paid (after every discount, points included) and refunded so far, this refund included. */
  goodsPaidFen: number;
  goodsRefundedFen: number;
  /** Every unit refunded (decides a ¥0-paid order, where amounts cannot). */
  orderRefunded: boolean;
  /** The order's earned points still pending, and the shopper's spendable balance now. */
  orderPending: number;
  balance: number;
};

export type PointsRefundDecision = {
  returnPoints: number;
  claw: { owed: number; fromPending: number; fromSpendable: number; forgiven: number };
};

/** Whole points of `total` that belong to the goods still kept: floor(total × kept / paid). */
function keptShare(total: number, f: PointsRefundFacts): number {
  if (f.orderRefunded) return 0;
  if (f.goodsPaidFen <= 0) return total;
  const kept = Math.max(0, f.goodsPaidFen - f.goodsRefundedFen);
  return Math.floor((total * kept) / f.goodsPaidFen);
}

/**
 * What a refund does to points, cumulatively so partial refunds add up exactly to a full one:
 *  - spent points come back for the refunded share: after refunds the order keeps floor(spent × kept / paid)
 *    (the shopper gets the rounding);
 *  - earned points go back likewise: the order keeps floor(earned × kept / paid) (the merchant gets the
 *    rounding); a full refund keeps nothing of either;
 *  - the points owed are taken from the order's pending points first, then from the spendable balance
 *    (after the return above is added), never below zero: what cannot be recovered is forgiven and counted
 *    as owed, so a later refund does not ask for it again.
 * Example: earned 199 on ¥199 paid, ¥99.50 refunded → keeps floor(199 × 9950 / 19900) = 99, claws 100.
 */
export function decidePointsOnRefund(f: PointsRefundFacts): PointsRefundDecision {
  const returnPoints = Math.max(0, f.spent - keptShare(f.spent, f) - f.returned);
  const owed = Math.max(0, f.earned - keptShare(f.earned, f) - f.clawedOwed);
  const fromPending = Math.min(owed, Math.max(0, f.orderPending));
  const fromSpendable = Math.min(owed - fromPending, Math.max(0, f.balance + returnPoints));
  return {
    returnPoints,
    claw: { owed, fromPending, fromSpendable, forgiven: owed - fromPending - fromSpendable },
  };
}
