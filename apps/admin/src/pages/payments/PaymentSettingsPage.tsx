// 支付设置: each provider's merchant ids and keys. Secrets are write-only: the server shows back a fingerprint or
// the last four characters, and an empty secret field keeps the stored key.
import { Alert, Button, Card, Descriptions, Form, Skeleton, Space, Switch, Tag, Typography } from "antd";
import { useCallback, useEffect, useState } from "react";
import { useI18n } from "../../i18n/index.tsx";
import { ApiFailure, api, call } from "../../lib/api.ts";
import { useNotify } from "../../lib/use-notify.ts";
import { AlipayFields, toAlipayBody, toWechatBody, WechatFields } from "./payment-settings-fields.tsx";

type ProviderSettings = Awaited<ReturnType<typeof loadSettings>>[number];

async function loadSettings() {
  return (await call(api.GET("/api/admin/v1/payments/settings"))).items;
}

export function PaymentSettingsPage() {
  const { t } = useI18n();
  const { failed } = useNotify();
  const [items, setItems] = useState<ProviderSettings[] | null>(null);
  const reload = useCallback(() => {
    loadSettings().then(setItems).catch(failed);
  }, [failed]);
  useEffect(reload, [reload]);

  if (!items) return <Skeleton active />;
  return (
    <Space direction="vertical" size="middle" style={{ width: "100%", maxWidth: 880 }}>
      <Alert type="info" showIcon message={t("paySettings.secretNotice")} />
      {items.map((item) =>
        item.provider === "sandbox" ? (
          <SandboxCard key="sandbox" item={item} onSaved={reload} />
        ) : (
          <ProviderCard key={item.provider} item={item} onSaved={reload} />
        ),
      )}
    </Space>
  );
}

/** The sandbox moves no money, so it is a switch the merchant turns off before going live. */
function SandboxCard({ item, onSaved }: { item: ProviderSettings; onSaved: () => void }) {
  const { t } = useI18n();
  const { failed, done } = useNotify();
  const [saving, setSaving] = useState(false);

  async function toggle(enabled: boolean) {
    setSaving(true);
    try {
      await call(api.PUT("/api/admin/v1/payments/settings/sandbox", { body: { enabled } }));
      done();
      onSaved();
    } catch (error) {
      failed(error);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Card
      title={t("provider.sandbox")}
      data-testid="pay-settings-sandbox"
      extra={
        <Tag color={item.enabled ? "orange" : "default"}>
          {item.enabled ? t("paySettings.on") : t("paySettings.off")}
        </Tag>
      }
    >
      <Space direction="vertical" style={{ width: "100%" }}>
        <Typography.Text type="secondary">{t("paySettings.sandboxHint")}</Typography.Text>
        <Typography.Text type="secondary" data-testid="pay-settings-demo-scope">
          {t("paySettings.sandboxDemoScope")}
        </Typography.Text>
        {item.enabled && <Alert type="warning" showIcon message={t("paySettings.sandboxLiveWarning")} />}
        <Space>
          <Switch
            checked={item.enabled}
            loading={saving}
            onChange={toggle}
            data-testid="pay-settings-sandbox-enabled"
          />
          {t("paySettings.sandboxSwitch")}
        </Space>
      </Space>
    </Card>
  );
}

function ProviderCard({ item, onSaved }: { item: ProviderSettings; onSaved: () => void }) {
  const { t } = useI18n();
  const { failed, done } = useNotify();
  const [form] = Form.useForm();
  const [saving, setSaving] = useState(false);
  const wechat = item.provider === "wechat";

  useEffect(() => {
    const s = item.settings as Record<string, unknown>;
    form.setFieldsValue({
      ...s,
      enabled: item.enabled,
      // secrets never come back; the fields start empty, which keeps the stored keys
      merchantPrivateKeyPem: undefined,
      apiV3Key: undefined,
      privateKey: undefined,
      ...(wechat
        ? {
            publicKeys: Object.entries((s.wechatpayPublicKeys as Record<string, string>) ?? {}).map(
              ([id, pem]) => ({ id, pem }),
            ),
          }
        : {}),
    });
  }, [item, form, wechat]);

  async function save(values: Record<string, unknown>) {
    setSaving(true);
    try {
      if (wechat)
        await call(api.PUT("/api/admin/v1/payments/settings/wechat", { body: toWechatBody(values) }));
      else await call(api.PUT("/api/admin/v1/payments/settings/alipay", { body: toAlipayBody(values) }));
      done();
      onSaved();
    } catch (error) {
      // the server names the field whose key would not load
      const field = error instanceof ApiFailure ? (error.details as { field?: string })?.field : undefined;
      if (field)
        form.setFields([{ name: field.split(".")[0] ?? field, errors: [t("paySettings.fieldInvalid")] }]);
      failed(error);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Card
      title={t(`provider.${item.provider as "wechat" | "alipay"}`)}
      data-testid={`pay-settings-${item.provider}`}
      extra={
        <Tag color={item.enabled ? "green" : "default"}>
          {item.enabled
            ? t("paySettings.on")
            : item.configured
              ? t("paySettings.off")
              : t("paySettings.notSet")}
        </Tag>
      }
    >
      <Descriptions size="small" column={1} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t("paySettings.notifyUrl")}>
          <Typography.Text copyable>{item.paymentNotifyUrl}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t("paySettings.refundNotifyUrl")}>
          <Typography.Text copyable>{item.refundNotifyUrl}</Typography.Text>
        </Descriptions.Item>
      </Descriptions>
      <Form form={form} layout="vertical" onFinish={save}>
        <Form.Item name="enabled" label={t("paySettings.enabled")} valuePropName="checked">
          <Switch data-testid={`pay-settings-${item.provider}-enabled`} />
        </Form.Item>
        {wechat ? <WechatFields secrets={item.secrets} /> : <AlipayFields secrets={item.secrets} />}
        <Button
          type="primary"
          htmlType="submit"
          loading={saving}
          data-testid={`pay-settings-${item.provider}-save`}
        >
          {t("common.save")}
        </Button>
      </Form>
    </Card>
  );
}
