// 商品编辑: a new or existing product — basics, pictures, parameters, description, spec axes → SKU matrix, commission.
import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Card, Form, Input, InputNumber, Select, Skeleton, Space, TreeSelect } from "antd";
import { useEffect, useState } from "react";
import { useNavigate, useParams } from "react-router-dom";
import { CommissionRuleInput } from "../../components/CommissionRuleInput.tsx";
import { ImageUpload } from "../../components/ImageUpload.tsx";
import { RichTextEditor } from "../../components/RichTextEditor.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { ApiFailure, api, call } from "../../lib/api.ts";
import { useAuth } from "../../lib/auth.tsx";
import { useNotify } from "../../lib/use-notify.ts";
import { hasInvalidAmount } from "../../lib/yuan-input.ts";
import { type Category, categoryTree, loadCategories } from "./categories.ts";
import type { ProductStatus } from "./ProductListPage.tsx";
import { SkuTable } from "./SkuTable.tsx";
import { SpecAxesEditor } from "./SpecAxesEditor.tsx";
import { emptySku, rebuildSkus, type SkuRow, type SpecAxis, skuKey } from "./sku-matrix.ts";

type Basics = {
  title: string;
  subtitle: string;
  categoryId: number | null;
  images: string[];
  params: { key: string; value: string }[];
  descriptionHtml: string;
  status: ProductStatus;
  sort: number;
  purchaseLimit: number | null;
  kind: "physical" | "service";
  serviceValidDays: number | null;
  freightTemplateId: number | null;
  commissionRule: unknown;
};
const blank: Basics = {
  title: "",
  subtitle: "",
  categoryId: null,
  images: [],
  params: [],
  descriptionHtml: "",
  status: "draft",
  sort: 0,
  purchaseLimit: null,
  kind: "physical",
  serviceValidDays: null,
  freightTemplateId: null,
  commissionRule: { kind: "inherit" },
};

export function ProductEditPage() {
  const { id } = useParams();
  const productId = id === undefined ? null : Number(id);
  const { t } = useI18n();
  const { can } = useAuth();
  const { failed, done } = useNotify();
  const navigate = useNavigate();
  const [form] = Form.useForm<Basics>();
  const [axes, setAxes] = useState<SpecAxis[]>([]);
  const [skus, setSkus] = useState<SkuRow[]>([emptySku([])]);
  const [categories, setCategories] = useState<Category[]>([]);
  const [templates, setTemplates] = useState<{ id: number; name: string }[]>([]);
  const [loaded, setLoaded] = useState(productId === null);
  const [saving, setSaving] = useState(false);
  const editable = can("catalog.write");
  const isService = Form.useWatch("kind", form) === "service";

  useEffect(() => {
    loadCategories().then(setCategories).catch(failed);
    call(api.GET("/api/admin/v1/freight-templates")).then(setTemplates).catch(failed);
    if (productId === null) return;
    call(api.GET("/api/admin/v1/products/{id}", { params: { path: { id: productId } } }))
      .then((product) => {
        form.setFieldsValue({ ...product, commissionRule: product.commissionRule ?? { kind: "inherit" } });
        setAxes(product.specAxes);
        setSkus(product.skus.map((s) => ({ ...s, key: skuKey(s.specValues) })));
        setLoaded(true);
      })
      .catch(failed);
  }, [productId, form, failed]);

  function changeAxes(next: SpecAxis[]) {
    setAxes(next);
    setSkus(rebuildSkus(next, skus));
  }

  async function save(basics: Basics) {
    if (hasInvalidAmount(skus) || hasInvalidAmount(basics)) {
      failed(new Error(t("money.fixFirst")));
      return;
    }
    if (skus.some((s) => s.priceFen === null)) {
      failed(new Error(t("product.priceRequired")));
      return;
    }
    const body = {
      ...blank,
      ...basics,
      params: (basics.params ?? []).filter((p) => p?.key),
      specAxes: axes.filter((a) => a.name.trim() && a.values.length > 0),
      skus: skus.map(({ key: _key, ...sku }) => ({ ...sku, priceFen: sku.priceFen ?? 0 })),
    };
    setSaving(true);
    try {
      const saved =
        productId === null
          ? await call(api.POST("/api/admin/v1/products", { body }))
          : await call(api.PUT("/api/admin/v1/products/{id}", { params: { path: { id: productId } }, body }));
      done();
      if (productId === null) navigate(`/products/${saved.id}`, { replace: true });
      else setSkus(saved.skus.map((s) => ({ ...s, key: skuKey(s.specValues) })));
    } catch (error) {
      failed(
        error instanceof ApiFailure && error.code === "VALIDATION_FAILED"
          ? new Error(`${t("error.VALIDATION_FAILED")} ${error.message}`)
          : error,
      );
    } finally {
      setSaving(false);
    }
  }

  if (!loaded) return <Skeleton active />;
  return (
    <Form<Basics> form={form} layout="vertical" initialValues={blank} onFinish={save} disabled={!editable}>
      <Card title={productId === null ? t("product.create") : t("product.edit")} style={{ marginBottom: 16 }}>
        <Form.Item name="title" label={t("product.name")} rules={[{ required: true, max: 60 }]}>
          <Input data-testid="product-title" />
        </Form.Item>
        <Form.Item name="subtitle" label={t("product.subtitle")} rules={[{ max: 120 }]}>
          <Input data-testid="product-subtitle" />
        </Form.Item>
        <Space size="large" wrap>
          <Form.Item name="categoryId" label={t("product.category")}>
            <TreeSelect
              data-testid="product-category"
              allowClear
              style={{ width: 220 }}
              treeData={categoryTree(categories)}
              treeDefaultExpandAll
            />
          </Form.Item>
          <Form.Item name="status" label={t("product.status")}>
            <Select
              data-testid="product-status"
              style={{ width: 140 }}
              options={(["draft", "on_sale", "off_sale"] as const).map((s) => ({
                value: s,
                label: t(`productStatus.${s}`),
              }))}
            />
          </Form.Item>
          <Form.Item
            name="kind"
            label={t("product.kind")}
            extra={isService ? t("product.kindServiceHint") : null}
          >
            <Select
              data-testid="product-kind"
              style={{ width: 180 }}
              options={(["physical", "service"] as const).map((k) => ({
                value: k,
                label: t(`productKind.${k}`),
              }))}
            />
          </Form.Item>
          {isService ? (
            <Form.Item name="serviceValidDays" label={t("product.serviceValidDays")}>
              <InputNumber min={1} max={3650} precision={0} placeholder={t("product.untilRedeemed")} />
            </Form.Item>
          ) : (
            <Form.Item name="freightTemplateId" label={t("product.freightTemplate")}>
              <Select
                allowClear
                style={{ width: 200 }}
                options={templates.map((x) => ({ value: x.id, label: x.name }))}
                placeholder={t("product.freeShipping")}
              />
            </Form.Item>
          )}
          <Form.Item name="purchaseLimit" label={t("product.purchaseLimit")}>
            <InputNumber min={1} precision={0} placeholder={t("product.noLimit")} />
          </Form.Item>
          <Form.Item name="sort" label={t("common.sort")}>
            <InputNumber precision={0} />
          </Form.Item>
        </Space>
        <Form.Item name="images" label={t("product.images")} extra={t("product.imagesHint")}>
          <ImageUpload testId="product-images" />
        </Form.Item>
      </Card>
      <Card title={t("product.specs")} style={{ marginBottom: 16 }}>
        <SpecAxesEditor axes={axes} onChange={changeAxes} disabled={!editable} />
        <div style={{ marginTop: 16 }}>
          <SkuTable axes={axes} skus={skus} onChange={setSkus} disabled={!editable} />
        </div>
      </Card>
      <Card title={t("product.commission")} style={{ marginBottom: 16 }}>
        <Form.Item name="commissionRule" extra={t("product.commissionHint")}>
          <CommissionRuleInput testId="product-commission" />
        </Form.Item>
      </Card>
      <Card title={t("product.params")} style={{ marginBottom: 16 }}>
        <Form.List name="params">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Space key={field.key} align="baseline">
                  <Form.Item name={[field.name, "key"]} rules={[{ required: true, max: 20 }]}>
                    <Input placeholder={t("product.paramKey")} />
                  </Form.Item>
                  <Form.Item name={[field.name, "value"]} rules={[{ max: 200 }]}>
                    <Input placeholder={t("product.paramValue")} style={{ width: 320 }} />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(field.name)} />
                </Space>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ key: "", value: "" })}>
                {t("product.addParam")}
              </Button>
            </>
          )}
        </Form.List>
      </Card>
      <Card title={t("product.description")} style={{ marginBottom: 16 }}>
        <Form.Item name="descriptionHtml">
          <RichTextEditor />
        </Form.Item>
      </Card>
      {editable && (
        <Space>
          <Button data-testid="product-save" type="primary" htmlType="submit" loading={saving}>
            {t("common.save")}
          </Button>
          <Button onClick={() => navigate("/products")}>{t("common.back")}</Button>
        </Space>
      )}
    </Form>
  );
}
