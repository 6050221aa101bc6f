// Live leaderboards: distributors by promoted sales, commission or invitees who bought, today / this week /
// this month (every paid order counts here; contests count completed orders only).
import { Segmented, Space, Table } from "antd";
import { useEffect, useState } from "react";
import { useI18n } from "../../i18n/index.tsx";
import { api, call } from "../../lib/api.ts";
import { formatFen } from "../../lib/money.ts";
import { useNotify } from "../../lib/use-notify.ts";

type Metric = "sales" | "commission" | "invites";
type Period = "today" | "week" | "month";
type Board = Awaited<ReturnType<typeof loadBoard>>;
const loadBoard = (metric: Metric, period: Period) =>
  call(api.GET("/api/admin/v1/dividends/leaderboards", { params: { query: { metric, period } } }));

export function LeaderboardsTab() {
  const { t } = useI18n();
  const { failed } = useNotify();
  const [metric, setMetric] = useState<Metric>("sales");
  const [period, setPeriod] = useState<Period>("week");
  const [board, setBoard] = useState<Board | null>(null);
  useEffect(() => {
    let current = true;
    loadBoard(metric, period).then((b) => current && setBoard(b), failed);
    // a slower answer for an earlier choice must not replace this one
    return () => {
      current = false;
    };
  }, [metric, period, failed]);
  return (
    <>
      <Space style={{ marginBottom: 16 }}>
        <Segmented<Metric>
          value={metric}
          onChange={setMetric}
          options={(["sales", "commission", "invites"] as const).map((m) => ({
            value: m,
            label: t(`div.metric.${m}`),
          }))}
        />
        <Segmented<Period>
          value={period}
          onChange={setPeriod}
          options={(["today", "week", "month"] as const).map((p) => ({
            value: p,
            label: t(`div.period.${p}`),
          }))}
        />
      </Space>
      <Table
        rowKey="userId"
        size="small"
        pagination={false}
        dataSource={board?.items ?? []}
        columns={[
          { title: "#", dataIndex: "rank", width: 60 },
          {
            title: t("div.run.member"),
            dataIndex: "nickname",
            render: (n: string | null, s) => `${n ?? ""} #${s.userId}`,
          },
          {
            title: t("div.contest.value"),
            dataIndex: "value",
            render: (v: number) => (metric === "invites" ? v : formatFen(v)),
          },
        ]}
      />
    </>
  );
}
