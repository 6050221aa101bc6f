// 待退款确认: after-sales a reviewer without refund permission approved (仅退款) or whose goods came back
// (退货退款); someone with refund.execute confirms each in RefundConfirmDialog, oldest first.
import { Alert, Button, Card, Table, Tag } from "antd";
import { useState } from "react";
import { LoadMore } from "../../components/LoadMore.tsx";
import { RefundConfirmDialog, type RefundTarget } from "../../components/RefundConfirmDialog.tsx";
import { rowTestId } from "../../components/test-ids.ts";
import { useI18n } from "../../i18n/index.tsx";
import { api, call } from "../../lib/api.ts";
import { formatFen } from "../../lib/money.ts";
import { formatTime } from "../../lib/time.ts";
import { useCursorList } from "../../lib/use-cursor-list.ts";
import { useNotify } from "../../lib/use-notify.ts";
import { type AfterSale, Details, leadColumns } from "./AfterSalePage.tsx";

// The queue answers the same staff rows as the after-sales list.
type Queued = AfterSale;

function loadPage(cursor: number | undefined) {
  return call(api.GET("/api/admin/v1/refund-queue", { params: { query: { cursor, limit: 20 } } }));
}

export function RefundQueuePage() {
  const { t } = useI18n();
  const { failed } = useNotify();
  const [target, setTarget] = useState<RefundTarget | null>(null);
  const list = useCursorList<Queued, number>((cursor) => loadPage(cursor), "queue", failed);
  return (
    <Card title={t("refundQueue.title")}>
      <Alert type="info" showIcon message={t("refundQueue.hint")} style={{ marginBottom: 16 }} />
      <Table<Queued>
        rowKey="id"
        loading={list.loading}
        dataSource={list.items}
        pagination={false}
        onRow={(row) => rowTestId("refund-queue-row", row.id)}
        expandable={{ expandedRowRender: (row) => <Details row={row} /> }}
        columns={[
          ...leadColumns(t),
          { title: t("afterSale.refund"), dataIndex: "refundFen", render: formatFen },
          {
            title: t("order.status"),
            dataIndex: "status",
            render: (s: Queued["status"]) => <Tag color="gold">{t(`afterSaleStatus.${s}`)}</Tag>,
          },
          { title: t("common.createdAt"), dataIndex: "createdAt", render: formatTime },
          {
            title: t("common.actions"),
            key: "actions",
            render: (_, row) => (
              <Button
                size="small"
                type="primary"
                data-testid={`refund-queue-confirm-${row.id}`}
                onClick={() => setTarget({ id: row.id, action: "refund" })}
              >
                {t("refundQueue.confirm")}
              </Button>
            ),
          },
        ]}
      />
      <LoadMore hasMore={list.hasMore} loading={list.loading} onClick={list.loadMore} />
      <RefundConfirmDialog
        target={target}
        onClose={() => setTarget(null)}
        onDone={() => {
          setTarget(null);
          list.reload();
        }}
      />
    </Card>
  );
}
