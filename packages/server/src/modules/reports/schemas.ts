// HTTP contract of reports: a date range (Shanghai days), filters, and the figures each page charts.
import { z } from "zod";
import { fromDigits } from "../../http/input-types.ts";

const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), "not a date");

export const RangeQuery = z.strictObject({ from: Day.optional(), to: Day.optional() });
export const SalesQuery = RangeQuery.extend({
  grain: z.enum(["day", "week", "month"]).default("day"),
  distributorUserId: fromDigits(z.number().int().positive()).optional(),
  provinceCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
});
export const RankingQuery = RangeQuery.extend({
  limit: fromDigits(z.number().int().min(1).max(200)).default(20),
});
export const FunnelQuery = RangeQuery.extend({
  distributorUserId: fromDigits(z.number().int().positive()).optional(),
  productId: fromDigits(z.number().int().positive()).optional(),
});

const Range = z.strictObject({ from: z.string(), to: z.string(), days: z.number() });

export const SalesRow = z.strictObject({
  period: z.string(),
  placedOrders: z.number(),
  paidOrders: z.number(),
  paidFen: z.number(),
  /** Average order value: paid fen ÷ paid orders, floored; 0 without orders. */
  aovFen: z.number(),
  refunds: z.number(),
  refundFen: z.number(),
  /** Refunded fen ÷ paid fen in basis points. */
  returnRateBps: z.number(),
});
export const SalesReport = z.strictObject({ range: Range, rows: z.array(SalesRow), totals: SalesRow });

export const Funnel = z.strictObject({
  linkOpens: z.number(),
  visitors: z.number(),
  addedToCart: z.number(),
  placedOrders: z.number(),
  paidOrders: z.number(),
});
export const ProductFunnel = z.strictObject({
  views: z.number(),
  linkOpens: z.number(),
  addedToCart: z.number(),
  placedOrders: z.number(),
  paidOrders: z.number(),
});
export const FunnelReport = z.strictObject({
  range: Range,
  funnel: Funnel,
  product: ProductFunnel.nullable(),
});

export const ProductRankingRow = z.strictObject({
  productId: z.number(),
  title: z.string(),
  paidOrders: z.number(),
  quantity: z.number(),
  paidFen: z.number(),
  refundFen: z.number(),
  views: z.number(),
});
export const ProductRanking = z.strictObject({ range: Range, rows: z.array(ProductRankingRow) });

export const DistributorRankingRow = z.strictObject({
  userId: z.number(),
  nickname: z.string(),
  code: z.string().nullable(),
  linkOpens: z.number(),
  visitors: z.number(),
  placedOrders: z.number(),
  paidOrders: z.number(),
  paidFen: z.number(),
  refundFen: z.number(),
  commissionFen: z.number(),
  /** Paid orders ÷ visitors in basis points (0 without visitors). */
  conversionBps: z.number(),
});
export const DistributorRanking = z.strictObject({ range: Range, rows: z.array(DistributorRankingRow) });

export const ProvinceRow = z.strictObject({
  provinceCode: z.string(),
  province: z.string(),
  paidOrders: z.number(),
  paidFen: z.number(),
});

export const OverviewReport = z.strictObject({
  range: Range,
  salesFen: z.number(),
  refundFen: z.number(),
  commissionFen: z.number(),
  /** Commission ÷ paid sales, basis points. */
  commissionRateBps: z.number(),
  /** Dividends, bonuses and contest prizes paid (approved runs) in the range. */
  dividendFen: z.number(),
  /** Dividends ÷ paid sales, basis points. */
  dividendRateBps: z.number(),
  dividends: z.array(z.strictObject({ kind: z.string(), runs: z.number(), paidFen: z.number() })),
  newDistributors: z.number(),
  newCustomers: z.number(),
  promotingDistributors: z.number(),
  activeDistributors: z.number(),
  /** Distributors with a promoted paid order in the range ÷ active distributors, basis points. */
  activeDistributorRatioBps: z.number(),
  /** Output per active distributor: promoted paid fen ÷ active distributors. */
  outputPerDistributorFen: z.number(),
  provinces: z.array(ProvinceRow),
  signups: z.array(
    z.strictObject({ day: z.string(), newDistributors: z.number(), newCustomers: z.number() }),
  ),
});

export const DashboardReport = z.strictObject({
  today: z.strictObject({
    day: z.string(),
    paidOrders: z.number(),
    paidFen: z.number(),
    visitors: z.number(),
    newDistributors: z.number(),
    commissionFen: z.number(),
    dividendFen: z.number(),
  }),
  trend: z.array(
    z.strictObject({
      day: z.string(),
      paidFen: z.number(),
      paidOrders: z.number(),
      commissionFen: z.number(),
      dividendFen: z.number(),
    }),
  ),
  funnel: Funnel,
  provinces: z.array(ProvinceRow),
  topDistributors: z.array(DistributorRankingRow),
  topProducts: z.array(ProductRankingRow),
});

export const MyStatsReport = z.strictObject({
  range: Range,
  trend: z.array(SalesRow),
  funnel: Funnel,
});
