// 佣金记录 and 待审佣金: commission lines (order item × level) with base, rate and release date; held lines
// (fraud signals) are released or cancelled by staff with a reason.
import { Button, Card, Input, Select, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { Link } from "react-router-dom";
import { LoadMore } from "../../components/LoadMore.tsx";
import { MaskedPhone } from "../../components/MaskedPhone.tsx";
import { ReasonDialog } from "../../components/ReasonDialog.tsx";
import { rowTestId } from "../../components/test-ids.ts";
import { isMessageKey, useI18n } from "../../i18n/index.tsx";
import { api, call } from "../../lib/api.ts";
import { useAuth } from "../../lib/auth.tsx";
import { formatBps, formatFen } from "../../lib/money.ts";
import { formatTime } from "../../lib/time.ts";
import { useCursorList } from "../../lib/use-cursor-list.ts";
import { useNotify } from "../../lib/use-notify.ts";
import type { Commission } from "./types.ts";

type Status = Commission["status"];
const statusColor: Record<Status, string> = {
  frozen: "blue",
  settled: "green",
  cancelled: "default",
  held: "red",
};

export function CommissionsPage({ heldOnly = false }: { heldOnly?: boolean }) {
  const { t, label } = useI18n();
  const { can } = useAuth();
  const { failed, done } = useNotify();
  const [status, setStatus] = useState<Status | undefined>(heldOnly ? "held" : undefined);
  // staff search the way customers speak: an order number, a phone or a nickname
  const [orderNo, setOrderNo] = useState<string | undefined>();
  const [earner, setEarner] = useState<string | undefined>();
  const [deciding, setDeciding] = useState<{ id: number; action: "release" | "cancel" } | null>(null);
  const list = useCursorList<Commission, number>(
    (cursor) =>
      call(
        api.GET("/api/admin/v1/distribution/commissions", {
          params: { query: { cursor, limit: 30, status, orderNo, earner } },
        }),
      ),
    JSON.stringify([status, orderNo, earner]),
    failed,
  );

  async function decide(reason: string) {
    if (!deciding) return;
    try {
      await call(
        api.POST("/api/admin/v1/distribution/commissions/{id}/held", {
          params: { path: { id: deciding.id } },
          body: { action: deciding.action, reason },
        }),
      );
      done();
      setDeciding(null);
      list.reload();
    } catch (error) {
      failed(error);
    }
  }

  const holdReason = (r: string) => {
    const key = `hold.${r}`;
    return isMessageKey(key) ? t(key) : r;
  };
  return (
    <Card
      title={heldOnly ? t("commission.heldTitle") : t("commission.title")}
      extra={heldOnly && t("commission.heldHint")}
    >
      <div className="page-toolbar">
        {!heldOnly && (
          <Select<Status>
            data-testid="commission-filter-status"
            allowClear
            placeholder={t("order.status")}
            style={{ width: 140 }}
            value={status}
            onChange={setStatus}
            options={(["frozen", "settled", "cancelled", "held"] as const).map((s) => ({
              value: s,
              label: t(`commissionStatus.${s}`),
            }))}
          />
        )}
        <Input.Search
          data-testid="commission-filter-earner"
          allowClear
          placeholder={t("commission.earnerSearch")}
          style={{ width: 220 }}
          onSearch={(v) => setEarner(v.trim() || undefined)}
        />
        <Input.Search
          data-testid="commission-filter-order"
          allowClear
          placeholder={t("order.orderNo")}
          style={{ width: 240 }}
          onSearch={(v) => setOrderNo(v.trim() || undefined)}
        />
      </div>
      <Table<Commission>
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.items}
        pagination={false}
        onRow={(row) => rowTestId("commission-row", row.id)}
        columns={[
          { title: "#", dataIndex: "id", width: 70 },
          {
            title: t("afterSale.order"),
            dataIndex: "orderNo",
            render: (orderNo: string, row: Commission) => (
              <Link to={`/orders/${row.orderId}`}>{orderNo}</Link>
            ),
          },
          {
            title: t("sim.level"),
            dataIndex: "level",
            render: (n: number) => (n === 0 ? t("sim.leader") : t("dist.levelN", { n })),
          },
          {
            title: t("commission.earner"),
            dataIndex: "earnerNickname",
            render: (nickname: string, row: Commission) => (
              <>
                <Link to={`/distribution/distributors/${row.earnerUserId}`}>{nickname}</Link>
                <div>
                  <MaskedPhone masked={row.earnerPhone} subject="user" id={row.earnerUserId} secondary />
                </div>
              </>
            ),
          },
          { title: t("sim.base"), dataIndex: "baseFen", render: formatFen },
          {
            title: t("sim.rule"),
            key: "rule",
            render: (_, c) =>
              c.rateBps !== null
                ? formatBps(c.rateBps)
                : `${formatFen(c.fixedFenPerUnit ?? 0)} × ${c.quantity}`,
          },
          {
            title: t("sim.source"),
            dataIndex: "rateSource",
            render: (s: string) => label(`rateSource.${s}`, s),
          },
          { title: t("sim.amount"), dataIndex: "amountFen", render: formatFen },
          {
            title: t("commission.clawedBack"),
            dataIndex: "clawedBackFen",
            render: (f: number) => (f ? formatFen(f) : "—"),
          },
          {
            title: t("order.status"),
            dataIndex: "status",
            render: (s: Status, c) => (
              <Space size={4} wrap>
                <Tag color={statusColor[s]}>{t(`commissionStatus.${s}`)}</Tag>
                {c.holdReasons.map((r) => (
                  <Tag key={r} color="volcano">
                    {holdReason(r)}
                  </Tag>
                ))}
              </Space>
            ),
          },
          {
            title: t("commission.dueAt"),
            dataIndex: "dueAt",
            // the date and how it was reached (the order's own rule), so "why not yet" answers itself
            render: (dueAt: string | null, c) => (
              <>
                {dueAt ? formatTime(dueAt) : t("commission.dueAfterReceipt")}
                {c.release && c.status === "frozen" && (
                  <div>
                    <Typography.Text type="secondary" data-testid={`commission-release-rule-${c.id}`}>
                      {t(`commission.releaseRule.${c.release.mode}`, { days: c.release.days })}
                      {t("commission.releaseRule.afterSale")}
                    </Typography.Text>
                  </div>
                )}
              </>
            ),
          },
          {
            title: t("common.actions"),
            key: "actions",
            render: (_, row) =>
              row.status === "held" &&
              can("distribution.manage") && (
                <Space>
                  <Button
                    size="small"
                    type="primary"
                    data-testid={`commission-release-${row.id}`}
                    onClick={() => setDeciding({ id: row.id, action: "release" })}
                  >
                    {t("commission.release")}
                  </Button>
                  <Button
                    size="small"
                    danger
                    data-testid={`commission-cancel-${row.id}`}
                    onClick={() => setDeciding({ id: row.id, action: "cancel" })}
                  >
                    {t("commission.cancel")}
                  </Button>
                </Space>
              ),
          },
        ]}
      />
      <LoadMore hasMore={list.hasMore} loading={list.loading} onClick={list.loadMore} />
      <ReasonDialog
        open={deciding !== null}
        title={deciding?.action === "release" ? t("commission.release") : t("commission.cancel")}
        onCancel={() => setDeciding(null)}
        onSubmit={decide}
      />
    </Card>
  );
}
