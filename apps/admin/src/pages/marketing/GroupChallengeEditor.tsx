// The editor of a 团购挑战: name, window, the product and which of its SKUs join, the tiers (from N participants
// everyone pays X % of the list price — or a price, when the chosen SKUs share one list price — each tier more
// people and a lower price) with the price each SKU sells at, and the per-person limit. Whether its orders pay commission is the 分销设置 switch, named here.
import { Alert, Button, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Radio, Space } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useEffect, useState } from "react";
import { Link } from "react-router-dom";
import { MoneyInput, PercentInput } from "../../components/MoneyInput.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { formatFen } from "../../lib/money.ts";
import { useNotify } from "../../lib/use-notify.ts";
import { priceToPayBps, tierPriceFen } from "./challenge-price.ts";
import { type Activity, marketingApi } from "./marketing-api.ts";
import { ProductSelect } from "./ProductSelect.tsx";

type SkuRow = { id: number; specValues: string[]; priceFen: number };
type Tier = { participants?: number | null; payBps?: number | null; priceFen?: number | null };
type Mode = "percent" | "price";
type Values = {
  name: string;
  window: [Dayjs, Dayjs];
  productId: number;
  skuIds: number[];
  mode: Mode;
  tiers: Tier[];
  perPersonLimit: number | null;
};
/** The server's args of a challenge (see the domain's groupChallengeArgs). */
export type ChallengeArgs = {
  items: { skuId: string }[];
  tiers: { participants: number; payBps: number }[];
  perPersonLimit: number | null;
};

function initialValues(activity: Activity | null): Partial<Values> {
  // a new challenge starts now and runs a week: long enough for people to bring others
  if (!activity)
    return {
      window: [dayjs(), dayjs().add(7, "day")],
      mode: "percent",
      tiers: [{}, {}],
      perPersonLimit: 1,
      skuIds: [],
    };
  const args = activity.args as ChallengeArgs;
  return {
    name: activity.name,
    window: [dayjs(activity.startsAt), dayjs(activity.endsAt)],
    productId: activity.skus[0]?.productId,
    skuIds: args.items.map((i) => Number(i.skuId)),
    mode: "percent",
    tiers: args.tiers,
    perPersonLimit: args.perPersonLimit,
  };
}

export function GroupChallengeEditor({
  activity,
  onClose,
  onSaved,
}: {
  /** null: a new challenge. */
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
  const chosen: number[] = Form.useWatch("skuIds", form) ?? [];
  const tiers: Tier[] = Form.useWatch("tiers", form) ?? [];
  const mode: Mode = Form.useWatch("mode", form) ?? "percent";

  useEffect(() => {
    if (!productId) return setSkus([]);
    marketingApi.product(productId).then((p) => {
      setSkus(p.skus);
      // a product picked anew joins with every SKU; an edited challenge keeps its choice
      const kept = form.getFieldValue("skuIds") as number[] | undefined;
      if (!kept?.some((id) => p.skus.some((s) => s.id === id)))
        form.setFieldValue(
          "skuIds",
          p.skus.map((s) => s.id),
        );
    }, failed);
  }, [productId, failed, form]);

  const chosenSkus = skus.filter((s) => chosen.includes(s.id));
  // a price is typed for one list price: offered when every chosen SKU has the same
  const listPrices = [...new Set(chosenSkus.map((s) => s.priceFen))];
  const priceable = listPrices.length === 1;
  const bpsOf = (tier: Tier | undefined): number | null => {
    if (mode === "percent") return tier?.payBps ?? null;
    const price = tier?.priceFen;
    return priceable && price != null && !Number.isNaN(price) ? priceToPayBps(listPrices[0]!, price) : null;
  };

  async function save(v: Values) {
    const body = {
      kind: "group_challenge",
      name: v.name,
      startsAt: v.window[0].toISOString(),
      endsAt: v.window[1].toISOString(),
      args: {
        items: v.skuIds.map((id) => ({ skuId: String(id) })),
        tiers: v.tiers.map((tier) => ({ participants: tier.participants ?? 0, payBps: bpsOf(tier) ?? 0 })),
        perPersonLimit: v.perPersonLimit ?? null,
      },
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

  const pricesAt = (payBps: number | null | undefined) =>
    payBps && !Number.isNaN(payBps)
      ? chosenSkus
          .map(
            (s) =>
              `${s.specValues.join("/") || t("promo.singleSku")} ${formatFen(tierPriceFen(s.priceFen, payBps))}`,
          )
          .join("，")
      : "";

  return (
    <Modal
      open
      title={activity ? t("promo.edit") : t("challenge.create")}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: saving, "data-testid": "challenge-save" } as never}
      width={720}
    >
      <Form<Values> form={form} layout="vertical" onFinish={save} initialValues={initialValues(activity)}>
        <Form.Item name="name" label={t("promo.name")} rules={[{ required: true, max: 40 }]}>
          <Input data-testid="challenge-name" placeholder={t("challenge.namePlaceholder")} />
        </Form.Item>
        <Form.Item name="window" label={t("promo.window")} rules={[{ required: true }]}>
          <DatePicker.RangePicker showTime data-testid="challenge-window" />
        </Form.Item>
        <Form.Item name="productId" label={t("promo.product")} rules={[{ required: true }]}>
          <ProductSelect testId="challenge-product" />
        </Form.Item>
        {skus.length > 0 && (
          <Form.Item name="skuIds" label={t("promo.sku")} rules={[{ required: true, type: "array", min: 1 }]}>
            <Checkbox.Group
              options={skus.map((s) => ({
                value: s.id,
                label: `${s.specValues.join(" / ") || t("promo.singleSku")} · ${formatFen(s.priceFen)}`,
              }))}
            />
          </Form.Item>
        )}
        <Form.Item name="mode" label={t("promo.priceMode")}>
          <Radio.Group>
            <Radio value="percent">{t("promo.mode.percent")}</Radio>
            <Radio value="price" disabled={!priceable} data-testid="challenge-mode-price">
              {t("promo.mode.price")}
            </Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item label={t("challenge.tiers")} extra={t("challenge.tiersHint")} required>
          <Form.List name="tiers">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field, i) => (
                  <div key={field.key} style={{ marginBottom: 8 }} data-testid="challenge-tier">
                    <Space align="baseline" wrap>
                      <span>{t("challenge.tierAt")}</span>
                      <Form.Item name={[field.name, "participants"]} noStyle rules={[{ required: true }]}>
                        <InputNumber
                          min={1}
                          precision={0}
                          addonAfter={t("challenge.people")}
                          data-testid={`challenge-tier-participants-${i}`}
                        />
                      </Form.Item>
                      {mode === "percent" ? (
                        <>
                          <span>{t("promo.tierPay")}</span>
                          <Form.Item name={[field.name, "payBps"]} noStyle rules={[{ required: true }]}>
                            <PercentInput placeholder="80" data-testid={`challenge-tier-pay-${i}`} />
                          </Form.Item>
                        </>
                      ) : (
                        <>
                          <span>{t("challenge.tierPrice")}</span>
                          <Form.Item name={[field.name, "priceFen"]} noStyle rules={[{ required: true }]}>
                            <MoneyInput data-testid={`challenge-tier-price-${i}`} />
                          </Form.Item>
                        </>
                      )}
                      {fields.length > 1 && (
                        <Button onClick={() => remove(field.name)}>{t("common.delete")}</Button>
                      )}
                    </Space>
                    <div className="muted small" data-testid={`challenge-tier-prices-${i}`}>
                      {pricesAt(bpsOf(tiers[i]))}
                    </div>
                  </div>
                ))}
                {fields.length < 10 && (
                  <Button type="dashed" onClick={() => add({})} data-testid="challenge-add-tier">
                    {t("promo.addTier")}
                  </Button>
                )}
              </>
            )}
          </Form.List>
        </Form.Item>
        <Form.Item name="perPersonLimit" label={t("promo.perPersonLimit")}>
          <InputNumber min={1} precision={0} placeholder={t("promo.noLimit")} data-testid="challenge-limit" />
        </Form.Item>
        <Alert
          type="info"
          showIcon
          message={t("challenge.refundRule")}
          description={
            <span>
              {t("challenge.commissionNote")} <Link to="/distribution/settings">{t("nav.distSettings")}</Link>
            </span>
          }
        />
      </Form>
    </Modal>
  );
}
