// Becoming a distributor: what the shop requires, "join" when open to the shopper, the application form when
// the shop reviews applications, and the latest application's status.
import { Button, Form, Input, TextArea, Toast } from "antd-mobile";
import { useState } from "react";
import { useI18n } from "../../i18n/index.tsx";
import { distributionApi } from "../../lib/distribution-api.ts";
import type { MyDistribution } from "../../lib/distribution-types.ts";
import { formatFen } from "../../lib/money.ts";
import { useFail } from "../../lib/use-fail.ts";

export function JoinCard({ me, onChanged }: { me: MyDistribution; onChanged: () => void }) {
  const { t } = useI18n();
  const fail = useFail();
  const [busy, setBusy] = useState(false);
  const { eligibility, application } = me;
  const rule =
    eligibility.kind === "spend_at_least"
      ? t("dist.eligibility.spend_at_least", { amount: formatFen(eligibility.thresholdFen) })
      : t(`dist.eligibility.${eligibility.kind}`);

  const act = async (request: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await request();
      Toast.show({ icon: "success", content: done });
      onChanged();
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  };

  const pending = application?.status === "pending";
  const showForm = eligibility.kind === "application" && !pending;
  const showJoin = !["application", "appointed_only"].includes(eligibility.kind);

  return (
    <div className="card dist-join" data-testid="dist-join">
      <div className="dist-join-title">{t("dist.joinTitle")}</div>
      <p className="muted">{t("dist.joinIntro")}</p>
      <p data-testid="dist-eligibility">{rule}</p>
      {me.distributor?.status === "removed" && <p className="cart-line-problem">{t("dist.removed")}</p>}
      {application && (
        <p
          className="dist-application"
          data-testid="dist-application-status"
          data-status={application.status}
        >
          {application.status === "rejected"
            ? t("dist.application.rejected", { reason: application.rejectReason ?? "" })
            : t(`dist.application.${application.status}`)}
        </p>
      )}
      {showJoin && (
        <Button
          block
          color="danger"
          shape="rounded"
          loading={busy}
          onClick={() => act(distributionApi.join, t("dist.joined"))}
          data-testid="dist-join-button"
        >
          {t("dist.join")}
        </Button>
      )}
      {showForm && (
        <Form
          layout="horizontal"
          onFinish={(v: { realName: string; phone: string; note?: string }) =>
            act(() => distributionApi.apply({ ...v, note: v.note ?? "" }), t("dist.applied"))
          }
          footer={
            <Button
              block
              type="submit"
              color="danger"
              shape="rounded"
              loading={busy}
              data-testid="dist-apply-submit"
            >
              {t("dist.apply")}
            </Button>
          }
          data-testid="dist-apply-form"
        >
          <Form.Item name="realName" label={t("dist.applyRealName")} rules={[{ required: true, max: 40 }]}>
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item name="phone" label={t("dist.applyPhone")} rules={[{ required: true, min: 5, max: 20 }]}>
            <Input type="tel" maxLength={20} />
          </Form.Item>
          <Form.Item name="note" label={t("dist.applyNote")}>
            <TextArea maxLength={500} autoSize />
          </Form.Item>
        </Form>
      )}
    </div>
  );
}
