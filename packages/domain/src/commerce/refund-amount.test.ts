import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { fen } from "../money.ts";
import { computeLineRefundSlice, decideRefundAmount, type RefundOrderFacts } from "./refund-amount.ts";

const order = (
  lines: { quantity: number; paid: number; refundedQuantity?: number; refunded?: number }[],
  freight = 800,
  freightRefunded = 0,
): RefundOrderFacts => ({
  lines: lines.map((l, i) => ({
    lineId: `L${i + 1}`,
    quantity: l.quantity,
    paidFen: fen(l.paid),
    refundedQuantity: l.refundedQuantity ?? 0,
    refundedFen: fen(l.refunded ?? 0),
  })),
  freightFen: fen(freight),
  freightRefundedFen: fen(freightRefunded),
});

describe("computeLineRefundSlice", () => {
  test.each([
    { label: "first of 3 units of ¥10", before: 0, after: 1, expected: 333 },
    { label: "second of 3", before: 1, after: 2, expected: 333 },
    { label: "last of 3 takes the rest", before: 2, after: 3, expected: 334 },
    { label: "all 3 at once", before: 0, after: 3, expected: 1000 },
  ])("$label → $expected", ({ before, after, expected }) => {
    expect(computeLineRefundSlice(fen(1000), 3, before, after)).toBe(expected);
  });
});

describe("decideRefundAmount", () => {
  test.each([
    {
      label: "2 of 3 units refund two slices, no freight",
      facts: order([{ quantity: 3, paid: 3000 }]),
      items: [{ lineId: "L1", quantity: 2 }],
      refund: 2000,
      freight: 0,
      completes: false,
    },
    {
      label: "the last unit brings the freight back",
      facts: order([{ quantity: 3, paid: 3000, refundedQuantity: 2, refunded: 2000 }]),
      items: [{ lineId: "L1", quantity: 1 }],
      refund: 1800,
      freight: 800,
      completes: true,
    },
    {
      label: "a whole line of a two-line order keeps the freight",
      facts: order([
        { quantity: 1, paid: 5400 },
        { quantity: 1, paid: 3600 },
      ]),
      items: [{ lineId: "L2", quantity: 1 }],
      refund: 3600,
      freight: 0,
      completes: false,
    },
    {
      label: "the whole order at once",
      facts: order([
        { quantity: 2, paid: 5400 },
        { quantity: 1, paid: 3600 },
      ]),
      items: [
        { lineId: "L1", quantity: 2 },
        { lineId: "L2", quantity: 1 },
      ],
      refund: 9800,
      freight: 800,
      completes: true,
    },
    {
      label: "the line's rest is capped by what was already refunded",
      facts: order([{ quantity: 3, paid: 1000, refundedQuantity: 2, refunded: 700 }], 0),
      items: [{ lineId: "L1", quantity: 1 }],
      refund: 300,
      freight: 0,
      completes: true,
    },
  ])("$label → $refund fen", ({ facts, items, refund, freight, completes }) => {
    const decision = decideRefundAmount(facts, { items });
    expect(decision).toMatchObject({
      ok: true,
      refundFen: refund,
      maxFen: refund,
      completesOrder: completes,
    });
    if (decision.ok) expect(decision.freight.refundFen).toBe(freight);
  });

  test("a smaller negotiated amount is spread over lines and freight by their maxima", () => {
    const decision = decideRefundAmount(order([{ quantity: 1, paid: 3000 }], 1000), {
      items: [{ lineId: "L1", quantity: 1 }],
      requestedFen: fen(2000),
    });
    expect(decision).toMatchObject({ ok: true, refundFen: 2000, maxFen: 4000, freight: { refundFen: 500 } });
    if (decision.ok) expect(decision.lines[0]?.refundFen).toBe(1500);
  });

  test.each([
    {
      label: "more units than remain",
      facts: order([{ quantity: 2, paid: 2000, refundedQuantity: 1, refunded: 1000 }]),
      request: { items: [{ lineId: "L1", quantity: 2 }] },
      expected: { ok: false, code: "REFUND_QUANTITY_EXCEEDED", lineId: "L1", requested: 2, refundable: 1 },
    },
    {
      label: "the same line twice in one request counts once in total",
      facts: order([{ quantity: 2, paid: 2000 }]),
      request: {
        items: [
          { lineId: "L1", quantity: 2 },
          { lineId: "L1", quantity: 1 },
        ],
      },
      expected: { ok: false, code: "REFUND_QUANTITY_EXCEEDED", requested: 3, refundable: 2 },
    },
    {
      label: "more money than the units carry",
      facts: order([{ quantity: 2, paid: 2000 }]),
      request: { items: [{ lineId: "L1", quantity: 1 }], requestedFen: fen(1001) },
      expected: { ok: false, code: "REFUND_AMOUNT_EXCEEDED", requestedFen: 1001, maxFen: 1000 },
    },
    {
      label: "a line that is not on the order",
      facts: order([{ quantity: 2, paid: 2000 }]),
      request: { items: [{ lineId: "L9", quantity: 1 }] },
      expected: { ok: false, code: "REFUND_LINE_UNKNOWN", lineId: "L9" },
    },
    {
      label: "no units at all",
      facts: order([{ quantity: 2, paid: 2000 }]),
      request: { items: [{ lineId: "L1", quantity: 0 }] },
      expected: { ok: false, code: "REFUND_NOTHING_REQUESTED" },
    },
  ])("refuses $label", ({ facts, request, expected }) => {
    expect(decideRefundAmount(facts, request)).toMatchObject(expected);
  });

  test("any sequence of partial refunds sums to exactly what was paid, freight included, never more", () => {
    const lineArb = fc.record({
      quantity: fc.integer({ min: 1, max: 20 }),
      paid: fc.integer({ min: 0, max: 1e9 }),
    });
    fc.assert(
      fc.property(
        fc.array(lineArb, { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 200 }),
        (specs, freight, picks) => {
          const facts = order(specs, freight);
          const lines = facts.lines.map((l) => ({ ...l }));
          let refunded = 0;
          let freightRefunded = 0;
          const remaining = () => lines.filter((l) => l.refundedQuantity < l.quantity);
          let step = 0;
          while (remaining().length > 0) {
            const [a, b] = picks[step++] ?? [0, Number.MAX_SAFE_INTEGER];
            const open = remaining();
            const line = open[a % open.length]!;
            const quantity = 1 + (b % (line.quantity - line.refundedQuantity));
            const decision = decideRefundAmount(
              { ...facts, lines, freightRefundedFen: fen(freightRefunded) },
              { items: [{ lineId: line.lineId, quantity }] },
            );
            if (!decision.ok) throw new Error(decision.code);
            const part = decision.lines[0]!;
            line.refundedQuantity += quantity;
            line.refundedFen = fen(line.refundedFen + part.refundFen);
            freightRefunded += decision.freight.refundFen;
            refunded += decision.refundFen;
            expect(decision.completesOrder).toBe(remaining().length === 0);
          }
          expect(refunded).toBe(specs.reduce((s, l) => s + l.paid, 0) + freight);
          expect(freightRefunded).toBe(freight);
          lines.forEach((l) => {
            expect(l.refundedFen).toBe(l.paidFen);
          });
          const again = decideRefundAmount(
            { ...facts, lines, freightRefundedFen: fen(freightRefunded) },
            { items: [{ lineId: "L1", quantity: 1 }] },
          );
          expect(again).toMatchObject({ ok: false, code: "REFUND_QUANTITY_EXCEEDED" });
        },
      ),
    );
  });
  test("multi-line requests, negotiated amounts and reopened units never refund more than was paid", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ quantity: fc.integer({ min: 1, max: 5 }), paid: fc.integer({ min: 0, max: 1e6 }) }),
          {
            minLength: 1,
            maxLength: 4,
          },
        ),
        fc.integer({ min: 0, max: 2000 }),
        fc.array(fc.tuple(fc.array(fc.nat(), { minLength: 1, maxLength: 3 }), fc.nat(), fc.boolean()), {
          maxLength: 30,
        }),
        (specs, freight, steps) => {
          const facts = order(specs, freight);
          const lines = facts.lines.map((l) => ({ ...l }));
          let freightRefunded = 0;
          let refunded = 0;
          for (const [picks, share, cancelLater] of steps) {
            const items = picks.map((p) => ({ lineId: lines[p % lines.length]!.lineId, quantity: 1 }));
            const probe = decideRefundAmount(
              { ...facts, lines, freightRefundedFen: fen(freightRefunded) },
              { items },
            );
            if (!probe.ok) continue;
            const requestedFen = fen(share % (probe.maxFen + 1));
            const decision = decideRefundAmount(
              { ...facts, lines, freightRefundedFen: fen(freightRefunded) },
              { items, requestedFen },
            );
            if (!decision.ok) throw new Error(decision.code);
            expect(decision.lines.reduce((a: number, l) => a + l.refundFen, decision.freight.refundFen)).toBe(
              requestedFen,
            );
            for (const part of decision.lines) {
              const line = lines.find((l) => l.lineId === part.lineId)!;
              // units handed back while their money stays counted: a reopened slice must still respect the cap
              if (!cancelLater) line.refundedQuantity += part.quantity;
              line.refundedFen = fen(line.refundedFen + part.refundFen);
            }
            freightRefunded += decision.freight.refundFen;
            refunded += decision.refundFen;
          }
          expect(refunded).toBeLessThanOrEqual(specs.reduce((s, l) => s + l.paid, 0) + freight);
          lines.forEach((l) => {
            expect(l.refundedFen).toBeLessThanOrEqual(l.paidFen);
          });
        },
      ),
    );
  });
});
