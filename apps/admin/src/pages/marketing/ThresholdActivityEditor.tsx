// The editor of a 满减 / 满折 / 满包邮: kind, name, window, what it covers (everything, chosen categories or
// products), whether thresholds count yuan or pieces, and its tiers (满200减50, 满3件8折) or the free-shipping
// threshold.
import { Button, DatePicker, Form, Input, InputNumber, Modal, Radio, Space } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { MoneyInput, PercentInput } from "../../components/MoneyInput.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { useNotify } from "../../lib/use-notify.ts";
import { type Activity, marketingApi, THRESHOLD_KINDS, type ThresholdKind } from "./marketing-api.ts";
import { CategorySelect, ProductSelect } from "./ProductSelect.tsx";

type Basis = "amount" | "quantity";
type Tier = { atLeast?: number | null; offFen?: number | null; payBps?: number | null };
type Values = {
  kind: ThresholdKind;
  name: string;
  window: [Dayjs, Dayjs];
  basis: Basis;
  scopeType: "all" | "categories" | "products";
  productIds?: number[];
  categoryIds?: number[];
  tiers: Tier[];
  atLeast?: number | null;
};
type StoredArgs = {
  basis: Basis;
  scope: { type: Values["scopeType"]; productIds?: string[]; categoryIds?: string[] };
  tiers?: { atLeast: number; offFen?: number; payBps?: number }[];
  atLeast?: number;
};

function initialValues(activity: Activity | null): Partial<Values> {
  if (!activity)
    return {
      kind: "threshold_amount_off",
      basis: "amount",
      scopeType: "all",
      tiers: [{}],
      window: [dayjs(), dayjs().add(7, "day")],
    };
  const args = activity.args as StoredArgs;
  return {
    kind: activity.kind as ThresholdKind,
    name: activity.name,
    window: [dayjs(activity.startsAt), dayjs(activity.endsAt)],
    basis: args.basis,
    scopeType: args.scope.type,
    productIds: (args.scope.productIds ?? []).map(Number),
    categoryIds: (args.scope.categoryIds ?? []).map(Number),
    tiers: args.tiers ?? [{}],
    atLeast: args.atLeast ?? null,
  };
}

function scopeArgs(v: Values) {
  if (v.scopeType === "products") return { type: "products", productIds: (v.productIds ?? []).map(String) };
  if (v.scopeType === "categories")
    return { type: "categories", categoryIds: (v.categoryIds ?? []).map(String) };
  return { type: "all" };
}

export function ThresholdActivityEditor({
  activity,
  onClose,
  onSaved,
}: {
  activity: Activity | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const { failed, done } = useNotify();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const kind = Form.useWatch("kind", form) ?? initialValues(activity).kind;
  const basis = Form.useWatch("basis", form) ?? "amount";
  const scopeType = Form.useWatch("scopeType", form);

  async function save(v: Values) {
    const tiers = (v.tiers ?? []).map((tier) => ({
      atLeast: tier.atLeast ?? 0,
      ...(kind === "threshold_amount_off" ? { offFen: tier.offFen ?? 0 } : { payBps: tier.payBps ?? 0 }),
    }));
    const args =
      kind === "threshold_free_shipping"
        ? { scope: scopeArgs(v), basis: v.basis, atLeast: v.atLeast ?? 0 }
        : { scope: scopeArgs(v), basis: v.basis, tiers };
    const body = {
      kind: v.kind,
      name: v.name,
      startsAt: v.window[0].toISOString(),
      endsAt: v.window[1].toISOString(),
      args,
    };
    setSaving(true);
    try {
      if (activity) await marketingApi.editActivity(activity.id, body);
      else await marketingApi.createActivity(body);
      done();
      onSaved();
    } catch (error) {
      failed(error);
    } finally {
      setSaving(false);
    }
  }

  const threshold = (name: (string | number)[]) => (
    <Form.Item name={name} noStyle rules={[{ required: true }]}>
      {basis === "amount" ? (
        <MoneyInput placeholder={t("promo.atLeast")} />
      ) : (
        <InputNumber min={1} precision={0} addonAfter={t("promo.pieces")} />
      )}
    </Form.Item>
  );

  return (
    <Modal
      open
      title={activity ? t("promo.edit") : t("promo.createThreshold")}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: saving }}
      width={640}
    >
      <Form<Values> form={form} layout="vertical" onFinish={save} initialValues={initialValues(activity)}>
        <Form.Item name="kind" label={t("promo.kind")} rules={[{ required: true }]}>
          <Radio.Group disabled={activity !== null}>
            {THRESHOLD_KINDS.map((k) => (
              <Radio.Button key={k} value={k}>
                {t(`promo.kind.${k}`)}
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item name="name" label={t("promo.name")} rules={[{ required: true, max: 40 }]}>
          <Input placeholder="满200减50" />
        </Form.Item>
        <Form.Item name="window" label={t("promo.window")} rules={[{ required: true }]}>
          <DatePicker.RangePicker showTime />
        </Form.Item>
        <Form.Item name="scopeType" label={t("promo.scope")}>
          <Radio.Group>
            <Radio value="all">{t("promo.scope.all")}</Radio>
            <Radio value="categories">{t("promo.scope.categories")}</Radio>
            <Radio value="products">{t("promo.scope.products")}</Radio>
          </Radio.Group>
        </Form.Item>
        {scopeType === "products" && (
          <Form.Item name="productIds" rules={[{ required: true }]}>
            <ProductSelect multiple />
          </Form.Item>
        )}
        {scopeType === "categories" && (
          <Form.Item name="categoryIds" rules={[{ required: true }]}>
            <CategorySelect />
          </Form.Item>
        )}
        <Form.Item name="basis" label={t("promo.basis")}>
          <Radio.Group>
            <Radio value="amount">{t("promo.basis.amount")}</Radio>
            <Radio value="quantity">{t("promo.basis.quantity")}</Radio>
          </Radio.Group>
        </Form.Item>
        {kind === "threshold_free_shipping" ? (
          <Form.Item label={t("promo.freeShippingAt")} required>
            {threshold(["atLeast"])}
          </Form.Item>
        ) : (
          <Form.List name="tiers">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field) => (
                  <Space key={field.key} align="baseline" style={{ marginBottom: 8 }}>
                    <span>{t("promo.tierAt")}</span>
                    {threshold([field.name, "atLeast"])}
                    {kind === "threshold_amount_off" ? (
                      <>
                        <span>{t("promo.tierOff")}</span>
                        <Form.Item name={[field.name, "offFen"]} noStyle rules={[{ required: true }]}>
                          <MoneyInput />
                        </Form.Item>
                      </>
                    ) : (
                      <>
                        <span>{t("promo.tierPay")}</span>
                        <Form.Item name={[field.name, "payBps"]} noStyle rules={[{ required: true }]}>
                          <PercentInput placeholder="80" />
                        </Form.Item>
                      </>
                    )}
                    {fields.length > 1 && (
                      <Button onClick={() => remove(field.name)}>{t("common.delete")}</Button>
                    )}
                  </Space>
                ))}
                <Button type="dashed" onClick={() => add({})}>
                  {t("promo.addTier")}
                </Button>
              </>
            )}
          </Form.List>
        )}
      </Form>
    </Modal>
  );
}

/** "满200减50 · 满300减80" for the list. */
export function tiersText(activity: Activity, t: (k: "promo.scope.all") => string): string {
  const args = activity.args as StoredArgs;
  const at = (n: number) => (args.basis === "quantity" ? `满${n}件` : `满${n / 100}`);
  const lines =
    activity.kind === "threshold_free_shipping"
      ? [`${at(args.atLeast ?? 0)}包邮`]
      : (args.tiers ?? []).map((tier) =>
          tier.offFen !== undefined
            ? `${at(tier.atLeast)}减${tier.offFen / 100}`
            : `${at(tier.atLeast)}${(tier.payBps ?? 0) / 1000}折`,
        );
  return `${lines.join(" · ")}${args.scope.type === "all" ? `（${t("promo.scope.all")}）` : ""}`;
}
