// 绑定记录: every change of who a shopper is bound to — source, the previous upline, and staff reassignments.
import { Card, Table, Tag } from "antd";
import { Link } from "react-router-dom";
import { LoadMore } from "../../components/LoadMore.tsx";
import { rowTestId } from "../../components/test-ids.ts";
import { useI18n } from "../../i18n/index.tsx";
import { api, call } from "../../lib/api.ts";
import { formatTime } from "../../lib/time.ts";
import { useCursorList } from "../../lib/use-cursor-list.ts";
import { useNotify } from "../../lib/use-notify.ts";
import type { BindingChange } from "./types.ts";

export function BindingsPage() {
  const { t, label } = useI18n();
  const { failed } = useNotify();
  const list = useCursorList<BindingChange, number>(
    (cursor) =>
      call(api.GET("/api/admin/v1/distribution/bindings", { params: { query: { cursor, limit: 30 } } })),
    "",
    failed,
  );
  // uplines are distributors, so their names lead to their page
  const upline = (id: number | null, name: string | null) =>
    id ? <Link to={`/distribution/distributors/${id}`}>{name ? `${name} #${id}` : `#${id}`}</Link> : "—";
  return (
    <Card title={t("binding.title")}>
      <Table<BindingChange>
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.items}
        pagination={false}
        onRow={(row) => rowTestId("binding-row", row.id)}
        columns={[
          { title: t("audit.at"), dataIndex: "at", render: formatTime },
          {
            title: t("binding.user"),
            key: "user",
            render: (_, b) => (b.userNickname ? `${b.userNickname} #${b.userId}` : `#${b.userId}`),
          },
          {
            title: t("binding.upline"),
            key: "upline",
            render: (_, b) => upline(b.uplineUserId, b.uplineNickname),
          },
          {
            title: t("binding.previous"),
            key: "previous",
            render: (_, b) => upline(b.previousUplineUserId, b.previousUplineNickname),
          },
          {
            title: t("binding.source"),
            dataIndex: "source",
            render: (s: string) => <Tag>{label(`bindingSource.${s}`, s)}</Tag>,
          },
          {
            title: t("binding.scene"),
            key: "scene",
            render: (_, b) =>
              [b.productId && `${t("binding.product")} #${b.productId}`, b.scene]
                .filter(Boolean)
                .join(" · ") || "—",
          },
          { title: t("common.reason"), dataIndex: "reason", render: (r: string | null) => r ?? "—" },
          {
            title: t("audit.staff"),
            key: "staff",
            render: (_, b) => b.staffName ?? (b.staffId ? `#${b.staffId}` : "—"),
          },
        ]}
      />
      <LoadMore hasMore={list.hasMore} loading={list.loading} onClick={list.loadMore} />
    </Card>
  );
}
