// The staff dialogs: create an account with a role, and set a new password for someone.
import { Form, Input, Modal, Select } from "antd";
import { useState } from "react";
import { useI18n } from "../../i18n/index.tsx";
import { api, call } from "../../lib/api.ts";
import type { StaffRole } from "../../lib/auth.tsx";
import { useNotify } from "../../lib/use-notify.ts";
import type { Staff } from "./StaffPage.tsx";

type CreateValues = { username: string; name: string; role: StaffRole; password: string };

export function CreateStaffDialog(props: { open: boolean; onClose: () => void; onCreated: () => void }) {
  const { t } = useI18n();
  const { failed, done } = useNotify();
  const [form] = Form.useForm<CreateValues>();
  const [busy, setBusy] = useState(false);

  async function submit(values: CreateValues) {
    setBusy(true);
    try {
      await call(api.POST("/api/admin/v1/staff", { body: values }));
      done("staff.created");
      form.resetFields();
      props.onCreated();
      props.onClose();
    } catch (error) {
      failed(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={props.open}
      title={t("staff.create")}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      confirmLoading={busy}
      okButtonProps={{ "data-testid": "staff-create-submit" }}
    >
      <Form<CreateValues> form={form} layout="vertical" onFinish={submit} initialValues={{ role: "support" }}>
        <Form.Item
          name="username"
          label={t("staff.username")}
          rules={[{ required: true, pattern: /^[a-zA-Z0-9_.-]{3,40}$/, message: t("staff.usernameRule") }]}
        >
          <Input data-testid="staff-form-username" />
        </Form.Item>
        <Form.Item name="name" label={t("staff.name")} rules={[{ required: true }]}>
          <Input data-testid="staff-form-name" />
        </Form.Item>
        <Form.Item name="role" label={t("staff.role")} rules={[{ required: true }]}>
          <Select
            data-testid="staff-form-role"
            options={(["owner", "operator", "finance", "support"] as const).map((r) => ({
              value: r,
              label: t(`role.${r}`),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="password"
          label={t("auth.password")}
          rules={[{ required: true, min: 8, message: t("staff.passwordRule") }]}
        >
          <Input.Password data-testid="staff-form-password" autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function ResetPasswordDialog({ member, onClose }: { member: Staff | null; onClose: () => void }) {
  const { t } = useI18n();
  const { failed, done } = useNotify();
  const [form] = Form.useForm<{ password: string }>();

  async function submit({ password }: { password: string }) {
    if (!member) return;
    try {
      await call(
        api.PATCH("/api/admin/v1/staff/{id}", { params: { path: { id: member.id } }, body: { password } }),
      );
      done("staff.passwordReset");
      form.resetFields();
      onClose();
    } catch (error) {
      failed(error);
    }
  }

  return (
    <Modal
      open={member !== null}
      title={`${t("staff.resetPassword")} · ${member?.name ?? ""}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ "data-testid": "staff-reset-submit" }}
    >
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="password"
          label={t("staff.newPassword")}
          rules={[{ required: true, min: 8, message: t("staff.passwordRule") }]}
        >
          <Input.Password data-testid="staff-reset-password" autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
