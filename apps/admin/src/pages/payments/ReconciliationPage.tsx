// 对账报表: one business day's payments, refunds and payouts by provider with totals, to match the providers' statements.
import { Card, Col, DatePicker, Row, Table } from "antd";
import { useEffect, useState } from "react";
import { type MessageKey, useI18n } from "../../i18n/index.tsx";
import { api, call } from "../../lib/api.ts";
import { formatFen } from "../../lib/money.ts";
import { useNotify } from "../../lib/use-notify.ts";

type Report = Awaited<ReturnType<typeof loadReport>>;
type Total = Report["payments"][number];

function loadReport(date: string) {
  return call(api.GET("/api/admin/v1/payments/report", { params: { query: { date } } }));
}

export function ReconciliationPage() {
  const { t, label } = useI18n();
  const { failed } = useNotify();
  // The business day in Shanghai time, as the report is kept.
  const [date, setDate] = useState(() =>
    new Date().toLocaleDateString("sv-SE", { timeZone: "Asia/Shanghai" }),
  );
  const [report, setReport] = useState<Report | null>(null);

  useEffect(() => {
    loadReport(date).then(setReport).catch(failed);
  }, [date, failed]);

  const section = (key: "payments" | "refunds" | "payouts", title: MessageKey) => {
    const rows = report?.[key] ?? [];
    const sum = rows.reduce((a, r) => a + r.totalFen, 0);
    return (
      <Col xs={24} lg={8} key={key}>
        <Card title={t(title)} data-testid={`report-${key}`}>
          <Table<Total>
            size="small"
            rowKey="provider"
            pagination={false}
            dataSource={rows}
            columns={[
              {
                title: t("payment.provider"),
                dataIndex: "provider",
                render: (p: string) => label(`provider.${p}`, label(`method.${p}`, p)),
              },
              { title: t("payment.count"), dataIndex: "count" },
              { title: t("payment.total"), dataIndex: "totalFen", render: formatFen },
            ]}
            summary={() => (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}>{t("payment.sum")}</Table.Summary.Cell>
                <Table.Summary.Cell index={1}>{rows.reduce((a, r) => a + r.count, 0)}</Table.Summary.Cell>
                <Table.Summary.Cell index={2}>{formatFen(sum)}</Table.Summary.Cell>
              </Table.Summary.Row>
            )}
          />
        </Card>
      </Col>
    );
  };

  return (
    <Card
      title={t("payment.report")}
      extra={
        <DatePicker
          data-testid="report-date"
          allowClear={false}
          placeholder={date}
          onChange={(d) => d && setDate(d.format("YYYY-MM-DD"))}
        />
      }
    >
      <Row gutter={[16, 16]}>
        {section("payments", "payment.payments")}
        {section("refunds", "payment.refunds")}
        {section("payouts", "payment.payouts")}
      </Row>
    </Card>
  );
}
