// 店铺设置: the shop's name, logo, service phone and description, and the order timeouts.
import { Button, Card, Form, Input, InputNumber, Skeleton } from "antd";
import { useEffect, useState } from "react";
import { useI18n } from "../../i18n/index.tsx";
import { api, call } from "../../lib/api.ts";
import { useAuth } from "../../lib/auth.tsx";
import { useNotify } from "../../lib/use-notify.ts";

type Settings = Awaited<ReturnType<typeof loadSettings>>;

function loadSettings() {
  return call(api.GET("/api/admin/v1/settings"));
}

export function SettingsPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const { failed, done } = useNotify();
  const [form] = Form.useForm<Settings>();
  const [loaded, setLoaded] = useState(false);
  const [saving, setSaving] = useState(false);
  const editable = can("settings.write");

  useEffect(() => {
    loadSettings()
      .then((settings) => {
        form.setFieldsValue(settings);
        setLoaded(true);
      })
      .catch(failed);
  }, [form, failed]);

  async function save(values: Settings) {
    setSaving(true);
    try {
      form.setFieldsValue(await call(api.PATCH("/api/admin/v1/settings", { body: values })));
      done();
    } catch (error) {
      failed(error);
    } finally {
      setSaving(false);
    }
  }

  if (!loaded) return <Skeleton active />;
  return (
    <Form<Settings>
      form={form}
      layout="vertical"
      onFinish={save}
      disabled={!editable}
      style={{ maxWidth: 640 }}
    >
      <Card title={t("settings.shop")} style={{ marginBottom: 16 }}>
        <Form.Item name={["shop", "shopName"]} label={t("settings.shopName")} rules={[{ required: true }]}>
          <Input data-testid="settings-shop-name" maxLength={40} />
        </Form.Item>
        <Form.Item name={["shop", "logoUrl"]} label={t("settings.logoUrl")}>
          <Input data-testid="settings-logo-url" />
        </Form.Item>
        <Form.Item name={["shop", "servicePhone"]} label={t("settings.servicePhone")}>
          <Input data-testid="settings-service-phone" />
        </Form.Item>
        <Form.Item name={["shop", "description"]} label={t("settings.description")}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </Card>
      <Card title={t("settings.orders")} style={{ marginBottom: 16 }}>
        <Form.Item name={["orders", "paymentTimeoutMinutes"]} label={t("settings.paymentTimeoutMinutes")}>
          <InputNumber
            data-testid="settings-payment-timeout"
            min={5}
            max={1440}
            precision={0}
            addonAfter={t("unit.minutes")}
          />
        </Form.Item>
        <Form.Item name={["orders", "autoReceiveDays"]} label={t("settings.autoReceiveDays")}>
          <InputNumber min={1} max={30} precision={0} addonAfter={t("unit.days")} />
        </Form.Item>
        <Form.Item name={["orders", "afterSaleDays"]} label={t("settings.afterSaleDays")}>
          <InputNumber min={0} max={30} precision={0} addonAfter={t("unit.days")} />
        </Form.Item>
      </Card>
      {editable && (
        <Button data-testid="settings-save" type="primary" htmlType="submit" loading={saving}>
          {t("common.save")}
        </Button>
      )}
    </Form>
  );
}
