// The cards of the distribution settings form: commission plan, binding, eligibility, withdrawals, rewards, fraud.
import { Alert, App, Card, Form, InputNumber, Radio, Select, Space, Switch } from "antd";
import { useEffect, useState } from "react";
import { MoneyInput, PercentInput } from "../../components/MoneyInput.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { useAuth } from "../../lib/auth.tsx";
import { marketingApi } from "../marketing/marketing-api.ts";
import { liveActivityKinds } from "./activities.ts";

/** The highest total cap the server accepts (30%): above it a purchase pays mostly for the network. */
export const MAX_CAP_BPS = 3000;
export const withdrawalMethods = [
  "wallet",
  "bank",
  "wechat_qr",
  "alipay_qr",
  "wechat_api",
  "alipay_api",
] as const;

export function PlanCard() {
  const { t } = useI18n();
  const base = Form.useWatch(["plan", "base"]);
  const levels = Form.useWatch(["plan", "levels"]) ?? 2;
  return (
    <Card title={t("dist.plan")} style={{ marginBottom: 16 }}>
      <Form.Item name={["plan", "enabled"]} label={t("dist.enabled")} valuePropName="checked">
        <Switch data-testid="dist-enabled" />
      </Form.Item>
      <Form.Item name={["plan", "levels"]} label={t("dist.levels")} extra={t("dist.levelsHint")}>
        <Radio.Group
          data-testid="dist-levels"
          options={[1, 2, 3].map((n) => ({ value: n, label: t("dist.levelN", { n }) }))}
        />
      </Form.Item>
      <Space wrap align="start">
        {[0, 1, 2].map((i) => (
          <Form.Item
            key={i}
            name={["plan", "ratesBps", i]}
            label={t("dist.rateLevel", { n: i + 1 })}
            hidden={i >= levels}
          >
            <PercentInput data-testid={`dist-rate-${i + 1}`} style={{ width: 120 }} />
          </Form.Item>
        ))}
        <Form.Item
          name={["plan", "capBps"]}
          label={t("dist.cap")}
          extra={t("dist.capHint")}
          rules={[
            {
              validator: async (_, bps: number | null) => {
                if (bps != null && bps > MAX_CAP_BPS) throw new Error(t("dist.capOverLimit"));
              },
            },
          ]}
        >
          <PercentInput data-testid="dist-cap" style={{ width: 120 }} />
        </Form.Item>
      </Space>
      <Form.Item name={["plan", "base"]} label={t("dist.base")}>
        <Radio.Group
          options={[
            { value: "paid", label: t("dist.base.paid") },
            { value: "list", label: t("dist.base.list") },
          ]}
        />
      </Form.Item>
      {base === "list" && (
        <Alert type="warning" showIcon message={t("dist.baseListWarning")} style={{ marginBottom: 16 }} />
      )}
      <Form.Item
        name={["plan", "selfPurchase"]}
        label={t("dist.selfPurchase")}
        extra={t("dist.selfPurchaseHint")}
        valuePropName="checked"
      >
        <Switch />
      </Form.Item>
      {/* each switch appears once its activity exists in the shop; until then it would promise nothing */}
      {liveActivityKinds.length > 0 && (
        <Form.Item label={t("dist.activityCommission")} extra={t("dist.activityHint")}>
          <Space wrap size="large">
            {liveActivityKinds.map((kind) => (
              <Space key={kind}>
                <Form.Item noStyle name={["plan", "activityCommission", kind]} valuePropName="checked">
                  <Switch size="small" />
                </Form.Item>
                {t(`activity.${kind}`)}
              </Space>
            ))}
          </Space>
        </Form.Item>
      )}
      {liveActivityKinds.includes("group_buy") && (
        <Form.Item name={["plan", "groupBuyLeaderBonusBps"]} label={t("dist.leaderBonus")}>
          <PercentInput style={{ width: 120 }} />
        </Form.Item>
      )}
      <Space wrap align="start">
        <Form.Item name={["plan", "release", "mode"]} label={t("dist.release")}>
          <Select
            style={{ width: 200 }}
            options={[
              { value: "after_receipt", label: t("dist.release.after_receipt") },
              { value: "after_payment", label: t("dist.release.after_payment") },
            ]}
          />
        </Form.Item>
        <Form.Item
          name={["plan", "release", "days"]}
          label={t("dist.releaseDays")}
          extra={t("dist.releaseDaysHint")}
        >
          <InputNumber min={0} max={365} precision={0} addonAfter={t("unit.days")} />
        </Form.Item>
      </Space>
    </Card>
  );
}

export function BindingCard() {
  const { t } = useI18n();
  return (
    <Card title={t("dist.binding")} style={{ marginBottom: 16 }}>
      <Form.Item name={["binding", "who"]} label={t("dist.bindWho")}>
        <Radio.Group
          options={(["no_upline_only", "new_shoppers_only", "override_each_link"] as const).map((v) => ({
            value: v,
            label: t(`dist.bindWho.${v}`),
          }))}
        />
      </Form.Item>
      <Space wrap align="start">
        <Form.Item
          name={["binding", "durationDays"]}
          label={t("dist.bindDuration")}
          extra={t("dist.bindDurationHint")}
        >
          <InputNumber
            min={1}
            max={3650}
            precision={0}
            placeholder={t("dist.permanent")}
            addonAfter={t("unit.days")}
          />
        </Form.Item>
        <Form.Item name={["binding", "protectionDays"]} label={t("dist.protectionDays")}>
          <InputNumber min={0} max={3650} precision={0} addonAfter={t("unit.days")} />
        </Form.Item>
        <Form.Item
          name={["binding", "extendOnOrder"]}
          label={t("dist.extendOnOrder")}
          valuePropName="checked"
        >
          <Switch />
        </Form.Item>
      </Space>
    </Card>
  );
}

export function EligibilityCard() {
  const { t } = useI18n();
  const kind = Form.useWatch(["eligibility", "kind"]);
  const kinds = [
    "everyone",
    "after_first_paid_order",
    "spend_at_least",
    "bought_product",
    "application",
    "appointed_only",
  ] as const;
  return (
    <Card title={t("dist.eligibility")} style={{ marginBottom: 16 }}>
      <Form.Item name={["eligibility", "kind"]} extra={t("dist.noEntryFee")}>
        <EligibilitySelect options={kinds.map((k) => ({ value: k, label: t(`eligibility.${k}`) }))} />
      </Form.Item>
      {(kind === "spend_at_least" || kind === "bought_product") && (
        <Alert
          data-testid="dist-entry-fee-warning"
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          message={t("dist.entryFee.title")}
          description={t("dist.entryFee.body")}
        />
      )}
      {kind === "spend_at_least" && (
        <Form.Item
          name={["eligibility", "thresholdFen"]}
          label={t("dist.spendThreshold")}
          rules={[{ required: true }]}
        >
          <MoneyInput style={{ width: 160 }} />
        </Form.Item>
      )}
      {kind === "bought_product" && (
        <Form.Item
          name={["eligibility", "productIds"]}
          label={t("dist.productIds")}
          rules={[{ required: true }]}
        >
          <Select mode="tags" style={{ width: 360 }} open={false} tokenSeparators={[",", " "]} />
        </Form.Item>
      )}
    </Card>
  );
}

/** Modes where a purchase is the way in: picking one asks the merchant to confirm they understand the risk. */
const purchaseGated = new Set(["spend_at_least", "bought_product"]);

function EligibilitySelect(props: {
  value?: string;
  onChange?: (value: string) => void;
  options: { value: string; label: string }[];
}) {
  const { t } = useI18n();
  const { modal } = App.useApp();
  return (
    <Select
      data-testid="dist-eligibility"
      style={{ width: 260 }}
      value={props.value}
      options={props.options}
      onChange={(next: string) => {
        if (!purchaseGated.has(next)) return props.onChange?.(next);
        modal.confirm({
          title: t("dist.entryFee.title"),
          content: t("dist.entryFee.body"),
          okText: t("dist.entryFee.confirm"),
          cancelText: t("dist.entryFee.cancel"),
          okButtonProps: { "data-testid": "dist-entry-fee-confirm" } as Record<string, string>,
          onOk: () => props.onChange?.(next),
        });
      }}
    />
  );
}

export function WithdrawalCard() {
  const { t } = useI18n();
  const { can } = useAuth();
  return (
    <Card title={t("dist.withdrawal")} style={{ marginBottom: 16 }}>
      <Form.Item name={["withdrawal", "methods"]} label={t("dist.methods")}>
        <Select
          mode="multiple"
          style={{ maxWidth: 560 }}
          options={withdrawalMethods.map((m) => ({ value: m, label: t(`method.${m}`) }))}
        />
      </Form.Item>
      <Space wrap align="start">
        <Form.Item name={["withdrawal", "minimumFen"]} label={t("dist.minimum")}>
          <MoneyInput style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name={["withdrawal", "feeBps"]} label={t("dist.fee")}>
          <PercentInput style={{ width: 120 }} />
        </Form.Item>
        <Form.Item name={["withdrawal", "dailyMaxCount"]} label={t("dist.dailyMaxCount")}>
          <InputNumber min={1} precision={0} placeholder={t("product.noLimit")} />
        </Form.Item>
        <Form.Item name={["withdrawal", "dailyMaxFen"]} label={t("dist.dailyMaxFen")}>
          <MoneyInput style={{ width: 140 }} placeholder={t("product.noLimit")} />
        </Form.Item>
        <Form.Item
          name={["withdrawal", "autoApproveBelowFen"]}
          label={t("dist.autoApproveBelow")}
          extra={
            can("withdrawals.approve")
              ? `${t("dist.autoApproveHint")}；${t("settings.withdrawalAutoApproveMaxHint")}`
              : t("dist.autoApproveNeedsPermission")
          }
        >
          <MoneyInput
            style={{ width: 140 }}
            placeholder={t("dist.manualReview")}
            disabled={!can("withdrawals.approve")}
          />
        </Form.Item>
      </Space>
    </Card>
  );
}

function RewardFields({ name }: { name: "firstOrder" | "invite" }) {
  const { t } = useI18n();
  return (
    <Space wrap align="start">
      <Form.Item name={["rewards", name, "enabled"]} label={t(`dist.reward.${name}`)} valuePropName="checked">
        <Switch />
      </Form.Item>
      <Form.Item name={["rewards", name, "amountFen"]} label={t("dist.rewardAmount")}>
        <MoneyInput style={{ width: 120 }} />
      </Form.Item>
      <Form.Item name={["rewards", name, "dailyCapFen"]} label={t("dist.dailyCapFen")}>
        <MoneyInput style={{ width: 120 }} placeholder={t("product.noLimit")} />
      </Form.Item>
      <Form.Item name={["rewards", name, "dailyCapCount"]} label={t("dist.dailyCapCount")}>
        <InputNumber min={0} precision={0} placeholder={t("product.noLimit")} />
      </Form.Item>
    </Space>
  );
}

/** The invite reward is paid as cash or as a coupon (代金券) of a template the merchant picks. */
function InviteRewardPayAs() {
  const { t } = useI18n();
  const payAs = Form.useWatch(["rewards", "invite", "payAs"]) ?? "cash";
  const [options, setOptions] = useState<{ value: number; label: string }[]>([]);
  useEffect(() => {
    marketingApi
      .coupons()
      // staff without marketing.read see no templates, and no error for a list they may not read
      .then((list) => setOptions(list.map((c) => ({ value: c.id, label: `${c.name}（${c.summary}）` }))))
      .catch(() => setOptions([]));
  }, []);
  return (
    <Space wrap align="start">
      <Form.Item name={["rewards", "invite", "payAs"]} label={t("dist.invitePayAs")} initialValue="cash">
        <Radio.Group data-testid="invite-pay-as">
          <Radio value="cash">{t("dist.invitePayAs.cash")}</Radio>
          <Radio value="coupon">{t("dist.invitePayAs.coupon")}</Radio>
        </Radio.Group>
      </Form.Item>
      {payAs === "coupon" && (
        <Form.Item
          name={["rewards", "invite", "couponTemplateId"]}
          label={t("dist.inviteCoupon")}
          rules={[{ required: true }]}
        >
          <Select style={{ width: 280 }} options={options} />
        </Form.Item>
      )}
    </Space>
  );
}

export function RewardsAndFraudCard() {
  const { t } = useI18n();
  return (
    <Card title={t("dist.rewardsAndFraud")} style={{ marginBottom: 16 }}>
      <Alert type="info" showIcon message={t("dist.noRecruitReward")} style={{ marginBottom: 16 }} />
      <RewardFields name="firstOrder" />
      <RewardFields name="invite" />
      <InviteRewardPayAs />
      <Space wrap align="start">
        <Form.Item name={["fraud", "enabled"]} label={t("dist.fraud")} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name={["fraud", "maxBindsPerHour"]} label={t("dist.maxBindsPerHour")}>
          <InputNumber min={1} precision={0} />
        </Form.Item>
        <Form.Item name={["fraud", "refundMaxRatioBps"]} label={t("dist.refundMaxRatio")}>
          <PercentInput style={{ width: 120 }} />
        </Form.Item>
        <Form.Item name={["fraud", "refundMinOrders"]} label={t("dist.refundMinOrders")}>
          <InputNumber min={1} precision={0} />
        </Form.Item>
        <Form.Item
          name={["grades", "allowDowngrade"]}
          label={t("dist.allowDowngrade")}
          valuePropName="checked"
        >
          <Switch />
        </Form.Item>
      </Space>
    </Card>
  );
}
