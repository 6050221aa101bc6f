// 运费模板: freight templates by piece or by weight, with a default rule, per-region rules and free-shipping thresholds.
import { Button, Card, Popconfirm, Space, Table, Tag } from "antd";
import { useCallback, useEffect, useState } from "react";
import { rowTestId } from "../../components/test-ids.ts";
import { type Translate, useI18n } from "../../i18n/index.tsx";
import { api, call } from "../../lib/api.ts";
import { useAuth } from "../../lib/auth.tsx";
import { formatFen } from "../../lib/money.ts";
import { useNotify } from "../../lib/use-notify.ts";
import { type FreightRule, type FreightTemplate, FreightTemplateDialog } from "./FreightTemplateDialog.tsx";

export function describeRule(rule: FreightRule, mode: FreightTemplate["mode"], t: Translate): string {
  const unit = mode === "by_piece" ? t("freight.pieces") : "g";
  return t("freight.ruleText", {
    first: `${rule.firstUnits}${unit}`,
    firstFee: formatFen(rule.firstFeeFen),
    more: `${rule.additionalUnits}${unit}`,
    moreFee: formatFen(rule.additionalFeeFen),
  });
}

export function FreightPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const { failed, done } = useNotify();
  const [templates, setTemplates] = useState<FreightTemplate[]>([]);
  const [editing, setEditing] = useState<FreightTemplate | "new" | null>(null);
  const editable = can("catalog.write");

  const reload = useCallback(() => {
    call(api.GET("/api/admin/v1/freight-templates")).then(setTemplates).catch(failed);
  }, [failed]);
  useEffect(reload, [reload]);

  async function remove(id: number) {
    try {
      await call(api.DELETE("/api/admin/v1/freight-templates/{id}", { params: { path: { id } } }));
      done("common.deleted");
      reload();
    } catch (error) {
      failed(error);
    }
  }

  return (
    <Card
      title={t("freight.title")}
      extra={
        editable && (
          <Button data-testid="freight-create" type="primary" onClick={() => setEditing("new")}>
            {t("freight.create")}
          </Button>
        )
      }
    >
      <Table<FreightTemplate>
        rowKey="id"
        dataSource={templates}
        pagination={false}
        onRow={(row) => rowTestId("freight-row", row.id)}
        columns={[
          { title: t("freight.name"), dataIndex: "name" },
          {
            title: t("freight.mode"),
            dataIndex: "mode",
            render: (m: FreightTemplate["mode"]) => <Tag>{t(`freight.mode.${m}`)}</Tag>,
          },
          {
            title: t("freight.defaultRule"),
            key: "rule",
            render: (_, row) => describeRule(row.defaultRule, row.mode, t),
          },
          { title: t("freight.regionRules"), key: "regions", render: (_, row) => row.regionRules.length },
          {
            title: t("freight.free"),
            key: "free",
            render: (_, row) =>
              [
                row.freeOverFen !== null &&
                  t("freight.freeOverAmount", { amount: formatFen(row.freeOverFen) }),
                row.freeOverPieces !== null && t("freight.freeOverPieces", { pieces: row.freeOverPieces }),
              ]
                .filter(Boolean)
                .join("；") || "—",
          },
          {
            title: t("common.actions"),
            key: "actions",
            render: (_, row) =>
              editable && (
                <Space>
                  <Button size="small" data-testid={`freight-edit-${row.id}`} onClick={() => setEditing(row)}>
                    {t("common.edit")}
                  </Button>
                  <Popconfirm title={t("common.confirmDelete")} onConfirm={() => void remove(row.id)}>
                    <Button size="small" danger>
                      {t("common.delete")}
                    </Button>
                  </Popconfirm>
                </Space>
              ),
          },
        ]}
      />
      {editing !== null && (
        <FreightTemplateDialog
          template={editing === "new" ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={reload}
        />
      )}
    </Card>
  );
}
