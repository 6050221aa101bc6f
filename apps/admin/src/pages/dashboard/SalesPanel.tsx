// The dashboard's figures (reports.read): today at a glance, the 30-day sales and commission trend, the
// funnel, provinces and the top distributors and products.
import { Card, Col, Row, Statistic } from "antd";
import { useEffect, useMemo, useState } from "react";
import { EChart } from "../../components/EChart.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { api, call } from "../../lib/api.ts";
import { formatFen } from "../../lib/money.ts";
import { barOption, funnelOption, trendOption, yuan } from "../reports/charts.ts";

type Dashboard = Awaited<ReturnType<typeof loadDashboard>>;
const loadDashboard = () => call(api.GET("/api/admin/v1/reports/dashboard"));

export function SalesPanel() {
  const { t } = useI18n();
  const [data, setData] = useState<Dashboard | null>(null);
  useEffect(() => {
    let live = true;
    loadDashboard().then(
      (d) => live && setData(d),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  const trend = useMemo(() => (data ? trendOption(t, data.trend) : null), [data, t]);
  const funnel = useMemo(() => (data ? funnelOption(t, data.funnel) : null), [data, t]);
  const provinces = useMemo(
    () =>
      data
        ? barOption(
            data.provinces.map((p) => p.province),
            data.provinces.map((p) => yuan(p.paidFen)),
          )
        : null,
    [data],
  );
  if (!data) return null;
  const today = data.today;
  return (
    <div data-testid="dashboard-sales" style={{ marginTop: 16 }}>
      <Row gutter={[16, 16]}>
        <Col xs={12} lg={4}>
          <Card>
            <Statistic title={t("reports.todaySales")} value={formatFen(today.paidFen)} />
          </Card>
        </Col>
        <Col xs={12} lg={4}>
          <Card>
            <Statistic title={t("reports.todayOrders")} value={today.paidOrders} />
          </Card>
        </Col>
        <Col xs={12} lg={4}>
          <Card>
            <Statistic title={t("reports.todayVisitors")} value={today.visitors} />
          </Card>
        </Col>
        <Col xs={12} lg={4}>
          <Card>
            <Statistic title={t("reports.todayCommission")} value={formatFen(today.commissionFen)} />
          </Card>
        </Col>
        <Col xs={12} lg={4}>
          <Card>
            <Statistic title={t("reports.todayNewDistributors")} value={today.newDistributors} />
          </Card>
        </Col>
      </Row>
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} lg={16}>
          <Card title={t("reports.trend30")}>{trend && <EChart option={trend} testId="chart-trend" />}</Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card title={t("reports.funnel")}>
            {funnel && <EChart option={funnel} testId="chart-funnel" />}
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card title={t("reports.provinces")}>
            {provinces && <EChart option={provinces} testId="chart-provinces" />}
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card title={t("reports.topDistributors")}>
            <MiniTable
              head={[t("reports.distributor"), t("reports.sales"), t("reports.commission")]}
              rows={data.topDistributors.map((d) => [
                d.nickname,
                formatFen(d.paidFen),
                formatFen(d.commissionFen),
              ])}
            />
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card title={t("reports.topProducts")}>
            <MiniTable
              head={[t("reports.product"), t("reports.quantity"), t("reports.sales")]}
              rows={data.topProducts.map((p) => [p.title, String(p.quantity), formatFen(p.paidFen)])}
            />
          </Card>
        </Col>
      </Row>
    </div>
  );
}

/** A plain table: the dashboard stays light (antd's Table brings pagination, selects and trees with it). */
function MiniTable({ head, rows }: { head: string[]; rows: string[][] }) {
  return (
    <table style={{ width: "100%", borderCollapse: "collapse" }}>
      <thead>
        <tr>
          {head.map((h) => (
            <th key={h} style={{ textAlign: "left", padding: 6, borderBottom: "1px solid #f0f0f0" }}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, i) => (
          // rows are a ranking: their place is their identity
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <tr key={i}>
            {row.map((cell, j) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: columns are fixed
              <td key={j} style={{ padding: 6, borderBottom: "1px solid #f0f0f0" }}>
                {cell}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
