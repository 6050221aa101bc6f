// 商品列表: products filtered by status, category and title; select several to put on or take off sale.
import { Button, Card, Image, Input, Select, Space, Table, Tag, TreeSelect } from "antd";
import { useEffect, useState } from "react";
import { Link, useNavigate } from "react-router-dom";
import { LoadMore } from "../../components/LoadMore.tsx";
import { rowTestId } from "../../components/test-ids.ts";
import { useI18n } from "../../i18n/index.tsx";
import { api, call } from "../../lib/api.ts";
import { useAuth } from "../../lib/auth.tsx";
import { formatFen } from "../../lib/money.ts";
import { useCursorList } from "../../lib/use-cursor-list.ts";
import { useNotify } from "../../lib/use-notify.ts";
import { type Category, categoryTree, loadCategories } from "./categories.ts";

export type ProductStatus = "draft" | "on_sale" | "off_sale";
type ProductRow = {
  id: number;
  title: string;
  imageUrl: string | null;
  status: ProductStatus;
  categoryId: number | null;
  priceFen: number;
  stock: number;
  salesCount: number;
};
export const statusColor: Record<ProductStatus, string> = {
  draft: "default",
  on_sale: "green",
  off_sale: "orange",
};

export function ProductListPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const { failed, done } = useNotify();
  const navigate = useNavigate();
  const [status, setStatus] = useState<ProductStatus | undefined>();
  const [categoryId, setCategoryId] = useState<number | undefined>();
  const [q, setQ] = useState("");
  const [categories, setCategories] = useState<Category[]>([]);
  const [selected, setSelected] = useState<number[]>([]);
  const editable = can("catalog.write");

  useEffect(() => {
    loadCategories().then(setCategories).catch(failed);
  }, [failed]);
  const list = useCursorList<ProductRow, string>(
    (cursor) =>
      call(
        api.GET("/api/admin/v1/products", {
          params: { query: { status, categoryId, q: q || undefined, cursor, limit: 20 } },
        }),
      ),
    JSON.stringify([status, categoryId, q]),
    failed,
  );

  async function setSale(next: ProductStatus) {
    try {
      const { updated } = await call(
        api.POST("/api/admin/v1/products/status", { body: { ids: selected, status: next } }),
      );
      done();
      setSelected([]);
      list.reload();
      if (updated !== selected.length)
        failed(new Error(t("product.bulkPartial", { updated, total: selected.length })));
    } catch (error) {
      failed(error);
    }
  }

  const categoryName = (id: number | null) => categories.find((c) => c.id === id)?.name ?? "—";
  return (
    <Card
      title={t("product.title")}
      extra={
        editable && (
          <Button data-testid="product-create" type="primary" onClick={() => navigate("/products/new")}>
            {t("product.create")}
          </Button>
        )
      }
    >
      <div className="page-toolbar">
        <Select<ProductStatus>
          data-testid="product-filter-status"
          allowClear
          placeholder={t("product.status")}
          style={{ width: 140 }}
          value={status}
          onChange={setStatus}
          options={(["draft", "on_sale", "off_sale"] as const).map((s) => ({
            value: s,
            label: t(`productStatus.${s}`),
          }))}
        />
        <TreeSelect
          data-testid="product-filter-category"
          allowClear
          placeholder={t("product.category")}
          style={{ width: 200 }}
          value={categoryId}
          onChange={setCategoryId}
          treeData={categoryTree(categories)}
          treeDefaultExpandAll
        />
        <Input.Search
          data-testid="product-filter-q"
          allowClear
          placeholder={t("product.searchTitle")}
          style={{ width: 240 }}
          onSearch={(value) => setQ(value.trim())}
        />
        {editable && (
          <Space>
            <Button
              data-testid="product-bulk-on"
              disabled={selected.length === 0}
              onClick={() => void setSale("on_sale")}
            >
              {t("product.bulkOn")}
            </Button>
            <Button
              data-testid="product-bulk-off"
              disabled={selected.length === 0}
              onClick={() => void setSale("off_sale")}
            >
              {t("product.bulkOff")}
            </Button>
          </Space>
        )}
      </div>
      <Table<ProductRow>
        rowKey="id"
        loading={list.loading}
        dataSource={list.items}
        pagination={false}
        onRow={(row) => rowTestId("product-row", row.id)}
        rowSelection={
          editable
            ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys as number[]) }
            : undefined
        }
        columns={[
          {
            title: t("product.image"),
            dataIndex: "imageUrl",
            width: 80,
            render: (url: string | null) =>
              url ? <Image src={url} width={48} height={48} style={{ objectFit: "cover" }} /> : null,
          },
          {
            title: t("product.name"),
            dataIndex: "title",
            render: (title: string, row) => <Link to={`/products/${row.id}`}>{title}</Link>,
          },
          { title: t("product.category"), dataIndex: "categoryId", render: categoryName },
          { title: t("product.price"), dataIndex: "priceFen", render: formatFen },
          { title: t("product.stock"), dataIndex: "stock" },
          { title: t("product.sales"), dataIndex: "salesCount" },
          {
            title: t("product.status"),
            dataIndex: "status",
            render: (s: ProductStatus) => <Tag color={statusColor[s]}>{t(`productStatus.${s}`)}</Tag>,
          },
        ]}
      />
      <LoadMore hasMore={list.hasMore} loading={list.loading} onClick={list.loadMore} />
    </Card>
  );
}
