// 店铺设置: the shop's name, logo, service phone and description, the order timeouts, the return address
// shoppers see on an approved return, the service desk's hours and parcels' "signed for" auto-receive, and (owner only) the money limits on refunds and withdrawal auto-approval.
import { Button, Card, Form, Input, InputNumber, Skeleton, Switch } from "antd";
import { useEffect, useState } from "react";
import { MoneyInput } from "../../components/MoneyInput.tsx";
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
  const [limitsForm] = Form.useForm<Settings["moneyLimits"]>();
  const [loaded, setLoaded] = useState(false);
  const [saving, setSaving] = useState(false);
  const editable = can("settings.write");

  useEffect(() => {
    loadSettings()
      .then((settings) => {
        form.setFieldsValue(settings);
        limitsForm.setFieldsValue(settings.moneyLimits);
        setLoaded(true);
      })
      .catch(failed);
  }, [form, limitsForm, failed]);

  async function save(values: Settings) {
    setSaving(true);
    try {
      const { shop, orders, returns, service } = values;
      form.setFieldsValue(
        await call(api.PATCH("/api/admin/v1/settings", { body: { shop, orders, returns, service } })),
      );
      done();
    } catch (error) {
      failed(error);
    } finally {
      setSaving(false);
    }
  }

  async function saveLimits(values: Settings["moneyLimits"]) {
    setSaving(true);
    try {
      const saved = await call(api.PUT("/api/admin/v1/settings/money-limits", { body: values }));
      limitsForm.setFieldsValue(saved.moneyLimits);
      done();
    } catch (error) {
      failed(error);
    } finally {
      setSaving(false);
    }
  }

  if (!loaded) return <Skeleton active />;
  return (
    <>
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
        <Card title={t("settings.service")} style={{ marginBottom: 16 }}>
          <Form.Item name={["service", "hoursOpen"]} label={t("settings.serviceHoursOpen")}>
            <Input data-testid="settings-service-open" style={{ width: 120 }} placeholder="09:00" />
          </Form.Item>
          <Form.Item name={["service", "hoursClose"]} label={t("settings.serviceHoursClose")}>
            <Input data-testid="settings-service-close" style={{ width: 120 }} placeholder="21:00" />
          </Form.Item>
          <Form.Item
            name={["service", "autoAnswer"]}
            label={t("settings.serviceAutoAnswer")}
            valuePropName="checked"
          >
            <Switch data-testid="settings-service-auto-answer" />
          </Form.Item>
          <Form.Item
            name={["service", "autoReceiveOnSigned"]}
            label={t("settings.autoReceiveOnSigned")}
            extra={t("settings.autoReceiveOnSignedHint")}
            valuePropName="checked"
          >
            <Switch data-testid="settings-auto-receive-on-signed" />
          </Form.Item>
          <Form.Item
            name={["service", "autoReceiveDaysAfterSigned"]}
            label={t("settings.autoReceiveDaysAfterSigned")}
          >
            <InputNumber min={1} max={30} precision={0} addonAfter={t("unit.days")} />
          </Form.Item>
        </Card>
        <Card title={t("settings.returns")} extra={t("settings.returnsHint")} style={{ marginBottom: 16 }}>
          <Form.Item name={["returns", "name"]} label={t("settings.returnName")}>
            <Input data-testid="settings-return-name" maxLength={30} />
          </Form.Item>
          <Form.Item name={["returns", "phone"]} label={t("settings.returnPhone")}>
            <Input data-testid="settings-return-phone" maxLength={20} />
          </Form.Item>
          <Form.Item name={["returns", "address"]} label={t("settings.returnAddress")}>
            <Input.TextArea data-testid="settings-return-address" rows={2} maxLength={200} />
          </Form.Item>
        </Card>
        {editable && (
          <Button data-testid="settings-save" type="primary" htmlType="submit" loading={saving}>
            {t("common.save")}
          </Button>
        )}
      </Form>
      {can("money.limits") && (
        <Form<Settings["moneyLimits"]>
          form={limitsForm}
          layout="vertical"
          onFinish={saveLimits}
          style={{ maxWidth: 640, marginTop: 24 }}
        >
          <Card title={t("settings.moneyLimits")} style={{ marginBottom: 16 }}>
            <Form.Item
              name="reviewersMayRefundUpToFen"
              label={t("settings.reviewersMayRefundUpTo")}
              extra={t("settings.reviewersMayRefundHint")}
            >
              <MoneyInput data-testid="settings-reviewer-refund-limit" style={{ width: 180 }} />
            </Form.Item>
            <Form.Item
              name="withdrawalAutoApproveMaxFen"
              label={t("settings.withdrawalAutoApproveMax")}
              extra={t("settings.withdrawalAutoApproveMaxHint")}
              rules={[{ required: true }]}
            >
              <MoneyInput data-testid="settings-auto-approve-max" style={{ width: 180 }} />
            </Form.Item>
          </Card>
          <Button data-testid="settings-limits-save" type="primary" htmlType="submit" loading={saving}>
            {t("common.save")}
          </Button>
        </Form>
      )}
    </>
  );
}
