// 积分商城: the goods offered for points (or points + cash) with their exchange stock, units redeemed and the
// per-person limit; staff with marketing.write add one (a product's SKU), change it, or take it off sale.
import { Button, Form, InputNumber, Modal, Select, Space, Switch, Table, Tag } from "antd";
import { useCallback, useEffect, useState } from "react";
import { MoneyInput } from "../../components/MoneyInput.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { useAuth } from "../../lib/auth.tsx";
import { formatFen } from "../../lib/money.ts";
import { useNotify } from "../../lib/use-notify.ts";
import { marketingApi } from "./marketing-api.ts";
import { ProductSelect } from "./ProductSelect.tsx";
import { type PointsShopItem, pointsApi } from "./points-api.ts";

type Values = {
  productId?: number;
  skuId?: number;
  points: number;
  cashFen: number | null;
  stock: number;
  perPersonLimit: number | null;
  onSale: boolean;
};

function ItemEditor(props: { item: PointsShopItem | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const { failed, done } = useNotify();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [skus, setSkus] = useState<{ value: number; label: string }[]>([]);
  const productId = Form.useWatch("productId", form);
  const { item } = props;

  useEffect(() => {
    if (!productId) return;
    marketingApi.product(productId).then((p) => {
      const options = p.skus.map((s) => ({
        value: s.id,
        label: `${s.specValues.join(" / ") || t("promo.singleSku")} · ${formatFen(s.priceFen)}`,
      }));
      setSkus(options);
      if (options.length === 1) form.setFieldValue("skuId", options[0]!.value);
    }, failed);
  }, [productId, form, failed, t]);

  async function save(v: Values) {
    const fields = {
      points: v.points,
      cashFen: v.cashFen ?? 0,
      stock: v.stock,
      perPersonLimit: v.perPersonLimit ?? null,
      onSale: v.onSale,
    };
    setSaving(true);
    try {
      if (item) await pointsApi.editItem(item.id, fields);
      else await pointsApi.createItem({ skuId: v.skuId!, ...fields });
      done();
      props.onSaved();
    } catch (error) {
      failed(error);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open
      title={item ? `${t("pointsShop.edit")} · ${item.title}` : t("pointsShop.create")}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: saving, "data-testid": "points-item-save" } as never}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={save}
        initialValues={
          item
            ? { ...item, cashFen: item.cashFen || null }
            : { points: 1000, cashFen: null, stock: 100, perPersonLimit: 1, onSale: true }
        }
      >
        {!item && (
          <>
            <Form.Item name="productId" label={t("promo.product")} rules={[{ required: true }]}>
              <ProductSelect testId="points-item-product" />
            </Form.Item>
            <Form.Item name="skuId" label={t("promo.sku")} rules={[{ required: true }]}>
              <Select options={skus} data-testid="points-item-sku" />
            </Form.Item>
          </>
        )}
        <Space wrap>
          <Form.Item name="points" label={t("pointsShop.points")} rules={[{ required: true }]}>
            <InputNumber min={1} precision={0} data-testid="points-item-points" />
          </Form.Item>
          <Form.Item name="cashFen" label={t("pointsShop.cash")}>
            <MoneyInput placeholder={t("pointsShop.noCash")} data-testid="points-item-cash" />
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="stock" label={t("pointsShop.stock")} rules={[{ required: true }]}>
            <InputNumber min={0} precision={0} data-testid="points-item-stock" />
          </Form.Item>
          <Form.Item name="perPersonLimit" label={t("pointsShop.perPerson")}>
            <InputNumber min={1} max={1000} precision={0} placeholder={t("pointsShop.noLimit")} />
          </Form.Item>
          <Form.Item name="onSale" label={t("pointsShop.onSale")} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

export function PointsShopItems() {
  const { t } = useI18n();
  const { can } = useAuth();
  const { failed } = useNotify();
  const [list, setList] = useState<PointsShopItem[] | null>(null);
  const [editing, setEditing] = useState<PointsShopItem | "new" | null>(null);
  const writable = can("marketing.write");
  const reload = useCallback(() => {
    pointsApi.items().then(setList, failed);
  }, [failed]);
  useEffect(reload, [reload]);

  return (
    <>
      {writable && (
        <Button
          type="primary"
          onClick={() => setEditing("new")}
          style={{ marginBottom: 16 }}
          data-testid="points-item-create"
        >
          {t("pointsShop.create")}
        </Button>
      )}
      <Table<PointsShopItem>
        rowKey="id"
        pagination={false}
        loading={list === null}
        dataSource={list ?? []}
        columns={[
          {
            title: t("promo.product"),
            key: "title",
            render: (_, i) => `${i.title}${i.skuLabel ? ` · ${i.skuLabel}` : ""}`,
          },
          { title: t("pointsShop.worth"), dataIndex: "priceFen", render: (f: number) => formatFen(f) },
          {
            title: t("pointsShop.price"),
            key: "price",
            render: (_, i) =>
              i.cashFen > 0
                ? t("pointsShop.pointsAndCash", { n: i.points, cash: formatFen(i.cashFen) })
                : t("pointsShop.pointsOnly", { n: i.points }),
          },
          { title: t("pointsShop.stock"), dataIndex: "stock" },
          { title: t("pointsShop.redeemed"), dataIndex: "redeemed" },
          {
            title: t("pointsShop.perPerson"),
            dataIndex: "perPersonLimit",
            render: (n: number | null) => n ?? t("pointsShop.noLimit"),
          },
          {
            title: t("promo.state"),
            dataIndex: "onSale",
            render: (on: boolean) =>
              on ? <Tag color="green">{t("pointsShop.on")}</Tag> : <Tag>{t("pointsShop.off")}</Tag>,
          },
          {
            title: "",
            key: "actions",
            render: (_, i) =>
              writable && (
                <Button size="small" onClick={() => setEditing(i)}>
                  {t("common.edit")}
                </Button>
              ),
          },
        ]}
      />
      {editing && (
        <ItemEditor
          item={editing === "new" ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            reload();
          }}
        />
      )}
    </>
  );
}
