// 库存: the low-stock list (with manual adjustment) and the stock log of every change, who and why.
import { Button, Card, Input, InputNumber, Table, Tabs, Tag } from "antd";
import { useCallback, useEffect, useState } from "react";
import { Link } from "react-router-dom";
import { LoadMore } from "../../components/LoadMore.tsx";
import { StockAdjustDialog } from "../../components/StockAdjustDialog.tsx";
import { rowTestId } from "../../components/test-ids.ts";
import { useI18n } from "../../i18n/index.tsx";
import { api, call } from "../../lib/api.ts";
import { useAuth } from "../../lib/auth.tsx";
import { formatTime } from "../../lib/time.ts";
import { useCursorList } from "../../lib/use-cursor-list.ts";
import { useNotify } from "../../lib/use-notify.ts";

type LowStock = {
  skuId: number;
  productId: number;
  title: string;
  specValues: string[];
  code: string | null;
  stock: number;
};
type LogEntry = {
  id: number;
  skuId: number;
  title: string;
  skuLabel: string;
  skuCode: string | null;
  orderNo: string | null;
  staffName: string | null;
  delta: number;
  stockAfter: number;
  reason:
    | "initial"
    | "manual_adjust"
    | "order_placed"
    | "order_cancelled"
    | "order_closed"
    | "after_sale_return";
  orderId: number | null;
  staffId: number | null;
  userId: number | null;
  afterSaleId: number | null;
  note: string | null;
  at: string;
};

function LowStockTab() {
  const { t } = useI18n();
  const { can } = useAuth();
  const { failed } = useNotify();
  const [threshold, setThreshold] = useState(10);
  const [rows, setRows] = useState<LowStock[]>([]);
  const [adjusting, setAdjusting] = useState<number | null>(null);
  const reload = useCallback(() => {
    call(api.GET("/api/admin/v1/low-stock", { params: { query: { threshold, limit: 200 } } }))
      .then(setRows)
      .catch(failed);
  }, [threshold, failed]);
  useEffect(reload, [reload]);
  return (
    <>
      <div className="page-toolbar">
        {t("stock.threshold")}
        <InputNumber
          data-testid="low-stock-threshold"
          min={0}
          precision={0}
          value={threshold}
          onChange={(v) => setThreshold(v ?? 0)}
        />
      </div>
      <Table<LowStock>
        rowKey="skuId"
        size="small"
        dataSource={rows}
        pagination={false}
        onRow={(row) => rowTestId("low-stock-row", row.skuId)}
        columns={[
          {
            title: t("product.name"),
            dataIndex: "title",
            render: (title: string, row) => <Link to={`/products/${row.productId}`}>{title}</Link>,
          },
          {
            title: t("product.spec"),
            dataIndex: "specValues",
            render: (v: string[]) => v.join(" / ") || "—",
          },
          { title: t("product.code"), dataIndex: "code" },
          {
            title: t("product.stock"),
            dataIndex: "stock",
            render: (n: number) => <Tag color={n === 0 ? "red" : "orange"}>{n}</Tag>,
          },
          {
            title: t("common.actions"),
            render: (_, row) =>
              can("catalog.write") && (
                <Button
                  size="small"
                  data-testid={`low-stock-adjust-${row.skuId}`}
                  onClick={() => setAdjusting(row.skuId)}
                >
                  {t("stock.adjust")}
                </Button>
              ),
          },
        ]}
      />
      <StockAdjustDialog skuId={adjusting} onClose={() => setAdjusting(null)} onAdjusted={reload} />
    </>
  );
}

function StockLogTab() {
  const { t } = useI18n();
  const { failed } = useNotify();
  // Staff search by what they see on the goods (title or SKU code), not by an internal SKU id; the search
  // runs on Enter or the button, not on every keystroke.
  const [q, setQ] = useState<string | undefined>();
  const list = useCursorList<LogEntry, number>(
    (cursor) => call(api.GET("/api/admin/v1/stock-log", { params: { query: { q, cursor, limit: 50 } } })),
    JSON.stringify([q]),
    failed,
  );
  return (
    <>
      <div className="page-toolbar">
        <Input.Search
          data-testid="stock-log-search"
          allowClear
          maxLength={100}
          aria-label={t("stock.search")}
          placeholder={t("stock.search")}
          style={{ width: 260 }}
          onSearch={(v) => setQ(v.trim() || undefined)}
        />
      </div>
      <Table<LogEntry>
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.items}
        pagination={false}
        onRow={(row) => rowTestId("stock-log-row", row.id)}
        columns={[
          { title: t("audit.at"), dataIndex: "at", render: formatTime },
          {
            // the SKU as staff know it: the product's title and the spec, with the code when it has one
            title: t("stock.sku"),
            dataIndex: "title",
            render: (title: string, row) => (
              <span title={`SKU #${row.skuId}`}>
                {title}
                {row.skuLabel && <Tag style={{ marginLeft: 6 }}>{row.skuLabel}</Tag>}
                {row.skuCode && <code style={{ marginLeft: 6, color: "#8c8c8c" }}>{row.skuCode}</code>}
              </span>
            ),
          },
          {
            title: t("stock.delta"),
            dataIndex: "delta",
            render: (d: number) => (
              <span style={{ color: d < 0 ? "#cf1322" : "#389e0d" }}>{d > 0 ? `+${d}` : d}</span>
            ),
          },
          { title: t("stock.after"), dataIndex: "stockAfter" },
          {
            title: t("stock.reason"),
            dataIndex: "reason",
            render: (r: LogEntry["reason"]) => t(`stockReason.${r}`),
          },
          {
            title: t("stock.by"),
            key: "by",
            render: (_, row) =>
              row.orderId ? (
                <Link to={`/orders/${row.orderId}`}>
                  {t("stock.order", { no: row.orderNo ?? `#${row.orderId}` })}
                </Link>
              ) : row.staffId ? (
                t("stock.staff", { name: row.staffName ?? `#${row.staffId}` })
              ) : (
                "—"
              ),
          },
          { title: t("stock.note"), dataIndex: "note" },
        ]}
      />
      <LoadMore hasMore={list.hasMore} loading={list.loading} onClick={list.loadMore} />
    </>
  );
}

export function StockPage() {
  const { t } = useI18n();
  return (
    <Card title={t("stock.title")}>
      <Tabs
        items={[
          {
            key: "low",
            label: <span data-testid="stock-tab-low">{t("stock.low")}</span>,
            children: <LowStockTab />,
          },
          {
            key: "log",
            label: <span data-testid="stock-tab-log">{t("stock.log")}</span>,
            children: <StockLogTab />,
          },
        ]}
      />
    </Card>
  );
}
