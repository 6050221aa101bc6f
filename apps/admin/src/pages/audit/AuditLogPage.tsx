// 操作日志: every staff write, newest first, read page by page; a row opens its before/after diff.
import { Card, Input, Table, Tag } from "antd";
import { useState } from "react";
import { JsonDiff } from "../../components/JsonDiff.tsx";
import { LoadMore } from "../../components/LoadMore.tsx";
import { rowTestId } from "../../components/test-ids.ts";
import { useI18n } from "../../i18n/index.tsx";
import { api, call } from "../../lib/api.ts";
import { formatTime } from "../../lib/time.ts";
import { useCursorList } from "../../lib/use-cursor-list.ts";
import { useNotify } from "../../lib/use-notify.ts";

type Entry = {
  id: number;
  staffUsername: string;
  action: string;
  entity: string;
  entityId: string | null;
  entityLabel: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  at: string;
};

export function AuditLogPage() {
  const { t, label } = useI18n();
  const { failed } = useNotify();
  const [entity, setEntity] = useState("");
  const list = useCursorList<Entry, number>(
    (cursor) =>
      call(
        api.GET("/api/admin/v1/audit-log", {
          params: { query: { cursor, limit: 30, entity: entity || undefined } },
        }),
      ),
    JSON.stringify([entity]),
    failed,
  );

  return (
    <Card title={t("audit.title")}>
      <div className="page-toolbar">
        <Input.Search
          data-testid="audit-entity-filter"
          allowClear
          placeholder={t("audit.entityFilter")}
          style={{ width: 260 }}
          onSearch={(value) => setEntity(value.trim())}
        />
      </div>
      <Table<Entry>
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.items}
        pagination={false}
        onRow={(row) => rowTestId("audit-row", row.id)}
        expandable={{ expandedRowRender: (row) => <JsonDiff before={row.before} after={row.after} /> }}
        columns={[
          {
            title: t("audit.at"),
            dataIndex: "at",
            width: 190,
            render: formatTime,
          },
          { title: t("audit.staff"), dataIndex: "staffUsername", width: 120 },
          {
            title: t("audit.action"),
            dataIndex: "action",
            // the words, with the code beside them for whoever searches the logs
            render: (a: string) => <Tag title={a}>{label(`auditAction.${a}`, a)}</Tag>,
          },
          {
            title: t("audit.entity"),
            dataIndex: "entity",
            // the object in words: the server names orders, SKUs and people; keyed ones (a settings
            // section, a payment provider) are named here; a bare #id only when the object is gone
            render: (e: string, row) => (
              <span data-testid={`audit-entity-${row.id}`}>
                {label(`auditEntity.${e}`, e)}{" "}
                {row.entityLabel ??
                  (row.entityId === null
                    ? ""
                    : e === "settings"
                      ? label(`auditSection.${row.entityId}`, row.entityId)
                      : e === "payment_settings"
                        ? label(`provider.${row.entityId}`, row.entityId)
                        : `#${row.entityId}`)}
              </span>
            ),
          },
          { title: "IP", dataIndex: "ip", width: 140 },
        ]}
      />
      <LoadMore hasMore={list.hasMore} loading={list.loading} onClick={list.loadMore} />
    </Card>
  );
}
