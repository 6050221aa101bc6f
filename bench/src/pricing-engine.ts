// The pricing engine alone: a 50-line cart against 20 running activities (flash and timed prices, 满减 / 满折 /
// 满包邮) with a coupon and points, quoted QUOTES times in one process; reports µs per quote (p50, p99, mean).
// `npm run bench -- pricing-engine` (QUOTES=20000 by default; the figure means something on a quiet machine).
import {
  type ActivityFacts,
  computePricing,
  type FreightTemplate,
  fen,
  type PricingInput,
} from "@liebian/domain";
import { writeResult } from "./lib/result.ts";

const NOW = 1_796_277_600_000;
const HOUR = 3_600_000;

function cart(): PricingInput {
  const template: FreightTemplate = {
    id: "t1",
    mode: "by_piece",
    default: { firstUnits: 1, firstFeeFen: fen(800), additionalUnits: 1, additionalFeeFen: fen(100) },
    regionRules: [],
  };
  const lines = Array.from({ length: 50 }, (_, i) => ({
    skuId: `s${i}`,
    productId: `p${i % 25}`,
    categoryId: `c${i % 5}`,
    unitPriceFen: fen(1990 + i * 137),
    quantity: 1 + (i % 3),
    freightTemplateId: "t1",
    weightGrams: 300,
  }));
  const window = { startsAtMs: NOW - HOUR, endsAtMs: NOW + 23 * HOUR };
  const activities: ActivityFacts[] = [];
  for (let a = 0; a < 10; a++) {
    // price activities over 3 SKUs each (30 of the 50 lines), some with activity stock
    const items = [0, 1, 2].map((k) => ({
      skuId: `s${a * 3 + k}`,
      ...(a % 2 ? { payBps: 8000 } : { priceFen: 999 }),
    }));
    activities.push({
      id: `a${a}`,
      kind: a % 2 ? "timed_discount" : "flash_sale",
      label: `活动${a}`,
      ...window,
      args: { items, stackable: a % 3 === 0 },
      stockLeftBySku: { [`s${a * 3}`]: 100 },
    });
  }
  for (let a = 10; a < 20; a++) {
    const scope = a % 2 ? { type: "categories", categoryIds: [`c${a % 5}`] } : { type: "all" };
    const kind =
      a % 3 === 0
        ? "threshold_percent_off"
        : a % 3 === 1
          ? "threshold_amount_off"
          : "threshold_free_shipping";
    const args =
      kind === "threshold_percent_off"
        ? {
            scope,
            tiers: [
              { atLeast: 3, payBps: 9000 },
              { atLeast: 6, payBps: 8500 },
            ],
          }
        : kind === "threshold_amount_off"
          ? {
              scope,
              tiers: [
                { atLeast: 10000, offFen: 1000 },
                { atLeast: 30000, offFen: 5000 },
              ],
            }
          : { scope, atLeast: 9900 };
    activities.push({ id: `a${a}`, kind, label: `活动${a}`, ...window, args });
  }
  return {
    lines,
    shopper: { userId: "1" },
    nowMs: NOW,
    activities,
    coupon: {
      id: "cp",
      kind: "coupon_amount_off",
      label: "券",
      ...window,
      args: { minSpendFen: 10000, offFen: 2000 },
    },
    points: {
      wanted: 5000,
      balance: 9000,
      rule: { enabled: true, pointsPerYuan: 100, maxShareBps: 5000, earnBps: 100 },
    },
    freight: { templates: [template], regionCode: "440305" },
  };
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

export default async function pricingEngine(): Promise<void> {
  const quotes = Number(process.env.QUOTES ?? 20_000);
  const input = cart();
  const first = computePricing(input);
  if (first.kind !== "priced") throw new Error(`the bench cart was refused: ${first.refusal.reason}`);
  for (let i = 0; i < Math.min(2000, quotes); i++) computePricing(input); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < quotes; i++) {
    const start = process.hrtime.bigint();
    computePricing(input);
    samples.push(Number(process.hrtime.bigint() - start) / 1000);
  }
  samples.sort((a, b) => a - b);
  const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
  const result = {
    quotes,
    lines: input.lines.length,
    activities: input.activities.length,
    discounts: first.discounts.length,
    payableFen: first.payableFen,
    usPerQuote: { p50: percentile(samples, 0.5), p99: percentile(samples, 0.99), mean },
  };
  console.log(JSON.stringify(result));
  writeResult("pricing-engine", result);
}
