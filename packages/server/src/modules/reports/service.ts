// Reports for the merchant (and a distributor's own figures): each reads the daily roll-ups for its range,
// so a year costs the same as a week, and derives the ratios (AOV, return rate, conversion) here in fen/bps.
import type { AppDeps } from "../../deps.ts";
import { regions } from "../../lib/regions.ts";
import { shanghaiDay } from "../tracking/repo.ts";
import { type DayRange, reportRange } from "./range.ts";
import {
  findCommissionFen,
  findCommissionSeries,
  findDistributorRanking,
  findDividendSeries,
  findDividendTotals,
  findFunnel,
  findPeopleFigures,
  findProductFunnel,
  findProductRanking,
  findPromotedPaidFen,
  findProvinces,
  findSalesSeries,
  findSignupSeries,
  type Grain,
} from "./repo.ts";

type Deps = Pick<AppDeps, "db" | "now">;
type Range = { from?: string | undefined; to?: string | undefined };

function daysOf(range: DayRange): string[] {
  const start = Date.parse(`${range.from}T00:00:00Z`);
  return Array.from({ length: range.days }, (_, i) =>
    new Date(start + i * 86_400_000).toISOString().slice(0, 10),
  );
}

const ratioBps = (part: number, whole: number) => (whole > 0 ? Math.floor((part * 10_000) / whole) : 0);
const provinceNames = new Map(regions.map((r) => [r.code, r.name]));

function salesRow(r: {
  period: string;
  placedOrders: number;
  paidOrders: number;
  paidFen: number;
  refunds: number;
  refundFen: number;
}) {
  return {
    ...r,
    aovFen: r.paidOrders > 0 ? Math.floor(r.paidFen / r.paidOrders) : 0,
    returnRateBps: ratioBps(r.refundFen, r.paidFen),
  };
}

function totalOf(rows: ReturnType<typeof salesRow>[], label: string) {
  const sum = (k: "placedOrders" | "paidOrders" | "paidFen" | "refunds" | "refundFen") =>
    rows.reduce((a, r) => a + r[k], 0);
  return salesRow({
    period: label,
    placedOrders: sum("placedOrders"),
    paidOrders: sum("paidOrders"),
    paidFen: sum("paidFen"),
    refunds: sum("refunds"),
    refundFen: sum("refundFen"),
  });
}

export async function salesReport(
  deps: Deps,
  query: Range & { grain: Grain; distributorUserId?: number | undefined; provinceCode?: string | undefined },
) {
  const range = reportRange(query, deps.now());
  const rows = (await findSalesSeries(deps.db, range, query.grain, query)).map(salesRow);
  return { range, rows, totals: totalOf(rows, "total") };
}

export async function funnelReport(
  deps: Deps,
  query: Range & { distributorUserId?: number | undefined; productId?: number | undefined },
) {
  const range = reportRange(query, deps.now());
  return {
    range,
    funnel: await findFunnel(deps.db, range, query.distributorUserId),
    product: query.productId === undefined ? null : await findProductFunnel(deps.db, range, query.productId),
  };
}

export async function productRanking(deps: Deps, query: Range & { limit: number }) {
  const range = reportRange(query, deps.now());
  return { range, rows: await findProductRanking(deps.db, range, query.limit) };
}

async function distributorRows(deps: Deps, range: DayRange, limit: number) {
  return (await findDistributorRanking(deps.db, range, limit)).map((r) => ({
    ...r,
    conversionBps: ratioBps(r.paidOrders, r.visitors),
  }));
}

export async function distributorRanking(deps: Deps, query: Range & { limit: number }) {
  const range = reportRange(query, deps.now());
  return { range, rows: await distributorRows(deps, range, query.limit) };
}

async function provinces(deps: Deps, range: DayRange) {
  return (await findProvinces(deps.db, range)).map((p) => ({
    ...p,
    province: provinceNames.get(p.provinceCode) ?? "未知",
  }));
}

export async function overviewReport(deps: Deps, query: Range) {
  const range = reportRange(query, deps.now());
  const sales = totalOf((await findSalesSeries(deps.db, range, "day", {})).map(salesRow), "total");
  const people = await findPeopleFigures(deps.db, range);
  const commissionFen = await findCommissionFen(deps.db, range);
  const promotedFen = await findPromotedPaidFen(deps.db, range);
  const dividends = await findDividendTotals(deps.db, range);
  return {
    range,
    salesFen: sales.paidFen,
    refundFen: sales.refundFen,
    commissionFen,
    commissionRateBps: ratioBps(commissionFen, sales.paidFen),
    dividendFen: dividends.totalFen,
    dividendRateBps: ratioBps(dividends.totalFen, sales.paidFen),
    dividends: dividends.byKind,
    ...people,
    activeDistributorRatioBps: ratioBps(people.promotingDistributors, people.activeDistributors),
    outputPerDistributorFen:
      people.activeDistributors > 0 ? Math.floor(promotedFen / people.activeDistributors) : 0,
    provinces: await provinces(deps, range),
    signups: await findSignupSeries(deps.db, range),
  };
}

/** The dashboard: today at a glance, the last 30 days' trend and funnel, provinces and the top five. */
export async function dashboardReport(deps: Deps) {
  const now = deps.now();
  const today = shanghaiDay(now);
  const todayRange = reportRange({ from: today, to: today }, now);
  const month = reportRange({ to: today }, now);
  const todaySales = totalOf((await findSalesSeries(deps.db, todayRange, "day", {})).map(salesRow), today);
  const byDay = new Map((await findSalesSeries(deps.db, month, "day", {})).map((r) => [r.period, r]));
  // every day of the month has a point, so the trend line does not skip quiet days
  const trend = daysOf(month).map((day) => ({
    day,
    paidFen: byDay.get(day)?.paidFen ?? 0,
    paidOrders: byDay.get(day)?.paidOrders ?? 0,
  }));
  const commissions = await findCommissionSeries(deps.db, month);
  const dividends = await findDividendSeries(deps.db, month);
  const todayFunnel = await findFunnel(deps.db, todayRange);
  return {
    today: {
      day: today,
      paidOrders: todaySales.paidOrders,
      paidFen: todaySales.paidFen,
      visitors: todayFunnel.visitors,
      newDistributors: (await findPeopleFigures(deps.db, todayRange)).newDistributors,
      commissionFen: await findCommissionFen(deps.db, todayRange),
      dividendFen: dividends.get(today) ?? 0,
    },
    trend: trend.map((t) => ({
      ...t,
      commissionFen: commissions.get(t.day) ?? 0,
      dividendFen: dividends.get(t.day) ?? 0,
    })),
    funnel: await findFunnel(deps.db, month),
    provinces: await provinces(deps, month),
    topDistributors: await distributorRows(deps, month, 5),
    topProducts: await findProductRanking(deps.db, month, 5),
  };
}

/** A distributor's own figures in the distribution centre: daily sales they brought and their funnel. */
export async function myStats(deps: Deps, userId: number, query: Range) {
  const range = reportRange(query, deps.now());
  const trend = (await findSalesSeries(deps.db, range, "day", { distributorUserId: userId })).map(salesRow);
  return { range, trend, funnel: await findFunnel(deps.db, range, userId) };
}
