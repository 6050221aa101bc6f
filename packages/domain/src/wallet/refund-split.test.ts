import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { fen } from "../money.ts";
import { computeRefundSplit } from "./refund-split.ts";

const split = (paid: number, wallet: number, before: number, refund: number) =>
  computeRefundSplit({
    paidFen: fen(paid),
    walletPaidFen: fen(wallet),
    refundedBeforeFen: fen(before),
    refundFen: fen(refund),
  });

describe("computeRefundSplit", () => {
  test.each([
    {
      label: "all balance, refund ¥30 of ¥100",
      args: [10000, 10000, 0, 3000],
      walletFen: 3000,
      providerFen: 0,
    },
    { label: "no balance, refund ¥30 of ¥100", args: [10000, 0, 0, 3000], walletFen: 0, providerFen: 3000 },
    {
      label: "¥30 balance of ¥100, refund half",
      args: [10000, 3000, 0, 5000],
      walletFen: 1500,
      providerFen: 3500,
    },
    { label: "…then the other half", args: [10000, 3000, 5000, 5000], walletFen: 1500, providerFen: 3500 },
    { label: "¥0.01 balance of ¥1, refund ¥0.50", args: [100, 1, 0, 50], walletFen: 0, providerFen: 50 },
    { label: "…then the rest", args: [100, 1, 50, 50], walletFen: 1, providerFen: 49 },
  ])("$label → balance $walletFen, provider $providerFen", ({ args, walletFen, providerFen }) => {
    const [paid, wallet, before, refund] = args as [number, number, number, number];
    expect(split(paid, wallet, before, refund)).toEqual({ walletFen, providerFen });
  });

  test("any sequence of refunds returns exactly what each side paid, never more", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 6 }),
        (paid, walletShare, cuts) => {
          const wallet = Math.floor(paid * walletShare);
          const points = [...new Set([...cuts.map((c) => Math.floor(paid * c)), paid])].sort((a, b) => a - b);
          let before = 0;
          let walletBack = 0;
          let providerBack = 0;
          for (const point of points) {
            const part = split(paid, wallet, before, point - before);
            expect(part.walletFen).toBeGreaterThanOrEqual(0);
            expect(part.providerFen).toBeGreaterThanOrEqual(0);
            walletBack += part.walletFen;
            providerBack += part.providerFen;
            expect(walletBack).toBeLessThanOrEqual(wallet);
            expect(providerBack).toBeLessThanOrEqual(paid - wallet);
            before = point;
          }
          expect(walletBack).toBe(wallet);
          expect(providerBack).toBe(paid - wallet);
        },
      ),
    );
  });
});
