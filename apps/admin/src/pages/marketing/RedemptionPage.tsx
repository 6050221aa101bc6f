// 核销: staff type the code a shopper shows for a course or class; the order is then received. Below, every
// code issued with its order and whether it was redeemed.
import { Button, Card, Input, Select, Space, Table, Tag } from "antd";
import { useState } from "react";
import { Link } from "react-router-dom";
import { LoadMore } from "../../components/LoadMore.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { api, call } from "../../lib/api.ts";
import { useAuth } from "../../lib/auth.tsx";
import { formatTime } from "../../lib/time.ts";
import { useCursorList } from "../../lib/use-cursor-list.ts";
import { useNotify } from "../../lib/use-notify.ts";

type Status = "issued" | "redeemed";
type Row = {
  id: number;
  code: string;
  status: Status;
  issuedAt: string;
  redeemedAt: string | null;
  orderId: number;
  orderNo: string;
};

export function RedemptionPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const { failed, done } = useNotify();
  const [status, setStatus] = useState<Status | undefined>(undefined);
  const [code, setCode] = useState("");
  const [busy, setBusy] = useState(false);
  const list = useCursorList<Row, number>(
    (cursor) =>
      call(api.GET("/api/admin/v1/redemptions", { params: { query: { status, cursor, limit: 20 } } })),
    status ?? "",
    failed,
  );

  async function redeem() {
    setBusy(true);
    try {
      await call(api.POST("/api/admin/v1/redemptions", { body: { code: code.trim() } }));
      done("redemption.done");
      setCode("");
      list.reload();
    } catch (error) {
      failed(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }}>
      {can("orders.fulfil") && (
        <Card title={t("redemption.redeem")}>
          <Space.Compact style={{ width: 420 }}>
            <Input
              data-testid="redemption-input"
              value={code}
              onChange={(e) => setCode(e.target.value.toUpperCase())}
              placeholder="K7QM-3XWD-P9AF"
              onPressEnter={redeem}
            />
            <Button type="primary" loading={busy} onClick={redeem} data-testid="redemption-submit">
              {t("redemption.redeem")}
            </Button>
          </Space.Compact>
        </Card>
      )}
      <Card
        title={t("nav.redemptions")}
        extra={
          <Select
            allowClear
            style={{ width: 140 }}
            value={status}
            onChange={setStatus}
            placeholder={t("redemption.allStatuses")}
            options={(["issued", "redeemed"] as const).map((s) => ({
              value: s,
              label: t(`redemption.status.${s}`),
            }))}
          />
        }
      >
        <Table<Row>
          rowKey="id"
          size="small"
          pagination={false}
          loading={list.loading}
          dataSource={list.items}
          columns={[
            { title: t("order.redemptionCode"), dataIndex: "code" },
            {
              title: t("order.detail"),
              key: "order",
              render: (_, row) => <Link to={`/orders/${row.orderId}`}>{row.orderNo}</Link>,
            },
            {
              title: t("redemption.statusTitle"),
              dataIndex: "status",
              render: (s: Status) => (
                <Tag color={s === "redeemed" ? "green" : "blue"}>{t(`redemption.status.${s}`)}</Tag>
              ),
            },
            { title: t("redemption.issuedAt"), dataIndex: "issuedAt", render: formatTime },
            {
              title: t("redemption.redeemedAt"),
              dataIndex: "redeemedAt",
              render: (v: string | null) => (v ? formatTime(v) : "—"),
            },
          ]}
        />
        <LoadMore hasMore={list.hasMore} loading={list.loading} onClick={list.loadMore} />
      </Card>
    </Space>
  );
}
