// Pool settings (off / static per grade or weighted / dynamic per producer level), caps per day / month /
// quarter / year with what happens to what they hold back, and team dividends (级差 or flat, depth ≤ 3, tiers).
// Team dividends ship off; when on, the 团队计酬 legal notice stays on screen.
import { Alert, Button, Form, InputNumber, Radio, Space, Switch } from "antd";
import { useCallback, useEffect, useState } from "react";
import { MoneyInput, PercentInput } from "../../components/MoneyInput.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { api, call } from "../../lib/api.ts";
import { useAuth } from "../../lib/auth.tsx";
import { useNotify } from "../../lib/use-notify.ts";
import { hasInvalidAmount } from "../../lib/yuan-input.ts";
import { BonusRulesField } from "./BonusRulesField.tsx";

type Settings = Awaited<ReturnType<typeof load>>;
const load = () => call(api.GET("/api/admin/v1/dividends/settings"));
const capFields = ["dayFen", "monthFen", "quarterFen", "yearFen"] as const;

export function DividendSettingsTab() {
  const { t } = useI18n();
  const { can } = useAuth();
  const { failed, done } = useNotify();
  const [settings, setSettings] = useState<Settings | null>(null);
  const [form] = Form.useForm<Settings>();
  const editable = can("distribution.configure");

  const reload = useCallback(() => {
    load()
      .then((s) => {
        setSettings(s);
        form.setFieldsValue(s);
      })
      .catch(failed);
  }, [failed, form]);
  useEffect(reload, [reload]);

  async function save(values: Settings) {
    if (hasInvalidAmount(values)) return void failed(new Error(t("money.fixFirst")));
    // the form holds only the fields on screen: each section keeps what it does not show
    const { teamNotice: _, ...saved } = settings!;
    const body = {
      pool: { ...saved.pool, ...values.pool },
      caps: { ...saved.caps, ...values.caps },
      team: { ...saved.team, ...values.team },
      bonuses: values.bonuses ?? saved.bonuses,
      clawbackAfterRefund: values.clawbackAfterRefund ?? saved.clawbackAfterRefund,
    };
    const caps = Object.fromEntries(capFields.map((k) => [k, body.caps[k] ?? null])) as Settings["caps"];
    try {
      const saved = await call(api.PUT("/api/admin/v1/dividends/settings", { body: { ...body, caps } }));
      setSettings(saved);
      done();
    } catch (error) {
      failed(error);
    }
  }

  const mode = Form.useWatch(["pool", "mode"], form);
  const allocation = Form.useWatch(["pool", "allocation"], form);
  const teamOn = Form.useWatch(["team", "enabled"], form);
  if (!settings) return null;
  return (
    <Form form={form} layout="vertical" onFinish={save} disabled={!editable} data-testid="dividend-settings">
      <h3>{t("div.pool")}</h3>
      <Form.Item name={["pool", "mode"]} label={t("div.pool.mode")}>
        <Radio.Group
          options={(["off", "static", "dynamic"] as const).map((m) => ({
            value: m,
            label: t(`div.pool.mode.${m}`),
          }))}
        />
      </Form.Item>
      {mode === "dynamic" && <Alert type="info" showIcon message={t("div.pool.dynamicHint")} />}
      {mode === "static" && (
        <Space wrap>
          <Form.Item name={["pool", "allocation"]} label={t("div.pool.allocation")}>
            <Radio.Group
              options={(["per_grade", "weighted"] as const).map((a) => ({
                value: a,
                label: t(`div.pool.${a}`),
              }))}
            />
          </Form.Item>
          {allocation === "weighted" && (
            <Form.Item name={["pool", "weightedPoolBps"]} label={t("div.pool.weightedShare")}>
              <PercentInput style={{ width: 120 }} />
            </Form.Item>
          )}
        </Space>
      )}
      {mode === "dynamic" && (
        <Form.List name={["pool", "levels"]}>
          {(fields, { add, remove }) => (
            <Space wrap align="end">
              {fields.map((field, i) => (
                <Space key={field.key} align="end">
                  <Form.Item name={[field.name, "level"]} label={t("div.pool.level")} initialValue={i + 1}>
                    <InputNumber min={1} max={3} precision={0} />
                  </Form.Item>
                  <Form.Item name={[field.name, "shareBps"]} label={t("div.pool.levelShare")}>
                    <PercentInput style={{ width: 100 }} />
                  </Form.Item>
                  <Button onClick={() => remove(field.name)}>{t("common.delete")}</Button>
                </Space>
              ))}
              {fields.length < 3 && (
                <Button onClick={() => add({ level: fields.length + 1, shareBps: 0 })}>
                  {t("div.pool.addLevel")}
                </Button>
              )}
            </Space>
          )}
        </Form.List>
      )}
      <h3>{t("div.caps")}</h3>
      <Space wrap>
        {capFields.map((k) => (
          <Form.Item key={k} name={["caps", k]} label={t(`div.caps.${k}`)}>
            <MoneyInput style={{ width: 140 }} placeholder={t("div.caps.none")} />
          </Form.Item>
        ))}
      </Space>
      <Form.Item name={["pool", "capOverflow"]} label={t("div.caps.overflow")}>
        <Radio.Group
          options={(["redistribute", "merchant_keeps"] as const).map((o) => ({
            value: o,
            label: t(`div.caps.${o}`),
          }))}
        />
      </Form.Item>
      <Form.Item
        name="clawbackAfterRefund"
        label={t("div.clawback")}
        valuePropName="checked"
        extra={t("div.clawback.hint")}
      >
        <Switch data-testid="clawback-enabled" />
      </Form.Item>
      <h3>{t("div.team")}</h3>
      <Form.Item name={["team", "enabled"]} label={t("div.team.enabled")} valuePropName="checked">
        <Switch data-testid="team-enabled" />
      </Form.Item>
      {(teamOn || settings.teamNotice) && (
        <Alert
          type="warning"
          showIcon
          data-testid="team-notice"
          message={t("div.team.notice")}
          style={{ marginBottom: 16 }}
        />
      )}
      <Space wrap>
        <Form.Item name={["team", "mode"]} label={t("div.team.mode")}>
          <Radio.Group
            options={(["differential", "flat"] as const).map((m) => ({
              value: m,
              label: t(`div.team.${m}`),
            }))}
          />
        </Form.Item>
        <Form.Item name={["team", "depth"]} label={t("div.team.depth")}>
          <InputNumber min={1} max={3} precision={0} />
        </Form.Item>
      </Space>
      <Form.List name={["team", "tiers"]}>
        {(fields, { add, remove }) => (
          <>
            {fields.map((field) => (
              <Space key={field.key} align="end">
                <Form.Item name={[field.name, "thresholdFen"]} label={t("div.team.threshold")}>
                  <MoneyInput style={{ width: 140 }} />
                </Form.Item>
                <Form.Item name={[field.name, "rateBps"]} label={t("div.team.rate")}>
                  <PercentInput style={{ width: 100 }} />
                </Form.Item>
                <Button onClick={() => remove(field.name)}>{t("common.delete")}</Button>
              </Space>
            ))}
            <div>
              <Button onClick={() => add({ thresholdFen: 0, rateBps: 0 })}>{t("div.team.addTier")}</Button>
            </div>
          </>
        )}
      </Form.List>
      <h3>{t("div.bonus")}</h3>
      <BonusRulesField />
      {editable && (
        <Button
          type="primary"
          htmlType="submit"
          style={{ marginTop: 16 }}
          data-testid="dividend-settings-save"
        >
          {t("common.save")}
        </Button>
      )}
    </Form>
  );
}
