// 数据报表: for a date range, the sales trend (day/week/month), the funnel (shop or one distributor), the
// distributor and product rankings, provinces and the overview figures, each with its chart; CSV downloads.
import { Button, Card, Col, Input, Row, Segmented, Space, Statistic, Table } from "antd";
import { useEffect, useMemo, useState } from "react";
import { EChart } from "../../components/EChart.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { api, call } from "../../lib/api.ts";
import { useAuth } from "../../lib/auth.tsx";
import { formatBps, formatFen } from "../../lib/money.ts";
import { barOption, funnelOption, trendOption, yuan } from "./charts.ts";
import { download } from "./download.ts";

const day = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);

type Grain = "day" | "week" | "month";

/** Daily rows with the quiet days put back as zeros, so the line does not jump over them. */
function filled(rows: { period: string; paidFen: number }[], grain: Grain, from: string, to: string) {
  if (grain !== "day") return rows.map((r) => ({ day: r.period, paidFen: r.paidFen }));
  const byDay = new Map(rows.map((r) => [r.period, r.paidFen]));
  const out: { day: string; paidFen: number }[] = [];
  const last = Date.parse(`${to}T00:00:00Z`);
  for (let ms = Date.parse(`${from}T00:00:00Z`); ms <= last && out.length < 1100; ms += 86_400_000) {
    const day = new Date(ms).toISOString().slice(0, 10);
    out.push({ day, paidFen: byDay.get(day) ?? 0 });
  }
  return out;
}

async function loadAll(from: string, to: string, grain: Grain) {
  const range = { from, to };
  const [sales, funnel, distributors, products, overview] = await Promise.all([
    call(api.GET("/api/admin/v1/reports/sales", { params: { query: { ...range, grain } } })),
    call(api.GET("/api/admin/v1/reports/funnel", { params: { query: range } })),
    call(api.GET("/api/admin/v1/reports/distributors", { params: { query: { ...range, limit: 10 } } })),
    call(api.GET("/api/admin/v1/reports/products", { params: { query: { ...range, limit: 10 } } })),
    call(api.GET("/api/admin/v1/reports/overview", { params: { query: range } })),
  ]);
  return { sales, funnel, distributors, products, overview };
}

export function ReportsPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const [to, setTo] = useState(day(Date.now()));
  const [from, setFrom] = useState(day(Date.now() - 29 * 86_400_000));
  const [grain, setGrain] = useState<Grain>("day");
  const [data, setData] = useState<Awaited<ReturnType<typeof loadAll>> | null>(null);
  useEffect(() => {
    let live = true;
    loadAll(from, to, grain).then(
      (d) => live && setData(d),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [from, to, grain]);
  const charts = useMemo(() => {
    if (!data) return null;
    return {
      trend: trendOption(t, filled(data.sales.rows, grain, from, to)),
      funnel: funnelOption(t, data.funnel.funnel),
      distributors: barOption(
        data.distributors.rows.map((r) => r.nickname),
        data.distributors.rows.map((r) => yuan(r.paidFen)),
      ),
      products: barOption(
        data.products.rows.map((r) => r.title),
        data.products.rows.map((r) => yuan(r.paidFen)),
      ),
      provinces: barOption(
        data.overview.provinces.map((p) => p.province),
        data.overview.provinces.map((p) => yuan(p.paidFen)),
      ),
    };
  }, [data, t, grain, from, to]);
  const o = data?.overview;
  return (
    <div data-testid="reports-page">
      <Space wrap style={{ marginBottom: 16 }}>
        <Input
          type="date"
          value={from}
          onChange={(e) => setFrom(e.target.value)}
          data-testid="reports-from"
        />
        <Input type="date" value={to} onChange={(e) => setTo(e.target.value)} data-testid="reports-to" />
        <Segmented<Grain>
          value={grain}
          onChange={setGrain}
          options={[
            { value: "day", label: t("reports.byDay") },
            { value: "week", label: t("reports.byWeek") },
            { value: "month", label: t("reports.byMonth") },
          ]}
        />
        <Button
          onClick={() =>
            download(`/api/admin/v1/reports/sales.csv?from=${from}&to=${to}&grain=${grain}`, "sales.csv")
          }
        >
          {t("reports.exportSales")}
        </Button>
        {(["commissions", "withdrawals", "distributors", "customers"] as const).map((name) => (
          <Button key={name} onClick={() => download(`/api/admin/v1/exports/${name}.csv`, `${name}.csv`)}>
            {t(`reports.export.${name}`)}
          </Button>
        ))}
        {can("payments.read") &&
          (
            [
              ["reconciliation", "reports.export.reconciliation"],
              ["reconciliation-daily", "reports.export.reconciliationDaily"],
            ] as const
          ).map(([name, label]) => (
            <Button
              key={name}
              data-testid={`reports-export-${name}`}
              onClick={() =>
                download(
                  `/api/admin/v1/exports/${name}.csv?from=${from}&to=${to}`,
                  `${name}-${from}-${to}.csv`,
                )
              }
            >
              {t(label)}
            </Button>
          ))}
      </Space>
      {o && (
        <Row gutter={[16, 16]}>
          <Col xs={12} lg={4}>
            <Card>
              <Statistic title={t("reports.sales")} value={formatFen(o.salesFen)} />
            </Card>
          </Col>
          <Col xs={12} lg={4}>
            <Card>
              <Statistic
                title={t("reports.commission")}
                value={formatFen(o.commissionFen)}
                suffix={<span className="stat-rate">{formatBps(o.commissionRateBps)}</span>}
              />
            </Card>
          </Col>
          <Col xs={12} lg={4}>
            <Card>
              <Statistic
                title={t("reports.dividend")}
                value={formatFen(o.dividendFen)}
                suffix={<span className="stat-rate">{formatBps(o.dividendRateBps)}</span>}
              />
            </Card>
          </Col>
          <Col xs={12} lg={4}>
            <Card>
              <Statistic title={t("reports.refunds")} value={formatFen(o.refundFen)} />
            </Card>
          </Col>
          <Col xs={12} lg={4}>
            <Card>
              <Statistic title={t("reports.activeRatio")} value={formatBps(o.activeDistributorRatioBps)} />
            </Card>
          </Col>
          <Col xs={12} lg={4}>
            <Card>
              <Statistic title={t("reports.newDistributors")} value={o.newDistributors} />
            </Card>
          </Col>
          <Col xs={12} lg={4}>
            <Card>
              <Statistic title={t("reports.newCustomers")} value={o.newCustomers} />
            </Card>
          </Col>
        </Row>
      )}
      {charts && data && (
        <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
          <Col xs={24} lg={16}>
            <Card title={t("reports.salesTrend")}>
              <EChart option={charts.trend} testId="chart-sales" />
            </Card>
          </Col>
          <Col xs={24} lg={8}>
            <Card title={t("reports.funnel")}>
              <EChart option={charts.funnel} testId="chart-report-funnel" />
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card title={t("reports.topDistributors")}>
              <EChart option={charts.distributors} />
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card title={t("reports.topProducts")}>
              <EChart option={charts.products} />
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card title={t("reports.provinces")}>
              <EChart option={charts.provinces} />
            </Card>
          </Col>
          <Col xs={24}>
            <Card title={t("reports.salesTable")}>
              <Table
                size="small"
                rowKey="period"
                pagination={false}
                dataSource={[...data.sales.rows, data.sales.totals]}
                columns={[
                  { title: t("reports.period"), dataIndex: "period" },
                  { title: t("reports.placed"), dataIndex: "placedOrders" },
                  { title: t("reports.paid"), dataIndex: "paidOrders" },
                  { title: t("reports.sales"), dataIndex: "paidFen", render: (v: number) => formatFen(v) },
                  { title: t("reports.aov"), dataIndex: "aovFen", render: (v: number) => formatFen(v) },
                  {
                    title: t("reports.refunds"),
                    dataIndex: "refundFen",
                    render: (v: number) => formatFen(v),
                  },
                  {
                    title: t("reports.returnRate"),
                    dataIndex: "returnRateBps",
                    render: (v: number) => formatBps(v),
                  },
                ]}
              />
            </Card>
          </Col>
        </Row>
      )}
    </div>
  );
}
