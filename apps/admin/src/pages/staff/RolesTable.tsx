// What each role may do: the server's permission table, one column per role.
import { CheckOutlined } from "@ant-design/icons";
import { Card, Table } from "antd";
import { useEffect, useState } from "react";
import { isMessageKey, useI18n } from "../../i18n/index.tsx";
import { api, call } from "../../lib/api.ts";
import type { StaffRole } from "../../lib/auth.tsx";
import { useNotify } from "../../lib/use-notify.ts";

const roles: StaffRole[] = ["owner", "operator", "finance", "support"];

export function RolesTable() {
  const { t } = useI18n();
  const { failed } = useNotify();
  const [grants, setGrants] = useState<{ role: StaffRole; permissions: string[] }[]>([]);

  useEffect(() => {
    call(api.GET("/api/admin/v1/roles")).then(setGrants).catch(failed);
  }, [failed]);

  const permissions = [...new Set(grants.flatMap((g) => g.permissions))];
  const label = (p: string) => {
    const key = `perm.${p}`;
    // in words; the code stays in the tooltip for whoever reads the server's permission table
    return isMessageKey(key) ? <span title={p}>{t(key)}</span> : p;
  };
  return (
    <Card title={t("staff.roles")}>
      <Table
        data-testid="roles-table"
        size="small"
        rowKey="permission"
        pagination={false}
        dataSource={permissions.map((permission) => ({ permission }))}
        columns={[
          { title: t("staff.permission"), dataIndex: "permission", render: label },
          ...roles.map((role) => ({
            title: t(`role.${role}`),
            key: role,
            align: "center" as const,
            render: (_: unknown, row: { permission: string }) =>
              grants.find((g) => g.role === role)?.permissions.includes(row.permission) ? (
                <CheckOutlined style={{ color: "#52c41a" }} />
              ) : null,
          })),
        ]}
      />
    </Card>
  );
}
