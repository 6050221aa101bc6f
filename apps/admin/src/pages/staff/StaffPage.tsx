// 员工与角色: staff accounts (create, change role, disable, reset password) and what each role may do.
import { Button, Card, Select, Space, Switch, Table, Tag } from "antd";
import { useCallback, useEffect, useState } from "react";
import { rowTestId } from "../../components/test-ids.ts";
import { useI18n } from "../../i18n/index.tsx";
import { api, call } from "../../lib/api.ts";
import { type StaffRole, useAuth } from "../../lib/auth.tsx";
import { formatTime } from "../../lib/time.ts";
import { useNotify } from "../../lib/use-notify.ts";
import { RolesTable } from "./RolesTable.tsx";
import { CreateStaffDialog, ResetPasswordDialog } from "./StaffDialogs.tsx";

export type Staff = {
  id: number;
  username: string;
  name: string;
  role: StaffRole;
  disabled: boolean;
  createdAt: string;
};
export const staffRoles: StaffRole[] = ["owner", "operator", "finance", "support"];

export function StaffPage() {
  const { t } = useI18n();
  const { me, can } = useAuth();
  const { failed, done } = useNotify();
  const [staff, setStaff] = useState<Staff[]>([]);
  const [loading, setLoading] = useState(true);
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<Staff | null>(null);
  const editable = can("staff.write");

  const reload = useCallback(() => {
    setLoading(true);
    call(api.GET("/api/admin/v1/staff"))
      .then(setStaff)
      .catch(failed)
      .finally(() => setLoading(false));
  }, [failed]);
  useEffect(reload, [reload]);

  async function change(member: Staff, body: { role?: StaffRole; disabled?: boolean }) {
    try {
      await call(api.PATCH("/api/admin/v1/staff/{id}", { params: { path: { id: member.id } }, body }));
      done();
      reload();
    } catch (error) {
      failed(error);
    }
  }

  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }}>
      <Card
        title={t("staff.title")}
        extra={
          editable && (
            <Button data-testid="staff-create" type="primary" onClick={() => setCreating(true)}>
              {t("staff.create")}
            </Button>
          )
        }
      >
        <Table<Staff>
          rowKey="id"
          loading={loading}
          dataSource={staff}
          pagination={false}
          onRow={(row) => rowTestId("staff-row", row.username)}
          columns={[
            { title: t("staff.username"), dataIndex: "username" },
            { title: t("staff.name"), dataIndex: "name" },
            {
              title: t("staff.role"),
              dataIndex: "role",
              render: (role: StaffRole, row) =>
                editable && row.id !== me?.id ? (
                  <Select<StaffRole>
                    data-testid={`staff-role-${row.username}`}
                    value={role}
                    style={{ width: 140 }}
                    onChange={(next) => void change(row, { role: next })}
                    options={staffRoles.map((r) => ({ value: r, label: t(`role.${r}`) }))}
                  />
                ) : (
                  <Tag color="blue">{t(`role.${role}`)}</Tag>
                ),
            },
            {
              title: t("staff.enabled"),
              dataIndex: "disabled",
              render: (disabled: boolean, row) => (
                <Switch
                  data-testid={`staff-enabled-${row.username}`}
                  checked={!disabled}
                  disabled={!editable || row.id === me?.id}
                  onChange={(enabled) => void change(row, { disabled: !enabled })}
                />
              ),
            },
            {
              title: t("common.createdAt"),
              dataIndex: "createdAt",
              render: formatTime,
            },
            {
              title: t("common.actions"),
              render: (_, row) =>
                editable && (
                  <Button
                    data-testid={`staff-reset-${row.username}`}
                    size="small"
                    onClick={() => setResetting(row)}
                  >
                    {t("staff.resetPassword")}
                  </Button>
                ),
            },
          ]}
        />
      </Card>
      <RolesTable />
      <CreateStaffDialog open={creating} onClose={() => setCreating(false)} onCreated={reload} />
      <ResetPasswordDialog member={resetting} onClose={() => setResetting(null)} />
    </Space>
  );
}
