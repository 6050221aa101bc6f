// Service goods (courses, trial classes): how an order of them is delivered — by a redemption code at
// payment instead of a parcel, so no address and no freight — and when an unredeemed one counts as delivered.

export type ProductKind = "physical" | "service";
export type Delivery = "shipping" | "redemption";

export type DeliveryDecision =
  | { ok: true; delivery: Delivery }
  | { ok: false; code: "ORDER_MIXES_SERVICE_GOODS" };

/**
 * How an order is delivered, from its products' kinds: all service → by redemption code, all physical →
 * shipped; a mix is refused, since one order moves through one delivery.
 * Example: ["service"] → redemption; ["service", "physical"] → ORDER_MIXES_SERVICE_GOODS.
 */
export function decideDelivery(kinds: readonly ProductKind[]): DeliveryDecision {
  const services = kinds.filter((k) => k === "service").length;
  if (services === 0) return { ok: true, delivery: "shipping" };
  if (services === kinds.length) return { ok: true, delivery: "redemption" };
  return { ok: false, code: "ORDER_MIXES_SERVICE_GOODS" };
}

const DAY_MS = 86_400_000;

/**
 * When a paid service order left unredeemed counts as delivered (the auto-receive deadline): N days after
 * payment, the smallest N among its products; null when none sets one (only redemption delivers it).
 * Example: paid at day 0, valid 30 days → day 30.
 */
export function serviceDeliveredDueAt(
  paidAtMs: number,
  validDays: readonly (number | null)[],
): number | null {
  const days = validDays.filter((d): d is number => d !== null);
  return days.length === 0 ? null : paidAtMs + Math.min(...days) * DAY_MS;
}

export type RedemptionDecision =
  | { ok: true }
  | { ok: false; code: "REDEMPTION_CODE_USED" | "ORDER_STATE_INVALID" };

/**
 * Whether a code may be redeemed now: once only, and only while its order waits for delivery (shipped:
 * the code was issued at payment). Example: a code of a refunded order → ORDER_STATE_INVALID.
 */
export function decideRedemption(
  code: { status: "issued" | "redeemed" },
  orderStatus: string,
): RedemptionDecision {
  if (code.status === "redeemed") return { ok: false, code: "REDEMPTION_CODE_USED" };
  if (orderStatus !== "shipped") return { ok: false, code: "ORDER_STATE_INVALID" };
  return { ok: true };
}
