// How much an after-sale of part of an order may refund. Each line refunds by cumulative
// quantity slices, so refunding it piece by piece sums exactly to what was paid for it; the
// freight goes back only with the last units of the whole order.

import { allocate, type Fen, fen, mulDivFloor, sumFen } from "../money.ts";

export type RefundableLine = {
  lineId: string;
  quantity: number;
  /** What the shopper paid for the whole line (the quote's paidFen). */
  paidFen: Fen;
  /** Units already refunded or held by an open after-sale. */
  refundedQuantity: number;
  /** Money already refunded or held by an open after-sale for this line; caps what is left. */
  refundedFen: Fen;
};

export type RefundOrderFacts = {
  lines: readonly RefundableLine[];
  freightFen: Fen;
  freightRefundedFen: Fen;
};

export type RefundRequest = {
  items: readonly { lineId: string; quantity: number }[];
  /** Omit to refund the maximum; less is allowed (a negotiated partial refund). */
  requestedFen?: Fen | null;
};

export type RefundLinePart = { lineId: string; quantity: number; maxFen: Fen; refundFen: Fen };

export type RefundDecision =
  | {
      ok: true;
      refundFen: Fen;
      maxFen: Fen;
      lines: RefundLinePart[];
      freight: { maxFen: Fen; refundFen: Fen };
      /** After this refund every unit of every line is refunded: the order becomes `refunded`. */
      completesOrder: boolean;
    }
  | { ok: false; code: "REFUND_NOTHING_REQUESTED" }
  | { ok: false; code: "REFUND_LINE_UNKNOWN"; lineId: string }
  | { ok: false; code: "REFUND_QUANTITY_EXCEEDED"; lineId: string; requested: number; refundable: number }
  | { ok: false; code: "REFUND_AMOUNT_EXCEEDED"; requestedFen: Fen; maxFen: Fen };

/**
 * The share of a line's paid amount that units `before`..`after` carry:
 * ⌊paid × after / qty⌋ − ⌊paid × before / qty⌋, so the slices telescope to the whole and the
 * last unit takes the rounding rest. Example: ¥10 for 3 units → 333, 333, 334 fen.
 */
export function computeLineRefundSlice(paidFen: Fen, quantity: number, before: number, after: number): Fen {
  if (!(0 <= before && before <= after && after <= quantity)) throw new RangeError("slice outside the line");
  return fen(mulDivFloor(paidFen, after, quantity) - mulDivFloor(paidFen, before, quantity));
}

/**
 * Decides the refund of some units of an order: per line its quantity slice (capped by what
 * is left of the line), the freight when these are the order's last units, and the amount —
 * the maximum, or a smaller requested amount spread over the parts by largest remainder.
 * Example: order of 3 × ¥10 paid 3000 + ¥8 freight; refunding 2 units gives 2000, the last
 * unit then gives 1000 + 800.
 */
export function decideRefundAmount(order: RefundOrderFacts, request: RefundRequest): RefundDecision {
  const wanted = new Map<string, number>();
  for (const item of request.items) {
    if (!Number.isSafeInteger(item.quantity) || item.quantity < 0)
      throw new RangeError("quantity must be ≥ 0");
    if (item.quantity > 0) wanted.set(item.lineId, (wanted.get(item.lineId) ?? 0) + item.quantity);
  }
  if (wanted.size === 0) return { ok: false, code: "REFUND_NOTHING_REQUESTED" };

  const lines: RefundLinePart[] = [];
  for (const [lineId, quantity] of wanted) {
    const line = order.lines.find((l) => l.lineId === lineId);
    if (!line) return { ok: false, code: "REFUND_LINE_UNKNOWN", lineId };
    const refundable = line.quantity - line.refundedQuantity;
    if (quantity > refundable) {
      return { ok: false, code: "REFUND_QUANTITY_EXCEEDED", lineId, requested: quantity, refundable };
    }
    const slice = computeLineRefundSlice(
      line.paidFen,
      line.quantity,
      line.refundedQuantity,
      line.refundedQuantity + quantity,
    );
    const maxFen = fen(Math.max(0, Math.min(slice, line.paidFen - line.refundedFen)));
    lines.push({ lineId, quantity, maxFen, refundFen: maxFen });
  }

  const completesOrder = order.lines.every(
    (l) => l.refundedQuantity + (wanted.get(l.lineId) ?? 0) === l.quantity,
  );
  const freightMax = fen(completesOrder ? Math.max(0, order.freightFen - order.freightRefundedFen) : 0);
  const maxFen = sumFen([...lines.map((l) => l.maxFen), freightMax]);

  const requestedFen = request.requestedFen ?? maxFen;
  if (requestedFen < 0) throw new RangeError("requested refund must not be negative");
  if (requestedFen > maxFen) return { ok: false, code: "REFUND_AMOUNT_EXCEEDED", requestedFen, maxFen };

  const parts = allocate(requestedFen, [...lines.map((l) => l.maxFen), freightMax]);
  const spread = lines.map((l, i) => ({ ...l, refundFen: parts[i]! }));
  return {
    ok: true,
    refundFen: requestedFen,
    maxFen,
    lines: spread,
    freight: { maxFen: freightMax, refundFen: parts[lines.length]! },
    completesOrder,
  };
}
