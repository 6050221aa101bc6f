// Checkout pricing, "compute, then apply": one pure function turns cart lines, order-level
// discounts and the delivery region into exact per-line paid amounts, freight and the payable
// total. A later pricing engine replaces how discounts are found, not how they are spread.

import { allocate, type Fen, fen, sumFen } from "../money.ts";
import { computeFreight, type FreightResult, type FreightTemplate } from "./freight.ts";

export type QuoteLineInput = {
  skuId: string;
  productId: string;
  unitPriceFen: Fen;
  quantity: number;
  freightTemplateId: string | null;
  /** Weight of one unit, for by-weight freight templates. */
  weightGrams: number;
};

/** A discount on the whole order (coupon, threshold discount, …), already decided by whoever found it. */
export type OrderDiscount = { kind: string; label: string; amountFen: Fen };

export type QuoteInput = {
  lines: readonly QuoteLineInput[];
  discounts: readonly OrderDiscount[];
  /** regionCode null: no address yet, freight is not known and not charged. */
  freight: { templates: readonly FreightTemplate[]; regionCode: string | null };
};

export type QuoteLine = QuoteLineInput & { listedFen: Fen; discountFen: Fen; paidFen: Fen };

/** A discount as applied: `appliedFen` is less than asked when the goods ran out before it did. */
export type AppliedDiscount = OrderDiscount & { appliedFen: Fen; clamped: boolean };

export type Quote = {
  lines: QuoteLine[];
  discounts: AppliedDiscount[];
  goodsTotalFen: Fen;
  discountTotalFen: Fen;
  /** How much of the asked discounts could not be applied because they exceeded the goods. */
  discountClampedFen: Fen;
  /** null when no delivery region was given. */
  freight: FreightResult | null;
  payableFen: Fen;
};

/**
 * Prices a cart: each line's listed subtotal, its share of the order discounts (largest
 * remainder weighted by subtotal), its exact paid amount, freight per template (free-shipping
 * thresholds measured on paid amounts) and the payable total. Discounts apply in the order
 * given and never take the goods below zero; the excess is reported, not charged.
 * Example: ¥60 + ¥40 with a ¥10 coupon → lines pay 5400 + 3600, payable 9000 + freight.
 */
export function computeQuote(input: QuoteInput): Quote {
  for (const l of input.lines) {
    if (!Number.isSafeInteger(l.quantity) || l.quantity <= 0)
      throw new RangeError("quantity must be positive");
    if (l.unitPriceFen < 0) throw new RangeError("unit price must not be negative");
  }
  const listed = input.lines.map((l) => fen(l.unitPriceFen * l.quantity));
  const goodsTotalFen = sumFen(listed);

  let room: number = goodsTotalFen;
  const discounts = input.discounts.map((d): AppliedDiscount => {
    if (d.amountFen < 0) throw new RangeError(`discount ${d.kind} must not be negative`);
    const appliedFen = fen(Math.min(d.amountFen, room));
    room -= appliedFen;
    return { ...d, appliedFen, clamped: appliedFen < d.amountFen };
  });
  const discountTotalFen = sumFen(discounts.map((d) => d.appliedFen));
  const discountClampedFen = fen(sumFen(input.discounts.map((d) => d.amountFen)) - discountTotalFen);

  const shares = allocate(discountTotalFen, listed);
  const lines = input.lines.map((l, i): QuoteLine => {
    const listedFen = listed[i]!;
    const discountFen = shares[i]!;
    return { ...l, listedFen, discountFen, paidFen: fen(listedFen - discountFen) };
  });

  const freight =
    input.freight.regionCode === null
      ? null
      : computeFreight(
          input.freight.templates,
          lines.map((l) => ({ ...l, amountFen: l.paidFen })),
          input.freight.regionCode,
        );
  const payableFen = fen(goodsTotalFen - discountTotalFen + (freight?.totalFen ?? 0));
  return { lines, discounts, goodsTotalFen, discountTotalFen, discountClampedFen, freight, payableFen };
}
