// 售后: the after-sale queue by status; approve or reject with a note, confirm a returned parcel, retry a failed refund.
// Every move that can pay money back asks first in RefundConfirmDialog (amount, destination, commissions).
import {
  Button,
  Card,
  Descriptions,
  Image,
  Input,
  Modal,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
} from "antd";
import { useState } from "react";
import { Link } from "react-router-dom";
import { LoadMore } from "../../components/LoadMore.tsx";
import { RefundConfirmDialog, type RefundTarget } from "../../components/RefundConfirmDialog.tsx";
import { rowTestId } from "../../components/test-ids.ts";
import { useI18n } from "../../i18n/index.tsx";
import { api, call } from "../../lib/api.ts";
import { useAuth } from "../../lib/auth.tsx";
import { formatFen } from "../../lib/money.ts";
import { formatTime } from "../../lib/time.ts";
import { useCursorList } from "../../lib/use-cursor-list.ts";
import { useNotify } from "../../lib/use-notify.ts";

const statuses = [
  "requested",
  "approved",
  "rejected",
  "cancelled",
  "awaiting_return",
  "returned",
  "refunding",
  "refunded",
  "refund_failed",
] as const;
type Status = (typeof statuses)[number];
export type AfterSale = Awaited<ReturnType<typeof loadPage>>["items"][number];
type Decision = { id: number; action: "approve" | "reject" };

function loadPage(status: Status | undefined, cursor: number | undefined) {
  return call(api.GET("/api/admin/v1/after-sales", { params: { query: { status, cursor, limit: 20 } } }));
}

const statusColor: Partial<Record<Status, string>> = {
  requested: "gold",
  awaiting_return: "cyan",
  returned: "blue",
  refunding: "processing",
  refunded: "green",
  refund_failed: "red",
  rejected: "default",
};

export function Details({ row }: { row: AfterSale }) {
  const { t } = useI18n();
  return (
    <Descriptions size="small" column={2}>
      <Descriptions.Item label={t("afterSale.reason")}>{row.reason}</Descriptions.Item>
      <Descriptions.Item label={t("afterSale.description")}>{row.description || "—"}</Descriptions.Item>
      <Descriptions.Item label={t("order.items")} span={2}>
        {row.items
          // a line of no units is a price difference the system refunded (a group challenge's final tier)
          .map((i) =>
            i.quantity > 0
              ? `${i.title} ${i.skuLabel} ×${i.quantity} (${formatFen(i.refundFen)})`
              : `${i.title} ${i.skuLabel} ${t("afterSale.priceDifference", { amount: formatFen(i.refundFen) })}`,
          )
          .join("；")}
      </Descriptions.Item>
      <Descriptions.Item label={t("afterSale.returnParcel")}>
        {row.returnCarrier ? `${row.returnCarrier} ${row.returnTrackingNo}` : "—"}
      </Descriptions.Item>
      <Descriptions.Item label={t("afterSale.merchantNote")}>{row.merchantNote ?? "—"}</Descriptions.Item>
      {row.refundAdjustReason && row.requestedRefundFen !== null && (
        <Descriptions.Item label={t("afterSale.refund")} span={2}>
          {t("afterSale.adjusted", {
            requested: formatFen(row.requestedRefundFen),
            refund: formatFen(row.refundFen),
            reason: row.refundAdjustReason,
          })}
        </Descriptions.Item>
      )}
      {row.restocked !== null && (
        <Descriptions.Item label={t("stockReason.after_sale_return")}>
          {row.restocked ? t("afterSale.restocked") : t("afterSale.notRestocked")}
        </Descriptions.Item>
      )}
      {row.failureReason && (
        <Descriptions.Item label={t("afterSale.failureReason")}>{row.failureReason}</Descriptions.Item>
      )}
      {row.photos.length > 0 && (
        <Descriptions.Item label={t("afterSale.photos")} span={2}>
          <Image.PreviewGroup>
            {row.photos.map((url) => (
              <Image key={url} src={url} width={64} />
            ))}
          </Image.PreviewGroup>
        </Descriptions.Item>
      )}
    </Descriptions>
  );
}

/** The columns that say which after-sale a row is — number, order, buyer, kind — shared with 待退款确认. */
export function leadColumns(t: ReturnType<typeof useI18n>["t"]): TableColumnsType<AfterSale> {
  return [
    { title: "#", dataIndex: "id", width: 70 },
    {
      title: t("afterSale.order"),
      dataIndex: "orderNo",
      render: (orderNo: string, row) => <Link to={`/orders/${row.orderId}`}>{orderNo}</Link>,
    },
    {
      // whose after-sale it is, as staff would say it on the phone (the phone comes masked)
      title: t("afterSale.buyer"),
      key: "buyer",
      render: (_, row) =>
        row.buyer ? (
          <span data-testid="after-sale-buyer">
            {row.buyer.nickname}
            {row.buyer.phone && <span style={{ marginLeft: 6, color: "#8c8c8c" }}>{row.buyer.phone}</span>}
          </span>
        ) : (
          "—"
        ),
    },
    {
      title: t("afterSale.kind"),
      dataIndex: "kind",
      render: (k: AfterSale["kind"]) => t(`afterSaleKind.${k}`),
    },
  ];
}

export function AfterSalePage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const { failed, done } = useNotify();
  const [status, setStatus] = useState<Status | undefined>("requested");
  const [deciding, setDeciding] = useState<Decision | null>(null);
  const [note, setNote] = useState("");
  const [refunding, setRefunding] = useState<RefundTarget | null>(null);
  const list = useCursorList<AfterSale, number>(
    (cursor) => loadPage(status, cursor),
    JSON.stringify([status]),
    failed,
  );

  async function act(request: () => Promise<{ refund: { provider: string } | null }>) {
    try {
      const result = await request();
      done(result.refund?.provider === "sandbox_immediate" ? "afterSale.sandboxRefunded" : "common.saved");
      setDeciding(null);
      setNote("");
      list.reload();
    } catch (error) {
      failed(error);
    }
  }
  const path = (id: number) => ({ params: { path: { id } } });

  function decide() {
    if (!deciding) return;
    const { id, action } = deciding;
    if (action === "approve") {
      void act(() =>
        call(
          api.POST("/api/admin/v1/after-sales/{id}/approve", {
            ...path(id),
            body: { note: note.trim() || null },
          }),
        ),
      );
    } else {
      void act(() =>
        call(api.POST("/api/admin/v1/after-sales/{id}/reject", { ...path(id), body: { note: note.trim() } })),
      );
    }
  }

  return (
    <Card title={t("afterSale.title")}>
      <div className="page-toolbar">
        <Select<Status>
          data-testid="after-sale-filter-status"
          allowClear
          placeholder={t("order.status")}
          style={{ width: 160 }}
          value={status}
          onChange={setStatus}
          options={statuses.map((s) => ({ value: s, label: t(`afterSaleStatus.${s}`) }))}
        />
      </div>
      <Table<AfterSale>
        rowKey="id"
        loading={list.loading}
        dataSource={list.items}
        pagination={false}
        onRow={(row) => rowTestId("after-sale-row", row.id)}
        expandable={{ expandedRowRender: (row) => <Details row={row} /> }}
        columns={[
          ...leadColumns(t),
          {
            title: t("afterSale.refund"),
            key: "refund",
            render: (_, row) => formatFen(row.refundFen + row.freightRefundFen),
          },
          {
            title: t("order.status"),
            dataIndex: "status",
            render: (s: Status) => <Tag color={statusColor[s]}>{t(`afterSaleStatus.${s}`)}</Tag>,
          },
          {
            title: t("common.createdAt"),
            dataIndex: "createdAt",
            render: formatTime,
          },
          {
            title: t("common.actions"),
            key: "actions",
            render: (_, row) => (
              <Space>
                {row.status === "requested" && (
                  <>
                    <Button
                      size="small"
                      type="primary"
                      data-testid={`after-sale-approve-${row.id}`}
                      onClick={() =>
                        row.kind === "refund_only"
                          ? setRefunding({ id: row.id, action: "approve" })
                          : setDeciding({ id: row.id, action: "approve" })
                      }
                    >
                      {t("afterSale.approve")}
                    </Button>
                    <Button
                      size="small"
                      danger
                      data-testid={`after-sale-reject-${row.id}`}
                      onClick={() => setDeciding({ id: row.id, action: "reject" })}
                    >
                      {t("afterSale.reject")}
                    </Button>
                  </>
                )}
                {row.status === "awaiting_return" && (
                  <Button
                    size="small"
                    data-testid={`after-sale-confirm-return-${row.id}`}
                    onClick={() => setRefunding({ id: row.id, action: "confirm-return" })}
                  >
                    {t("afterSale.confirmReturn")}
                  </Button>
                )}
                {row.status === "refund_failed" && can("refund.execute") && (
                  <Button
                    size="small"
                    data-testid={`after-sale-retry-${row.id}`}
                    onClick={() => setRefunding({ id: row.id, action: "retry" })}
                  >
                    {t("afterSale.retryRefund")}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <LoadMore hasMore={list.hasMore} loading={list.loading} onClick={list.loadMore} />
      <RefundConfirmDialog
        target={refunding}
        onClose={() => setRefunding(null)}
        onDone={() => {
          setRefunding(null);
          list.reload();
        }}
      />
      <Modal
        open={deciding !== null}
        title={deciding?.action === "approve" ? t("afterSale.approve") : t("afterSale.reject")}
        onCancel={() => setDeciding(null)}
        onOk={decide}
        okButtonProps={{
          "data-testid": "after-sale-decide-submit",
          disabled: deciding?.action === "reject" && !note.trim(),
        }}
      >
        <Input.TextArea
          data-testid="after-sale-note"
          rows={3}
          maxLength={200}
          placeholder={deciding?.action === "reject" ? t("afterSale.rejectNote") : t("afterSale.approveNote")}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
      </Modal>
    </Card>
  );
}
