// 分销申请: applications waiting for review; approve, or reject with a reason the shopper sees.
import { Button, Card, Space, Table } from "antd";
import { useState } from "react";
import { LoadMore } from "../../components/LoadMore.tsx";
import { MaskedPhone } from "../../components/MaskedPhone.tsx";
import { ReasonDialog } from "../../components/ReasonDialog.tsx";
import { rowTestId } from "../../components/test-ids.ts";
import { useI18n } from "../../i18n/index.tsx";
import { api, call } from "../../lib/api.ts";
import { useAuth } from "../../lib/auth.tsx";
import { formatTime } from "../../lib/time.ts";
import { useCursorList } from "../../lib/use-cursor-list.ts";
import { useNotify } from "../../lib/use-notify.ts";
import type { Application } from "./types.ts";

export function ApplicationsPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const { failed, done } = useNotify();
  const [rejecting, setRejecting] = useState<number | null>(null);
  const list = useCursorList<Application, number>(
    (cursor) =>
      call(api.GET("/api/admin/v1/distribution/applications", { params: { query: { cursor, limit: 20 } } })),
    "",
    failed,
  );

  async function review(id: number, approve: boolean, reason?: string) {
    try {
      await call(
        api.POST("/api/admin/v1/distribution/applications/{id}/review", {
          params: { path: { id } },
          body: { approve, ...(reason ? { reason } : {}) },
        }),
      );
      done();
      setRejecting(null);
      list.reload();
    } catch (error) {
      failed(error);
    }
  }

  return (
    <Card title={t("apply.title")}>
      <Table<Application>
        rowKey="id"
        loading={list.loading}
        dataSource={list.items}
        pagination={false}
        onRow={(row) => rowTestId("application-row", row.id)}
        columns={[
          { title: "#", dataIndex: "id", width: 70 },
          {
            title: t("apply.applicant"),
            dataIndex: "nickname",
            render: (nickname: string, row: Application) => (
              <>
                {nickname}
                <div>
                  <MaskedPhone
                    masked={row.accountPhone}
                    subject="distributor_application"
                    id={row.id}
                    field="accountPhone"
                    secondary
                  />
                </div>
              </>
            ),
          },
          { title: t("apply.realName"), dataIndex: "realName" },
          {
            title: t("apply.phone"),
            dataIndex: "phone",
            render: (phone: string, row: Application) => (
              <MaskedPhone masked={phone} subject="distributor_application" id={row.id} />
            ),
          },
          { title: t("apply.note"), dataIndex: "note" },
          { title: t("common.createdAt"), dataIndex: "createdAt", render: formatTime },
          {
            title: t("common.actions"),
            key: "actions",
            render: (_, row) =>
              can("distribution.manage") && (
                <Space>
                  <Button
                    size="small"
                    type="primary"
                    data-testid={`application-approve-${row.id}`}
                    onClick={() => void review(row.id, true)}
                  >
                    {t("afterSale.approve")}
                  </Button>
                  <Button
                    size="small"
                    danger
                    data-testid={`application-reject-${row.id}`}
                    onClick={() => setRejecting(row.id)}
                  >
                    {t("afterSale.reject")}
                  </Button>
                </Space>
              ),
          },
        ]}
      />
      <LoadMore hasMore={list.hasMore} loading={list.loading} onClick={list.loadMore} />
      <ReasonDialog
        open={rejecting !== null}
        title={t("apply.reject")}
        onCancel={() => setRejecting(null)}
        onSubmit={(reason) => (rejecting === null ? Promise.resolve() : review(rejecting, false, reason))}
      />
    </Card>
  );
}
