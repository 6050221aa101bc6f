// 分销设置: every switch of the commission plan, binding, eligibility, withdrawals, rewards and fraud checks,
// under the compliance notes (levels ≤ 3, no entry fee, no pay for recruiting, capped commission).
import { Alert, Button, Form, Skeleton } from "antd";
import { useEffect, useState } from "react";
import { useI18n } from "../../i18n/index.tsx";
import { api, call } from "../../lib/api.ts";
import { useAuth } from "../../lib/auth.tsx";
import { useNotify } from "../../lib/use-notify.ts";
import { hasInvalidAmount } from "../../lib/yuan-input.ts";
import {
  BindingCard,
  EligibilityCard,
  PlanCard,
  RewardsAndFraudCard,
  WithdrawalCard,
} from "./settings-sections.tsx";
import { type DistributionSettings, loadDistributionSettings } from "./types.ts";

/** The eligibility union is strict: send only the fields of the chosen kind. */
function cleanEligibility(e: DistributionSettings["eligibility"]): DistributionSettings["eligibility"] {
  const raw = e as { kind: string; thresholdFen?: number; productIds?: string[] };
  if (raw.kind === "spend_at_least") return { kind: "spend_at_least", thresholdFen: raw.thresholdFen ?? 0 };
  if (raw.kind === "bought_product") return { kind: "bought_product", productIds: raw.productIds ?? [] };
  return { kind: raw.kind } as DistributionSettings["eligibility"];
}

export function DistributionSettingsPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const { failed, done } = useNotify();
  const [form] = Form.useForm<DistributionSettings>();
  const [loaded, setLoaded] = useState<DistributionSettings | null>(null);
  const [saving, setSaving] = useState(false);
  const editable = can("distribution.configure");

  useEffect(() => {
    loadDistributionSettings().then(setLoaded).catch(failed);
  }, [failed]);

  async function save(values: DistributionSettings) {
    if (hasInvalidAmount(values)) return void failed(new Error(t("money.fixFirst")));
    if (!loaded) return;
    const merged = { ...loaded, ...values, plan: { ...loaded.plan, ...values.plan } };
    setSaving(true);
    try {
      await call(
        api.PUT("/api/admin/v1/distribution/settings", {
          body: { ...merged, eligibility: cleanEligibility(merged.eligibility) },
        }),
      );
      setLoaded(await loadDistributionSettings());
      done();
    } catch (error) {
      failed(error);
    } finally {
      setSaving(false);
    }
  }

  if (!loaded) return <Skeleton active />;
  return (
    <Form<DistributionSettings>
      form={form}
      layout="vertical"
      initialValues={loaded}
      onFinish={save}
      disabled={!editable}
    >
      <Alert
        data-testid="dist-compliance"
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        message={t("dist.compliance.title")}
        description={
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            <li>{t("dist.compliance.levels")}</li>
            <li>{t("dist.compliance.entryFee")}</li>
            <li>{t("dist.compliance.recruiting")}</li>
            <li>{t("dist.compliance.cap")}</li>
            <li>{t("dist.compliance.team")}</li>
          </ul>
        }
      />
      <PlanCard />
      <BindingCard />
      <EligibilityCard />
      <WithdrawalCard />
      <RewardsAndFraudCard />
      {editable && (
        <Button data-testid="dist-settings-save" type="primary" htmlType="submit" loading={saving}>
          {t("common.save")}
        </Button>
      )}
    </Form>
  );
}
