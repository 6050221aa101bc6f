// The editor of an offer: 新客首单礼 (what share is paid, the most it takes off, which goods), 有礼邀请 (the coupon
// for the inviter and the one for the invitee) or 买赠 (buy covered goods or reach an amount → gift SKUs with
// their own gift stock). Name and window for all; "on/off" is the list's stop button.
import { Button, DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Space, Switch } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useEffect, useState } from "react";
import { MoneyInput, PercentInput } from "../../components/MoneyInput.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { useNotify } from "../../lib/use-notify.ts";
import { type Activity, type CouponTemplate, marketingApi } from "../marketing/marketing-api.ts";
import { CategorySelect, ProductSelect } from "../marketing/ProductSelect.tsx";
import type { OfferKind } from "./offers-api.ts";

type ScopeType = "all" | "categories" | "products";
type GiftItem = { productId?: number; skuId?: number; quantity?: number; stock?: number | null };
type Values = {
  name: string;
  window: [Dayjs, Dayjs];
  scopeType: ScopeType;
  productIds?: number[];
  categoryIds?: number[];
  payBps?: number;
  maxOffFen?: number | null;
  inviterTemplateId?: number;
  inviteeTemplateId?: number;
  basis?: "amount" | "quantity";
  atLeast?: number;
  repeat?: boolean;
  items?: GiftItem[];
};
type StoredScope = { type: ScopeType; productIds?: string[]; categoryIds?: string[] };
type StoredArgs = {
  scope?: StoredScope;
  payBps?: number;
  maxOffFen?: number | null;
  inviterTemplateId?: number;
  inviteeTemplateId?: number;
  basis?: "amount" | "quantity";
  atLeast?: number;
  repeat?: boolean;
  items?: { skuId: string; quantity: number; stock?: number | null }[];
};

function initialValues(kind: OfferKind, activity: Activity | null): Partial<Values> {
  if (!activity)
    return {
      scopeType: "all",
      window: [dayjs(), dayjs().add(30, "day")],
      basis: "quantity",
      atLeast: 1,
      repeat: false,
      items: [{ quantity: 1 }],
      ...(kind === "welcome_offer" ? { payBps: 9000, maxOffFen: null } : {}),
    };
  const args = activity.args as StoredArgs;
  const scope = args.scope ?? { type: "all" };
  return {
    name: activity.name,
    window: [dayjs(activity.startsAt), dayjs(activity.endsAt)],
    scopeType: scope.type,
    productIds: (scope.productIds ?? []).map(Number),
    categoryIds: (scope.categoryIds ?? []).map(Number),
    payBps: args.payBps,
    maxOffFen: args.maxOffFen ?? null,
    inviterTemplateId: args.inviterTemplateId,
    inviteeTemplateId: args.inviteeTemplateId,
    basis: args.basis,
    atLeast: args.atLeast,
    repeat: args.repeat,
    items: (args.items ?? []).map((i) => ({
      productId: activity.skus.find((s) => String(s.skuId) === i.skuId)?.productId,
      skuId: Number(i.skuId),
      quantity: i.quantity,
      stock: activity.skus.find((s) => String(s.skuId) === i.skuId)?.stock ?? i.stock ?? null,
    })),
  };
}

function scopeArgs(v: Values) {
  if (v.scopeType === "products") return { type: "products", productIds: (v.productIds ?? []).map(String) };
  if (v.scopeType === "categories")
    return { type: "categories", categoryIds: (v.categoryIds ?? []).map(String) };
  return { type: "all" };
}

function argsOf(kind: OfferKind, v: Values) {
  if (kind === "welcome_offer")
    return { scope: scopeArgs(v), payBps: v.payBps ?? 0, maxOffFen: v.maxOffFen ?? null };
  if (kind === "invite_gift")
    return { inviterTemplateId: v.inviterTemplateId, inviteeTemplateId: v.inviteeTemplateId };
  return {
    scope: scopeArgs(v),
    basis: v.basis ?? "quantity",
    atLeast: v.atLeast ?? 1,
    repeat: v.repeat ?? false,
    items: (v.items ?? []).map((i) => ({
      skuId: String(i.skuId),
      quantity: i.quantity ?? 1,
      stock: i.stock ?? null,
    })),
  };
}

/** One gift row's SKU choice: the SKUs of the product chosen beside it, labelled by their spec. */
function GiftSkuSelect(props: { productId?: number; value?: number; onChange?: (v: number) => void }) {
  const { t } = useI18n();
  const { failed } = useNotify();
  const [options, setOptions] = useState<{ value: number; label: string }[]>([]);
  useEffect(() => {
    if (!props.productId) return setOptions([]);
    marketingApi.product(props.productId).then(
      (p) =>
        setOptions(
          p.skus.map((s) => ({
            value: s.id,
            label: `${s.specValues.join(" / ") || t("promo.singleSku")}（${t("offer.skuStock", { n: s.stock })}）`,
          })),
        ),
      failed,
    );
  }, [props.productId, failed, t]);
  // a product with one SKU needs no second choice
  useEffect(() => {
    if (options.length === 1 && props.value !== options[0]!.value) props.onChange?.(options[0]!.value);
  }, [options, props.value, props.onChange]);
  return (
    <Select
      style={{ width: 200 }}
      value={props.value}
      onChange={props.onChange}
      options={options}
      placeholder={t("promo.sku")}
      data-testid="gift-sku"
    />
  );
}

export function OfferEditor({
  kind,
  activity,
  onClose,
  onSaved,
}: {
  kind: OfferKind;
  activity: Activity | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const { failed, done } = useNotify();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [templates, setTemplates] = useState<CouponTemplate[]>([]);
  const scopeType = Form.useWatch("scopeType", form);
  const basis = Form.useWatch("basis", form) ?? "quantity";
  const items = Form.useWatch("items", form) ?? [];

  useEffect(() => {
    if (kind === "invite_gift") marketingApi.coupons().then(setTemplates, failed);
  }, [kind, failed]);

  async function save(v: Values) {
    const body = {
      kind,
      name: v.name,
      startsAt: v.window[0].toISOString(),
      endsAt: v.window[1].toISOString(),
      args: argsOf(kind, v),
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

  const templateOptions = templates
    .filter((x) => x.status === "active")
    .map((x) => ({ value: x.id, label: `${x.name}（${x.summary}）` }));

  return (
    <Modal
      open
      title={t(activity ? "promo.edit" : (`offer.create.${kind}` as const))}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: saving, "data-testid": "offer-save" } as never}
      width={720}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={save}
        initialValues={initialValues(kind, activity)}
      >
        <Form.Item name="name" label={t("promo.name")} rules={[{ required: true, max: 40 }]}>
          <Input placeholder={t(`offer.namePlaceholder.${kind}`)} data-testid="offer-name" />
        </Form.Item>
        <Form.Item name="window" label={t("promo.window")} rules={[{ required: true }]}>
          <DatePicker.RangePicker showTime />
        </Form.Item>
        {kind === "invite_gift" ? (
          <>
            <Form.Item name="inviterTemplateId" label={t("offer.inviterCoupon")} rules={[{ required: true }]}>
              <Select options={templateOptions} data-testid="offer-inviter-coupon" />
            </Form.Item>
            <Form.Item name="inviteeTemplateId" label={t("offer.inviteeCoupon")} rules={[{ required: true }]}>
              <Select options={templateOptions} data-testid="offer-invitee-coupon" />
            </Form.Item>
          </>
        ) : (
          <>
            <Form.Item name="scopeType" label={t(kind === "gift" ? "offer.giftScope" : "promo.scope")}>
              <Radio.Group>
                <Radio value="all">{t("promo.scope.all")}</Radio>
                <Radio value="categories">{t("promo.scope.categories")}</Radio>
                <Radio value="products" data-testid="offer-scope-products">
                  {t("promo.scope.products")}
                </Radio>
              </Radio.Group>
            </Form.Item>
            {scopeType === "products" && (
              <Form.Item name="productIds" rules={[{ required: true }]}>
                <ProductSelect multiple testId="offer-products" />
              </Form.Item>
            )}
            {scopeType === "categories" && (
              <Form.Item name="categoryIds" rules={[{ required: true }]}>
                <CategorySelect />
              </Form.Item>
            )}
          </>
        )}
        {kind === "welcome_offer" && (
          <Space size="large" align="start">
            <Form.Item name="payBps" label={t("offer.payShare")} rules={[{ required: true }]}>
              <PercentInput placeholder="90" data-testid="offer-pay" />
            </Form.Item>
            <Form.Item name="maxOffFen" label={t("offer.maxOff")}>
              <MoneyInput placeholder={t("promo.noLimit")} />
            </Form.Item>
          </Space>
        )}
        {kind === "gift" && (
          <>
            <Space size="large" align="start">
              <Form.Item name="basis" label={t("promo.basis")}>
                <Radio.Group>
                  <Radio value="quantity">{t("promo.basis.quantity")}</Radio>
                  <Radio value="amount">{t("promo.basis.amount")}</Radio>
                </Radio.Group>
              </Form.Item>
              <Form.Item name="atLeast" label={t("offer.giftAt")} rules={[{ required: true }]}>
                {basis === "amount" ? (
                  <MoneyInput />
                ) : (
                  <InputNumber min={1} precision={0} addonAfter={t("promo.pieces")} />
                )}
              </Form.Item>
              <Form.Item name="repeat" label={t("offer.repeat")} valuePropName="checked">
                <Switch />
              </Form.Item>
            </Space>
            <Form.List name="items">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((field) => (
                    <Space key={field.key} align="baseline" wrap style={{ marginBottom: 8 }}>
                      <span>{t("offer.gift")}</span>
                      <Form.Item name={[field.name, "productId"]} noStyle rules={[{ required: true }]}>
                        <ProductSelect testId="gift-product" style={{ width: 220 }} />
                      </Form.Item>
                      <Form.Item name={[field.name, "skuId"]} noStyle rules={[{ required: true }]}>
                        <GiftSkuSelect productId={items[field.name]?.productId} />
                      </Form.Item>
                      <Form.Item name={[field.name, "quantity"]} noStyle rules={[{ required: true }]}>
                        <InputNumber min={1} precision={0} addonBefore="×" style={{ width: 100 }} />
                      </Form.Item>
                      <Form.Item name={[field.name, "stock"]} noStyle>
                        <InputNumber
                          min={0}
                          precision={0}
                          placeholder={t("offer.giftStockNone")}
                          addonBefore={t("offer.giftStock")}
                          style={{ width: 200 }}
                          data-testid="gift-stock"
                        />
                      </Form.Item>
                      {fields.length > 1 && (
                        <Button onClick={() => remove(field.name)}>{t("common.delete")}</Button>
                      )}
                    </Space>
                  ))}
                  {fields.length < 5 && (
                    <Button type="dashed" onClick={() => add({ quantity: 1 })}>
                      {t("offer.addGift")}
                    </Button>
                  )}
                </>
              )}
            </Form.List>
          </>
        )}
      </Form>
    </Modal>
  );
}
