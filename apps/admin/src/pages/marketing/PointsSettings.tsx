// 积分设置: points on or off, what 1 yuan is in points at checkout, the most of an order points may pay, and the
// share of what a shopper paid that comes back as points. Saving is a money action (points.configure, held by
// distribution.configure): others see the rule read-only.
import { Alert, Button, Form, InputNumber, Space, Switch, Typography } from "antd";
import { useEffect, useState } from "react";
import { PercentInput } from "../../components/MoneyInput.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { useAuth } from "../../lib/auth.tsx";
import { useNotify } from "../../lib/use-notify.ts";
import { type PointsRule, pointsApi } from "./points-api.ts";

export function PointsSettings() {
  const { t } = useI18n();
  const { can } = useAuth();
  const { failed, done } = useNotify();
  const [form] = Form.useForm<PointsRule>();
  const [loaded, setLoaded] = useState(false);
  const [saving, setSaving] = useState(false);
  const writable = can("distribution.configure");
  const perYuan = Form.useWatch("pointsPerYuan", form) ?? 100;

  useEffect(() => {
    pointsApi.rule().then((rule) => {
      form.setFieldsValue(rule);
      setLoaded(true);
    }, failed);
  }, [form, failed]);

  async function save(v: PointsRule) {
    setSaving(true);
    try {
      form.setFieldsValue(await pointsApi.saveRule(v));
      done();
    } catch (error) {
      failed(error);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Form<PointsRule> form={form} layout="vertical" onFinish={save} disabled={!writable || !loaded}>
      {!writable && (
        <Alert type="info" showIcon message={t("points.moneyOnly")} style={{ marginBottom: 16 }} />
      )}
      <Form.Item name="enabled" label={t("points.enabled")} valuePropName="checked">
        <Switch data-testid="points-enabled" />
      </Form.Item>
      <Space wrap size="large">
        <Form.Item name="pointsPerYuan" label={t("points.perYuan")} rules={[{ required: true }]}>
          <InputNumber min={1} max={100_000} precision={0} addonAfter={t("points.unit")} />
        </Form.Item>
        <Form.Item name="maxShareBps" label={t("points.maxShare")} rules={[{ required: true }]}>
          <PercentInput data-testid="points-max-share" />
        </Form.Item>
        <Form.Item name="earnBps" label={t("points.earn")} rules={[{ required: true }]}>
          <PercentInput data-testid="points-earn" />
        </Form.Item>
      </Space>
      <Typography.Paragraph type="secondary">{t("points.explain", { n: perYuan })}</Typography.Paragraph>
      {writable && (
        <Button type="primary" htmlType="submit" loading={saving} data-testid="points-save">
          {t("common.save")}
        </Button>
      )}
    </Form>
  );
}
