// Fraud signals that put a commission on hold for staff review (held) instead of letting it settle:
// buyer and earner sharing a phone, device, address or payout account, bind bursts, refund patterns.

export type HoldReason =
  | "SAME_PHONE"
  | "SAME_DEVICE"
  | "SAME_ADDRESS"
  | "SAME_PAYOUT_ACCOUNT"
  | "BIND_VELOCITY"
  | "REFUND_PATTERN";

/** Hashed identifiers of one person (never raw phone numbers or card numbers). */
export interface Fingerprint {
  userId: string;
  phoneHashes?: readonly string[];
  deviceIds?: readonly string[];
  addressHashes?: readonly string[];
  payoutAccountHashes?: readonly string[];
}

export interface FraudThresholds {
  /** More than maxBinds binds inside windowMs before now is a burst. */
  bindVelocity: { maxBinds: number; windowMs: number };
  /** Refunded ÷ orders above maxRatioBps, once there are at least minOrders, is a pattern. */
  refund: { maxRatioBps: number; minOrders: number };
}

export const DEFAULT_FRAUD_THRESHOLDS: FraudThresholds = {
  bindVelocity: { maxBinds: 20, windowMs: 3_600_000 },
  refund: { maxRatioBps: 5000, minOrders: 5 },
};

export interface FraudFacts {
  buyer: Fingerprint;
  earner: Fingerprint;
  /** When the earner's recent bindings were made (epoch ms). */
  recentBindsOfEarner: readonly number[];
  /** The earner's referred orders over the review period. */
  refundRatio: { refundedOrders: number; orders: number };
  thresholds: FraudThresholds;
  nowMs: number;
}

/**
 * Every reason to hold a commission; empty = let it settle.
 * Example: buyer and earner log in from the same device → ["SAME_DEVICE"].
 */
export function detectHoldReasons(facts: FraudFacts): HoldReason[] {
  const { buyer, earner, thresholds } = facts;
  const reasons: HoldReason[] = [];
  if (buyer.userId !== earner.userId) {
    if (overlaps(buyer.phoneHashes, earner.phoneHashes)) reasons.push("SAME_PHONE");
    if (overlaps(buyer.deviceIds, earner.deviceIds)) reasons.push("SAME_DEVICE");
    if (overlaps(buyer.addressHashes, earner.addressHashes)) reasons.push("SAME_ADDRESS");
    if (overlaps(buyer.payoutAccountHashes, earner.payoutAccountHashes)) reasons.push("SAME_PAYOUT_ACCOUNT");
  }
  const since = facts.nowMs - thresholds.bindVelocity.windowMs;
  const binds = facts.recentBindsOfEarner.filter((t) => t > since && t <= facts.nowMs).length;
  if (binds > thresholds.bindVelocity.maxBinds) reasons.push("BIND_VELOCITY");
  const { refundedOrders, orders } = facts.refundRatio;
  // Compared in integers: refunded / orders > ratio / 10000.
  if (
    orders >= thresholds.refund.minOrders &&
    refundedOrders * 10_000 > thresholds.refund.maxRatioBps * orders
  ) {
    reasons.push("REFUND_PATTERN");
  }
  return reasons;
}

function overlaps(a: readonly string[] = [], b: readonly string[] = []): boolean {
  const set = new Set(a.filter((v) => v !== ""));
  return b.some((v) => set.has(v));
}
