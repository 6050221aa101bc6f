// The editor of a coupon template: amount off over a minimum spend (满100减20), a 折 with a most-off, or free
// shipping; what it covers; fixed dates or N days from getting it; how many exist, how many one shopper may
// hold, and whether shoppers claim it in the coupon centre or staff only issue it.
import { DatePicker, Form, Input, InputNumber, Modal, Radio, Space, Switch } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { MoneyInput, PercentInput } from "../../components/MoneyInput.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { useNotify } from "../../lib/use-notify.ts";
import { COUPON_KINDS, type CouponKind, marketingApi } from "./marketing-api.ts";
import { CategorySelect, ProductSelect } from "./ProductSelect.tsx";

type Values = {
  name: string;
  kind: CouponKind;
  offFen?: number | null;
  payBps?: number | null;
  maxOffFen?: number | null;
  minSpendFen?: number | null;
  scopeType: "all" | "categories" | "products";
  productIds?: number[];
  categoryIds?: number[];
  validity: "days" | "dates";
  validDays?: number | null;
  validRange?: [Dayjs, Dayjs];
  totalQuantity: number;
  perPersonLimit: number;
  claimable: boolean;
};

function scopeArgs(v: Values) {
  if (v.scopeType === "products") return { type: "products", productIds: (v.productIds ?? []).map(String) };
  if (v.scopeType === "categories")
    return { type: "categories", categoryIds: (v.categoryIds ?? []).map(String) };
  return { type: "all" };
}

export function CouponEditor({ onClose, onSaved }: { onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const { failed, done } = useNotify();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const kind = Form.useWatch("kind", form) ?? "coupon_amount_off";
  const validity = Form.useWatch("validity", form) ?? "days";
  const scopeType = Form.useWatch("scopeType", form);

  async function save(v: Values) {
    const args = {
      scope: scopeArgs(v),
      minSpendFen: v.minSpendFen ?? 0,
      ...(v.kind === "coupon_amount_off" ? { offFen: v.offFen ?? 0 } : {}),
      ...(v.kind === "coupon_percent_off" ? { payBps: v.payBps ?? 0, maxOffFen: v.maxOffFen ?? null } : {}),
    };
    setSaving(true);
    try {
      await marketingApi.createCoupon({
        name: v.name,
        kind: v.kind,
        args,
        ...(v.validity === "days"
          ? { validDays: v.validDays ?? 7 }
          : { validFrom: v.validRange?.[0].toISOString(), validTo: v.validRange?.[1].toISOString() }),
        totalQuantity: v.totalQuantity,
        perPersonLimit: v.perPersonLimit,
        claimable: v.claimable,
      });
      done();
      onSaved();
    } catch (error) {
      failed(error);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open
      title={t("coupon.create")}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: saving }}
      width={640}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={save}
        initialValues={{
          kind: "coupon_amount_off",
          scopeType: "all",
          validity: "days",
          validDays: 7,
          totalQuantity: 100,
          perPersonLimit: 1,
          claimable: true,
        }}
      >
        <Form.Item name="kind" label={t("coupon.kind")}>
          <Radio.Group>
            {COUPON_KINDS.map((k) => (
              <Radio.Button key={k} value={k}>
                {t(`coupon.kind.${k}`)}
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item name="name" label={t("coupon.name")} rules={[{ required: true, max: 40 }]}>
          <Input placeholder="满100减20" />
        </Form.Item>
        <Space wrap>
          <Form.Item name="minSpendFen" label={t("coupon.minSpend")}>
            <MoneyInput placeholder={t("coupon.noMinimum")} />
          </Form.Item>
          {kind === "coupon_amount_off" && (
            <Form.Item name="offFen" label={t("coupon.offFen")} rules={[{ required: true }]}>
              <MoneyInput />
            </Form.Item>
          )}
          {kind === "coupon_percent_off" && (
            <>
              <Form.Item name="payBps" label={t("coupon.payBps")} rules={[{ required: true }]}>
                <PercentInput placeholder="90" />
              </Form.Item>
              <Form.Item name="maxOffFen" label={t("coupon.maxOff")}>
                <MoneyInput placeholder={t("coupon.noMaximum")} />
              </Form.Item>
            </>
          )}
        </Space>
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
        <Form.Item name="validity" label={t("coupon.validity")}>
          <Radio.Group>
            <Radio value="days">{t("coupon.validity.days")}</Radio>
            <Radio value="dates">{t("coupon.validity.dates")}</Radio>
          </Radio.Group>
        </Form.Item>
        {validity === "days" ? (
          <Form.Item name="validDays" rules={[{ required: true }]}>
            <InputNumber min={1} max={3650} precision={0} addonAfter={t("coupon.days")} />
          </Form.Item>
        ) : (
          <Form.Item name="validRange" rules={[{ required: true }]}>
            <DatePicker.RangePicker showTime />
          </Form.Item>
        )}
        <Space wrap>
          <Form.Item name="totalQuantity" label={t("coupon.total")} rules={[{ required: true }]}>
            <InputNumber min={1} precision={0} />
          </Form.Item>
          <Form.Item name="perPersonLimit" label={t("coupon.perPerson")} rules={[{ required: true }]}>
            <InputNumber min={1} max={100} precision={0} />
          </Form.Item>
          <Form.Item name="claimable" label={t("coupon.claimableSwitch")} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}
