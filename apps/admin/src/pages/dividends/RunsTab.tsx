// Runs: preview a period (a pool day, a team month), then approve (finance: it pays every line in one ledger
// transaction) or discard; the history with a drill-down showing the statement — turnover, pool, what caps
// held back, the rounding remainder kept by the merchant, refunds since the run (not clawed back) and the
// period's effective payout rate beside the 30% line — and every member's line.
import {
  Alert,
  Button,
  Descriptions,
  Drawer,
  Form,
  Input,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
} from "antd";
import { useCallback, useEffect, useState } from "react";
import { rowTestId } from "../../components/test-ids.ts";
import { useI18n } from "../../i18n/index.tsx";
import { api, call } from "../../lib/api.ts";
import { useAuth } from "../../lib/auth.tsx";
import { formatBps, formatFen } from "../../lib/money.ts";
import { useNotify } from "../../lib/use-notify.ts";

type Run = Awaited<ReturnType<typeof loadRuns>>["items"][number];
type Detail = Awaited<ReturnType<typeof loadDetail>>;
type Line = Awaited<ReturnType<typeof loadLines>>["items"][number];
const loadRuns = () => call(api.GET("/api/admin/v1/dividends/runs", { params: { query: { limit: 50 } } }));
const loadDetail = (id: number) =>
  call(api.GET("/api/admin/v1/dividends/runs/{id}", { params: { path: { id } } }));
const loadLines = (id: number) =>
  call(
    api.GET("/api/admin/v1/dividends/runs/{id}/lines", { params: { path: { id }, query: { limit: 100 } } }),
  );

const statusColor = { preview: "blue", approved: "green", discarded: "default" } as const;

export function RunsTab() {
  const { t } = useI18n();
  const { can } = useAuth();
  const { failed, done } = useNotify();
  const [runs, setRuns] = useState<Run[]>([]);
  const [open, setOpen] = useState<number | null>(null);
  const reload = useCallback(() => {
    loadRuns()
      .then((page) => setRuns(page.items))
      .catch(failed);
  }, [failed]);
  useEffect(reload, [reload]);

  async function preview(values: { kind: "static" | "dynamic" | "team" | "bonus"; periodKey: string }) {
    try {
      const run = await call(api.POST("/api/admin/v1/dividends/runs", { body: values }));
      done("div.run.previewed");
      reload();
      setOpen(run.id);
    } catch (error) {
      failed(error);
    }
  }

  return (
    <>
      {can("distribution.configure") && (
        <Form
          layout="inline"
          onFinish={preview}
          initialValues={{ kind: "static" }}
          style={{ marginBottom: 16 }}
        >
          <Form.Item name="kind" label={t("div.run.kind")}>
            <Select
              style={{ width: 140 }}
              options={(["static", "dynamic", "team"] as const).map((k) => ({
                value: k,
                label: t(`div.kind.${k}`),
              }))}
            />
          </Form.Item>
          <Form.Item
            name="periodKey"
            label={t("div.run.period")}
            rules={[{ required: true }]}
            extra={t("div.run.periodHint")}
          >
            <Input style={{ width: 140 }} placeholder="2026-12-01" data-testid="run-period" />
          </Form.Item>
          <Button type="primary" htmlType="submit" data-testid="run-preview">
            {t("div.run.preview")}
          </Button>
        </Form>
      )}
      <Table<Run>
        rowKey="id"
        dataSource={runs}
        pagination={false}
        onRow={(row) => ({ ...rowTestId("run-row", row.id), onClick: () => setOpen(row.id) })}
        columns={[
          { title: "#", dataIndex: "id", width: 60 },
          { title: t("div.run.kind"), dataIndex: "kind", render: (k: string) => t(`div.kind.${k}` as never) },
          { title: t("div.run.period"), dataIndex: "periodKey" },
          { title: t("div.run.turnover"), dataIndex: "turnoverFen", render: formatFen },
          { title: t("div.run.paid"), dataIndex: "paidFen", render: formatFen },
          { title: t("div.run.members"), dataIndex: "members" },
          {
            title: t("div.run.status"),
            dataIndex: "status",
            render: (s: Run["status"]) => <Tag color={statusColor[s]}>{t(`div.run.status.${s}`)}</Tag>,
          },
        ]}
      />
      {open !== null && (
        <RunDrawer
          id={open}
          onClose={() => setOpen(null)}
          onChanged={() => {
            reload();
          }}
        />
      )}
    </>
  );
}

function RunDrawer({ id, onClose, onChanged }: { id: number; onClose: () => void; onChanged: () => void }) {
  const { t } = useI18n();
  const { can } = useAuth();
  const { failed, done } = useNotify();
  const [detail, setDetail] = useState<Detail | null>(null);
  const [lines, setLines] = useState<Line[]>([]);
  const reload = useCallback(() => {
    Promise.all([loadDetail(id), loadLines(id)])
      .then(([d, l]) => {
        setDetail(d);
        setLines(l.items);
      })
      .catch(failed);
  }, [id, failed]);
  useEffect(reload, [reload]);

  async function decide(action: "approve" | "discard") {
    try {
      const path = { params: { path: { id } } };
      if (action === "approve") await call(api.POST("/api/admin/v1/dividends/runs/{id}/approve", path));
      else await call(api.POST("/api/admin/v1/dividends/runs/{id}/discard", path));
      done(action === "approve" ? "div.run.approved" : "div.run.discarded");
      reload();
      onChanged();
    } catch (error) {
      failed(error);
    }
  }

  return (
    <Drawer open width={760} title={t("div.run.statement", { id })} onClose={onClose}>
      {detail && (
        <div data-testid="run-drawer">
          <Descriptions column={2} size="small" bordered>
            <Descriptions.Item label={t("div.run.kind")}>
              {t(`div.kind.${detail.kind}` as never)}
            </Descriptions.Item>
            <Descriptions.Item label={t("div.run.period")}>{detail.periodKey}</Descriptions.Item>
            <Descriptions.Item label={t("div.run.turnover")}>
              {formatFen(detail.turnoverFen)} · {t("div.run.orders", { n: detail.eligibleOrders })}
            </Descriptions.Item>
            <Descriptions.Item label={t("div.run.pool")}>{formatFen(detail.poolFen)}</Descriptions.Item>
            <Descriptions.Item label={t("div.run.paid")}>
              <span data-testid="run-paid">{formatFen(detail.paidFen)}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t("div.run.heldBack")}>
              {formatFen(detail.heldBackFen)}
            </Descriptions.Item>
            <Descriptions.Item label={t("div.run.remainder")}>
              {formatFen(detail.remainderFen)}
            </Descriptions.Item>
            <Descriptions.Item label={t("div.run.refundedSince")}>
              {formatFen(detail.refundedSinceFen)}
            </Descriptions.Item>
            <Descriptions.Item label={t("div.run.clawback")}>
              <span data-testid="run-clawback">
                {detail.clawback.enabled
                  ? `${formatFen(detail.clawback.takenFen)} / ${formatFen(detail.clawback.dueFen)}`
                  : t("div.run.clawbackOff")}
              </span>
            </Descriptions.Item>
          </Descriptions>
          <Alert
            style={{ margin: "12px 0" }}
            type={detail.payoutRate.overLine ? "error" : "success"}
            showIcon
            data-testid="payout-rate"
            message={t("div.run.payoutRate", {
              rate: formatBps(detail.payoutRate.rateBps),
              line: formatBps(detail.payoutRate.lineBps),
              commission: formatFen(detail.payoutRate.commissionFen),
              dividend: formatFen(detail.payoutRate.dividendFen),
              turnover: formatFen(detail.payoutRate.turnoverFen),
            })}
          />
          {detail.groups.length > 0 && (
            <Table
              size="small"
              rowKey="groupId"
              pagination={false}
              dataSource={detail.groups}
              columns={[
                { title: t("div.run.group"), dataIndex: "groupId" },
                { title: t("div.grade.rate"), dataIndex: "rateBps", render: formatBps },
                { title: t("div.run.members"), dataIndex: "members" },
                { title: t("div.run.pool"), dataIndex: "poolFen", render: formatFen },
                { title: t("div.run.paid"), dataIndex: "paidFen", render: formatFen },
              ]}
            />
          )}
          {detail.status === "preview" && (
            <Space style={{ margin: "12px 0" }}>
              {can("dividends.approve") && (
                <Popconfirm
                  title={t("div.run.confirmApprove", { amount: formatFen(detail.paidFen) })}
                  onConfirm={() => void decide("approve")}
                >
                  <Button type="primary" data-testid="run-approve">
                    {t("div.run.approve")}
                  </Button>
                </Popconfirm>
              )}
              {can("distribution.configure") && (
                <Button data-testid="run-discard" onClick={() => void decide("discard")}>
                  {t("div.run.discard")}
                </Button>
              )}
            </Space>
          )}
          <Table<Line>
            size="small"
            rowKey={(l) => `${l.userId}:${l.groupId}`}
            dataSource={lines}
            pagination={false}
            onRow={(row) => rowTestId("run-line", row.userId)}
            columns={[
              {
                title: t("div.run.member"),
                dataIndex: "nickname",
                render: (n: string | null, l) => `${n ?? ""} #${l.userId}`,
              },
              { title: t("div.run.group"), dataIndex: "groupId" },
              { title: t("div.run.basis"), dataIndex: "basisFen", render: formatFen },
              { title: t("div.grade.rate"), dataIndex: "rateBps", render: formatBps },
              { title: t("div.run.amount"), dataIndex: "amountFen", render: formatFen },
              { title: t("div.run.heldBack"), dataIndex: "heldBackFen", render: formatFen },
              { title: t("div.run.item"), dataIndex: "item" },
            ]}
          />
        </div>
      )}
    </Drawer>
  );
}
