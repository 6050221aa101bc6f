// 订单: orders filtered by status, date, buyer phone and order number; CSV export of the same filter.
import { DownloadOutlined } from "@ant-design/icons";
import { Button, Card, DatePicker, Input, Select, Table, Tag } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { Link, useSearchParams } from "react-router-dom";
import { LoadMore } from "../../components/LoadMore.tsx";
import { MaskedPhone } from "../../components/MaskedPhone.tsx";
import { rowTestId } from "../../components/test-ids.ts";
import { useI18n } from "../../i18n/index.tsx";
import { api, call } from "../../lib/api.ts";
import { useAuth } from "../../lib/auth.tsx";
import { formatFen } from "../../lib/money.ts";
import { readToken } from "../../lib/session.ts";
import { formatTime } from "../../lib/time.ts";
import { useCursorList } from "../../lib/use-cursor-list.ts";
import { useNotify } from "../../lib/use-notify.ts";
import { type OrderStatus, orderStatusColor, orderStatuses } from "./order-status.ts";
import { ShipDialog } from "./ShipDialog.tsx";

type Filters = { status?: OrderStatus; from?: string; to?: string; phone?: string; orderNo?: string };
type Row = {
  id: number;
  orderNo: string;
  status: OrderStatus;
  payableFen: number;
  refundedFen: number;
  address: { name: string; phone: string } | null;
  items: { title: string; quantity: number }[];
  placedAt: string;
};

function queryString(filters: Filters): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v) params.set(k, v);
  return params.toString();
}

export function OrderListPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const { failed } = useNotify();
  const [searchParams] = useSearchParams();
  const [filters, setFilters] = useState<Filters>({
    status: (searchParams.get("status") as OrderStatus) || undefined,
  });
  const [exporting, setExporting] = useState(false);
  const [shipping, setShipping] = useState<number | null>(null);
  const list = useCursorList<Row, number>(
    (cursor) =>
      call(api.GET("/api/admin/v1/orders", { params: { query: { ...filters, cursor, limit: 20 } } })),
    JSON.stringify(filters),
    failed,
  );
  const set = (change: Filters) => setFilters((old) => ({ ...old, ...change }));

  async function exportCsv() {
    setExporting(true);
    try {
      const response = await fetch(`/api/admin/v1/orders/export.csv?${queryString(filters)}`, {
        headers: { authorization: `Bearer ${readToken() ?? ""}` },
      });
      if (!response.ok)
        throw new Error((await response.json().catch(() => null))?.error?.message ?? response.statusText);
      const link = document.createElement("a");
      link.href = URL.createObjectURL(await response.blob());
      link.download = `orders-${new Date().toISOString().slice(0, 10)}.csv`;
      link.click();
      URL.revokeObjectURL(link.href);
    } catch (error) {
      failed(error);
    } finally {
      setExporting(false);
    }
  }

  return (
    <Card
      title={t("order.title")}
      extra={
        can("orders.export") && (
          <Button
            data-testid="order-export"
            icon={<DownloadOutlined />}
            loading={exporting}
            onClick={() => void exportCsv()}
          >
            {t("order.export")}
          </Button>
        )
      }
    >
      <div className="page-toolbar">
        <Select<OrderStatus>
          data-testid="order-filter-status"
          allowClear
          placeholder={t("order.status")}
          style={{ width: 140 }}
          value={filters.status}
          onChange={(status) => set({ status })}
          options={orderStatuses.map((s) => ({ value: s, label: t(`orderStatus.${s}`) }))}
        />
        <DatePicker.RangePicker
          data-testid="order-filter-date"
          onChange={(range) => {
            const [from, to] = (range ?? []) as (Dayjs | null)[];
            set({ from: from?.startOf("day").toISOString(), to: to?.endOf("day").toISOString() });
          }}
        />
        <Input.Search
          data-testid="order-filter-phone"
          allowClear
          placeholder={t("order.phone")}
          style={{ width: 180 }}
          onSearch={(v) => set({ phone: v.trim() || undefined })}
        />
        <Input.Search
          data-testid="order-filter-no"
          allowClear
          placeholder={t("order.orderNo")}
          style={{ width: 240 }}
          onSearch={(v) => set({ orderNo: v.trim() || undefined })}
        />
      </div>
      <Table<Row>
        rowKey="id"
        loading={list.loading}
        dataSource={list.items}
        pagination={false}
        onRow={(row) => rowTestId("order-row", row.orderNo)}
        columns={[
          {
            title: t("order.orderNo"),
            dataIndex: "orderNo",
            render: (no: string, row) => (
              <Link data-testid={`order-link-${no}`} to={`/orders/${row.id}`}>
                {no}
              </Link>
            ),
          },
          {
            title: t("order.items"),
            key: "items",
            render: (_, row) => row.items.map((i) => `${i.title} ×${i.quantity}`).join("，"),
          },
          {
            title: t("order.buyer"),
            key: "buyer",
            render: (_, row) => (
              <>
                {row.address ? (
                  <>
                    {row.address.name} <MaskedPhone masked={row.address.phone} subject="order" id={row.id} />
                  </>
                ) : (
                  t("order.noAddress")
                )}
              </>
            ),
          },
          { title: t("order.payable"), dataIndex: "payableFen", render: formatFen },
          {
            title: t("order.refunded"),
            dataIndex: "refundedFen",
            render: (f: number) => (f ? formatFen(f) : "—"),
          },
          {
            title: t("order.status"),
            dataIndex: "status",
            render: (s: OrderStatus) => <Tag color={orderStatusColor[s]}>{t(`orderStatus.${s}`)}</Tag>,
          },
          {
            title: t("order.placedAt"),
            dataIndex: "placedAt",
            render: formatTime,
          },
          {
            title: t("common.actions"),
            key: "actions",
            render: (_, row) =>
              row.status === "paid" &&
              can("orders.fulfil") && (
                <Button
                  size="small"
                  type="primary"
                  data-testid={`order-ship-${row.orderNo}`}
                  onClick={() => setShipping(row.id)}
                >
                  {t("order.ship")}
                </Button>
              ),
          },
        ]}
      />
      <LoadMore hasMore={list.hasMore} loading={list.loading} onClick={list.loadMore} />
      {shipping !== null && (
        <ShipDialog orderId={shipping} open onClose={() => setShipping(null)} onShipped={list.reload} />
      )}
    </Card>
  );
}
