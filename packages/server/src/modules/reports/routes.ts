// Report routes (reports.read): dashboard, sales, funnel, rankings and overview; streamed CSV of the lists
// (each under the permission of its list); the customer list (customers.read); a distributor's own stats.
import { z } from "zod";
import type { AppDeps } from "../../deps.ts";
import { currentUserId } from "../../http/authenticate.ts";
import { fromDigits } from "../../http/input-types.ts";
import type { Permission } from "../../http/permissions.ts";
import type { App } from "../../http/types.ts";
import { csvLine } from "../../lib/csv-stream.ts";
import { shanghaiDay } from "../tracking/repo.ts";
import { type CsvExportName, csvExports, findCustomerPage } from "./exports.ts";
import { reportRange } from "./range.ts";
import { dailyReconciliationCsv, reconciliationCsv } from "./reconciliation.ts";
import {
  DashboardReport,
  DistributorRanking,
  FunnelQuery,
  FunnelReport,
  MyStatsReport,
  OverviewReport,
  ProductRanking,
  RangeQuery,
  RankingQuery,
  SalesQuery,
  SalesReport,
} from "./schemas.ts";
import {
  dashboardReport,
  distributorRanking,
  funnelReport,
  myStats,
  overviewReport,
  productRanking,
  salesReport,
} from "./service.ts";

const exportPermissions: Record<CsvExportName, Permission> = {
  commissions: "distribution.read",
  withdrawals: "withdrawals.read",
  distributors: "distribution.read",
  customers: "customers.read",
};

const CustomerQuery = z.strictObject({
  cursor: fromDigits(z.number().int().min(0)).optional(),
  limit: fromDigits(z.number().int().min(1).max(100)).default(20),
  q: z.string().trim().min(1).max(40).optional(),
  tagId: fromDigits(z.number().int().positive()).optional(),
});
const CustomerPage = z.strictObject({
  items: z.array(
    z.strictObject({
      id: z.number(),
      nickname: z.string(),
      /** Masked: 139****0000. */
      phone: z.string().nullable(),
      createdAt: z.date(),
      orders: z.number(),
      spentFen: z.number(),
      referrer: z.string().nullable(),
      referrerUserId: z.number().nullable(),
      tags: z.array(z.strictObject({ id: z.number(), name: z.string(), color: z.string() })),
    }),
  ),
  nextCursor: z.number().nullable(),
});

export function registerReportRoutes(app: App, deps: AppDeps): void {
  const tags = ["admin: reports"];
  const read = { permission: "reports.read" } as const;
  const base = "/api/admin/v1/reports";
  app.get(
    `${base}/dashboard`,
    { config: read, schema: { tags, response: { 200: DashboardReport } } },
    async () => dashboardReport(deps),
  );
  app.get(
    `${base}/sales`,
    { config: read, schema: { tags, querystring: SalesQuery, response: { 200: SalesReport } } },
    async (request) => salesReport(deps, request.query),
  );
  app.get(
    `${base}/sales.csv`,
    { config: read, schema: { tags, querystring: SalesQuery } },
    async (request, reply) => {
      const report = await salesReport(deps, request.query);
      const body = [
        "\uFEFF",
        csvLine([
          "周期",
          "下单数",
          "付款单数",
          "实付(元)",
          "客单价(元)",
          "退款笔数",
          "退款(元)",
          "退款率(‱)",
        ]),
        ...[...report.rows, report.totals].map((r) =>
          csvLine([
            r.period,
            r.placedOrders,
            r.paidOrders,
            r.paidFen / 100,
            r.aovFen / 100,
            r.refunds,
            r.refundFen / 100,
            r.returnRateBps,
          ]),
        ),
      ].join("");
      return attachment(reply, `sales-${report.range.from}-${report.range.to}.csv`).send(body);
    },
  );
  app.get(
    `${base}/funnel`,
    { config: read, schema: { tags, querystring: FunnelQuery, response: { 200: FunnelReport } } },
    async (request) => funnelReport(deps, request.query),
  );
  app.get(
    `${base}/products`,
    { config: read, schema: { tags, querystring: RankingQuery, response: { 200: ProductRanking } } },
    async (request) => productRanking(deps, request.query),
  );
  app.get(
    `${base}/distributors`,
    { config: read, schema: { tags, querystring: RankingQuery, response: { 200: DistributorRanking } } },
    async (request) => distributorRanking(deps, request.query),
  );
  app.get(
    `${base}/overview`,
    { config: read, schema: { tags, querystring: RangeQuery, response: { 200: OverviewReport } } },
    async (request) => overviewReport(deps, request.query),
  );

  for (const name of ["commissions", "withdrawals", "distributors"] as const) {
    app.get(
      `/api/admin/v1/exports/${name}.csv`,
      { config: { permission: exportPermissions[name] }, schema: { tags } },
      async (_request, reply) =>
        attachment(reply, `${name}-${shanghaiDay(deps.now())}.csv`).send(csvExports[name](deps.db)),
    );
  }

  app.get(
    "/api/admin/v1/exports/customers.csv",
    {
      config: { permission: exportPermissions.customers },
      schema: { tags, querystring: z.strictObject({ tagId: CustomerQuery.shape.tagId }) },
    },
    async (request, reply) =>
      attachment(reply, `customers-${shanghaiDay(deps.now())}.csv`).send(
        csvExports.customers(deps.db, request.query),
      ),
  );
  for (const [name, csv] of [
    ["reconciliation", reconciliationCsv],
    ["reconciliation-daily", dailyReconciliationCsv],
  ] as const)
    app.get(
      `/api/admin/v1/exports/${name}.csv`,
      { config: { permission: "payments.read" }, schema: { tags, querystring: RangeQuery } },
      async (request, reply) => {
        const range = reportRange(request.query, deps.now());
        return attachment(reply, `${name}-${range.from}-${range.to}.csv`).send(csv(deps.db, range));
      },
    );

  app.get(
    "/api/admin/v1/customers",
    {
      config: { permission: "customers.read" },
      schema: { tags: ["admin: customers"], querystring: CustomerQuery, response: { 200: CustomerPage } },
    },
    async (request) => {
      const { cursor, limit, q, tagId } = request.query;
      const rows = await findCustomerPage(deps.db, cursor ?? 0, limit + 1, { search: q, tagId });
      const items = rows.slice(0, limit).map((r) => ({
        ...r,
        createdAt: new Date(r.createdAt),
        phone: r.phone && r.phone.length >= 7 ? `${r.phone.slice(0, 3)}****${r.phone.slice(-4)}` : r.phone,
      }));
      return { items, nextCursor: rows.length > limit ? items.at(-1)!.id : null };
    },
  );

  app.get(
    "/api/v1/distribution/stats",
    {
      config: { auth: "user" },
      schema: { tags: ["shopper: distribution"], querystring: RangeQuery, response: { 200: MyStatsReport } },
    },
    async (request) => myStats(deps, currentUserId(request), request.query),
  );
}

function attachment<R extends { type(t: string): R; header(k: string, v: string): R }>(
  reply: R,
  filename: string,
): R {
  return reply
    .type("text/csv; charset=utf-8")
    .header("content-disposition", `attachment; filename="${filename}"`);
}
