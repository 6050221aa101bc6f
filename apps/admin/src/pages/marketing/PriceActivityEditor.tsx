// The editor of a 秒杀 / 限时折扣: kind, name, window, the product, and per SKU an activity price or a 折 of
// its list price with optional activity stock; the per-person limit and whether coupons and threshold
// discounts may still apply. Opens empty for a new activity, or with an existing one to change it.
import { DatePicker, Form, Input, InputNumber, Modal, Radio, Space, Switch, Table } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useEffect, useState } from "react";
import { MoneyInput, PercentInput } from "../../components/MoneyInput.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { formatFen } from "../../lib/money.ts";
import { useNotify } from "../../lib/use-notify.ts";
import { type Activity, marketingApi, PRICE_KINDS, type PriceKind } from "./marketing-api.ts";
import { ProductSelect } from "./ProductSelect.tsx";

type SkuRow = { id: number; specValues: string[]; priceFen: number; stock: number };
type ItemValues = { priceFen?: number | null; payBps?: number | null; stock?: number | null };
type Values = {
  kind: PriceKind;
  name: string;
  window: [Dayjs, Dayjs];
  productId: number;
  mode: "price" | "percent";
  items: Record<string, ItemValues>;
  perPersonLimit: number | null;
  stackable: boolean;
};
type StoredItem = { skuId: string; priceFen?: number; payBps?: number; stock?: number | null };
type StoredArgs = { items: StoredItem[]; perPersonLimit: number | null; stackable: boolean };

function initialValues(activity: Activity | null): Partial<Values> {
  // a new sale starts now and runs a day unless staff choose otherwise
  if (!activity)
    return { kind: "flash_sale", mode: "price", stackable: false, window: [dayjs(), dayjs().add(1, "day")] };
  const args = activity.args as StoredArgs;
  return {
    kind: activity.kind as PriceKind,
    name: activity.name,
    window: [dayjs(activity.startsAt), dayjs(activity.endsAt)],
    productId: activity.skus[0]?.productId,
    mode: args.items.some((i) => i.payBps !== undefined) ? "percent" : "price",
    items: Object.fromEntries(
      args.items.map((i) => [
        i.skuId,
        {
          priceFen: i.priceFen ?? null,
          payBps: i.payBps ?? null,
          stock: activity.skus.find((s) => String(s.skuId) === i.skuId)?.stock ?? i.stock ?? null,
        },
      ]),
    ),
    perPersonLimit: args.perPersonLimit,
    stackable: args.stackable,
  };
}

export function PriceActivityEditor({
  activity,
  onClose,
  onSaved,
}: {
  /** null: a new activity. */
  activity: Activity | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const { failed, done } = useNotify();
  const [form] = Form.useForm<Values>();
  const [skus, setSkus] = useState<SkuRow[]>([]);
  const [saving, setSaving] = useState(false);
  const productId = Form.useWatch("productId", form);
  const mode = Form.useWatch("mode", form);

  useEffect(() => {
    if (productId) marketingApi.product(productId).then((p) => setSkus(p.skus), failed);
    else setSkus([]);
  }, [productId, failed]);

  async function save(v: Values) {
    const items = skus.flatMap((s) => {
      const item = v.items?.[s.id] ?? {};
      const price = mode === "price" ? item.priceFen : item.payBps;
      if (price == null) return [];
      return [
        {
          skuId: String(s.id),
          ...(mode === "price" ? { priceFen: price } : { payBps: price }),
          ...(item.stock != null ? { stock: item.stock } : {}),
        },
      ];
    });
    const body = {
      kind: v.kind,
      name: v.name,
      startsAt: v.window[0].toISOString(),
      endsAt: v.window[1].toISOString(),
      args: { items, perPersonLimit: v.perPersonLimit ?? null, stackable: v.stackable ?? false },
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

  return (
    <Modal
      open
      title={activity ? t("promo.edit") : t("promo.createPrice")}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: saving, "data-testid": "promo-save" } as never}
      width={720}
    >
      <Form<Values> form={form} layout="vertical" onFinish={save} initialValues={initialValues(activity)}>
        <Form.Item name="kind" label={t("promo.kind")} rules={[{ required: true }]}>
          <Radio.Group disabled={activity !== null} data-testid="promo-kind">
            {PRICE_KINDS.map((k) => (
              <Radio.Button key={k} value={k}>
                {t(`promo.kind.${k}`)}
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item name="name" label={t("promo.name")} rules={[{ required: true, max: 40 }]}>
          <Input data-testid="promo-name" placeholder={t("promo.namePlaceholder")} />
        </Form.Item>
        <Form.Item name="window" label={t("promo.window")} rules={[{ required: true }]}>
          <DatePicker.RangePicker showTime data-testid="promo-window" />
        </Form.Item>
        <Form.Item name="productId" label={t("promo.product")} rules={[{ required: true }]}>
          <ProductSelect testId="promo-product" />
        </Form.Item>
        <Form.Item name="mode" label={t("promo.priceMode")}>
          <Radio.Group>
            <Radio value="price">{t("promo.mode.price")}</Radio>
            <Radio value="percent">{t("promo.mode.percent")}</Radio>
          </Radio.Group>
        </Form.Item>
        {skus.length > 0 && (
          <Table<SkuRow>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={skus}
            columns={[
              {
                title: t("promo.sku"),
                key: "sku",
                render: (_, s) =>
                  `${s.specValues.join(" / ") || t("promo.singleSku")} · ${formatFen(s.priceFen)}`,
              },
              {
                title: mode === "percent" ? t("promo.mode.percent") : t("promo.mode.price"),
                key: "price",
                render: (_, s) =>
                  mode === "percent" ? (
                    <Form.Item name={["items", String(s.id), "payBps"]} noStyle>
                      <PercentInput placeholder="80" data-testid={`promo-percent-${s.id}`} />
                    </Form.Item>
                  ) : (
                    <Form.Item name={["items", String(s.id), "priceFen"]} noStyle>
                      <MoneyInput data-testid={`promo-price-${s.id}`} />
                    </Form.Item>
                  ),
              },
              {
                title: t("promo.activityStock"),
                key: "stock",
                render: (_, s) => (
                  <Form.Item name={["items", String(s.id), "stock"]} noStyle>
                    <InputNumber
                      min={0}
                      max={s.stock}
                      precision={0}
                      placeholder={t("promo.stockNone")}
                      data-testid={`promo-stock-${s.id}`}
                    />
                  </Form.Item>
                ),
              },
            ]}
          />
        )}
        <Space wrap style={{ marginTop: 16 }}>
          <Form.Item name="perPersonLimit" label={t("promo.perPersonLimit")}>
            <InputNumber min={1} precision={0} placeholder={t("promo.noLimit")} data-testid="promo-limit" />
          </Form.Item>
          <Form.Item name="stackable" label={t("promo.stackable")} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

/** "¥39.90" or "8折" for one SKU of a line-price activity. */
export function itemPriceText(activity: Activity, skuId: number): string {
  const item = (activity.args as StoredArgs).items.find((i) => i.skuId === String(skuId));
  if (!item) return "—";
  if (item.priceFen !== undefined) return formatFen(item.priceFen);
  return `${(item.payBps ?? 0) / 1000}折`;
}
