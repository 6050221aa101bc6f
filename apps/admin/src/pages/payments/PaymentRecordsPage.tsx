// 支付与退款记录: payments and refunds by provider, status and order number, read page by page.
import { Card, Input, Select, Table, Tabs, Tag } from "antd";
import { useState } from "react";
import { Link } from "react-router-dom";
import { LoadMore } from "../../components/LoadMore.tsx";
import { rowTestId } from "../../components/test-ids.ts";
import { useI18n } from "../../i18n/index.tsx";
import { api, call } from "../../lib/api.ts";
import { formatFen } from "../../lib/money.ts";
import { formatTime } from "../../lib/time.ts";
import { useCursorList } from "../../lib/use-cursor-list.ts";
import { useNotify } from "../../lib/use-notify.ts";

type Provider = "sandbox" | "wechat" | "alipay";
type Filters = { provider?: Provider; status?: string; orderNo?: string };
type Payment = Awaited<ReturnType<typeof loadPayments>>["items"][number];
type Refund = Awaited<ReturnType<typeof loadRefunds>>["items"][number];

function loadPayments(filters: Filters, cursor: number | undefined) {
  return call(api.GET("/api/admin/v1/payments", { params: { query: { ...filters, cursor, limit: 30 } } }));
}
function loadRefunds(filters: Filters, cursor: number | undefined) {
  return call(api.GET("/api/admin/v1/refunds", { params: { query: { ...filters, cursor, limit: 30 } } }));
}

function FilterBar({ onChange }: { onChange: (f: Filters) => void }) {
  const { t } = useI18n();
  const [filters, setFilters] = useState<Filters>({});
  const set = (change: Filters) => {
    const next = { ...filters, ...change };
    setFilters(next);
    onChange(next);
  };
  return (
    <div className="page-toolbar">
      <Select<Provider>
        data-testid="payment-filter-provider"
        allowClear
        placeholder={t("payment.provider")}
        style={{ width: 140 }}
        onChange={(provider) => set({ provider })}
        options={(["sandbox", "wechat", "alipay"] as const).map((p) => ({
          value: p,
          label: t(`provider.${p}`),
        }))}
      />
      <Input.Search
        allowClear
        placeholder={t("order.status")}
        style={{ width: 160 }}
        onSearch={(v) => set({ status: v.trim() || undefined })}
      />
      <Input.Search
        data-testid="payment-filter-order"
        allowClear
        placeholder={t("order.orderNo")}
        style={{ width: 240 }}
        onSearch={(v) => set({ orderNo: v.trim() || undefined })}
      />
    </div>
  );
}

function PaymentsTab() {
  const { t, label } = useI18n();
  const { failed } = useNotify();
  const [filters, setFilters] = useState<Filters>({});
  const list = useCursorList<Payment, number>(
    (c) => loadPayments(filters, c),
    JSON.stringify(filters),
    failed,
  );
  return (
    <>
      <FilterBar onChange={setFilters} />
      <Table<Payment>
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.items}
        pagination={false}
        onRow={(row) => rowTestId("payment-row", row.id)}
        columns={[
          {
            title: t("order.orderNo"),
            dataIndex: "orderNo",
            render: (no: string, r) => <Link to={`/orders/${r.orderId}`}>{no}</Link>,
          },
          {
            title: t("payment.provider"),
            dataIndex: "provider",
            render: (p: string) => label(`provider.${p}`, p),
          },
          { title: t("payment.outTradeNo"), dataIndex: "outTradeNo" },
          {
            title: t("payment.transactionId"),
            dataIndex: "transactionId",
            render: (v: string | null) => v ?? "—",
          },
          { title: t("payment.total"), dataIndex: "amountFen", render: formatFen },
          {
            title: t("order.status"),
            dataIndex: "status",
            render: (s: string) => <Tag>{label(`paymentStatus.${s}`, s)}</Tag>,
          },
          { title: t("common.createdAt"), dataIndex: "createdAt", render: formatTime },
          { title: t("order.paidAt"), dataIndex: "paidAt", render: formatTime },
        ]}
      />
      <LoadMore hasMore={list.hasMore} loading={list.loading} onClick={list.loadMore} />
    </>
  );
}

function RefundsTab() {
  const { t, label } = useI18n();
  const { failed } = useNotify();
  const [filters, setFilters] = useState<Filters>({});
  const list = useCursorList<Refund, number>((c) => loadRefunds(filters, c), JSON.stringify(filters), failed);
  return (
    <>
      <FilterBar onChange={setFilters} />
      <Table<Refund>
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.items}
        pagination={false}
        onRow={(row) => rowTestId("refund-row", row.id)}
        columns={[
          {
            title: t("order.orderNo"),
            dataIndex: "orderNo",
            render: (no: string, r) => <Link to={`/orders/${r.orderId}`}>{no}</Link>,
          },
          {
            title: t("payment.provider"),
            dataIndex: "provider",
            render: (p: string) => label(`provider.${p}`, p),
          },
          { title: t("payment.outRefundNo"), dataIndex: "outRefundNo" },
          { title: t("payment.total"), dataIndex: "amountFen", render: formatFen },
          { title: t("afterSale.reason"), dataIndex: "reason" },
          {
            title: t("order.status"),
            dataIndex: "status",
            render: (s: string, r) => (
              <span>
                <Tag>{label(`paymentStatus.${s}`, s)}</Tag>
                {r.failureReason && <div style={{ color: "#cf1322" }}>{r.failureReason}</div>}
              </span>
            ),
          },
          { title: t("common.createdAt"), dataIndex: "createdAt", render: formatTime },
          { title: t("payment.doneAt"), dataIndex: "doneAt", render: formatTime },
        ]}
      />
      <LoadMore hasMore={list.hasMore} loading={list.loading} onClick={list.loadMore} />
    </>
  );
}

export function PaymentRecordsPage() {
  const { t } = useI18n();
  return (
    <Card title={t("payment.title")}>
      <Tabs
        items={[
          {
            key: "payments",
            label: <span data-testid="payment-tab-payments">{t("payment.payments")}</span>,
            children: <PaymentsTab />,
          },
          {
            key: "refunds",
            label: <span data-testid="payment-tab-refunds">{t("payment.refunds")}</span>,
            children: <RefundsTab />,
          },
        ]}
      />
    </Card>
  );
}
