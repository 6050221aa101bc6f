// 分销员: every distributor with status, invite code, grade and direct invitees; opens the detail page.
import { Card, Table, Tag } from "antd";
import { Link } from "react-router-dom";
import { LoadMore } from "../../components/LoadMore.tsx";
import { MaskedPhone } from "../../components/MaskedPhone.tsx";
import { rowTestId } from "../../components/test-ids.ts";
import { useI18n } from "../../i18n/index.tsx";
import { api, call } from "../../lib/api.ts";
import { formatTime } from "../../lib/time.ts";
import { useCursorList } from "../../lib/use-cursor-list.ts";
import { useNotify } from "../../lib/use-notify.ts";
import type { Distributor, DistributorStatus } from "./types.ts";

export const distributorStatusColor: Record<DistributorStatus, string> = {
  active: "green",
  frozen: "blue",
  removed: "default",
};

export function DistributorListPage() {
  const { t, label } = useI18n();
  const { failed } = useNotify();
  const list = useCursorList<Distributor, number>(
    (cursor) =>
      call(api.GET("/api/admin/v1/distribution/distributors", { params: { query: { cursor, limit: 20 } } })),
    "",
    failed,
  );
  return (
    <Card title={t("distributor.title")}>
      <Table<Distributor>
        rowKey="userId"
        loading={list.loading}
        dataSource={list.items}
        pagination={false}
        onRow={(row) => rowTestId("distributor-row", row.userId)}
        columns={[
          {
            // the person by name, as a link; the id stays in the tooltip for whoever searches the logs
            title: t("distributor.nickname"),
            dataIndex: "nickname",
            render: (nickname: string, row: Distributor) => (
              <Link
                data-testid={`distributor-link-${row.userId}`}
                to={`/distribution/distributors/${row.userId}`}
                title={`#${row.userId}`}
              >
                {nickname}
              </Link>
            ),
          },
          {
            title: t("apply.phone"),
            dataIndex: "phone",
            render: (phone: string | null, row: Distributor) => (
              <MaskedPhone masked={phone} subject="user" id={row.userId} />
            ),
          },
          {
            title: t("distributor.inviteCode"),
            dataIndex: "inviteCode",
            render: (c: string) => <code>{c}</code>,
          },
          { title: t("distributor.directCount"), dataIndex: "directCount" },
          {
            title: t("distributor.grantedVia"),
            dataIndex: "grantedVia",
            render: (v: string) => label(`grantedVia.${v}`, v),
          },
          {
            title: t("order.status"),
            dataIndex: "status",
            render: (s: DistributorStatus) => (
              <Tag color={distributorStatusColor[s]}>{t(`distributorStatus.${s}`)}</Tag>
            ),
          },
          { title: t("distributor.joinedAt"), dataIndex: "joinedAt", render: formatTime },
        ]}
      />
      <LoadMore hasMore={list.hasMore} loading={list.loading} onClick={list.loadMore} />
    </Card>
  );
}
