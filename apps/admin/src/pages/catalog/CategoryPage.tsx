// 商品分类: the category tree (服装 → 男装 → 衬衫); add a top-level or child category, rename, re-sort, delete.
import { Button, Card, Form, Input, InputNumber, Modal, Popconfirm, Space, Tree } from "antd";
import { useCallback, useEffect, useState } from "react";
import { useI18n } from "../../i18n/index.tsx";
import { api, call } from "../../lib/api.ts";
import { useAuth } from "../../lib/auth.tsx";
import { useNotify } from "../../lib/use-notify.ts";
import { type Category, categoryTree, loadCategories } from "./categories.ts";

type Editing = { id: number | null; parentId: number | null; name: string; sort: number };

export function CategoryPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const { failed, done } = useNotify();
  const [categories, setCategories] = useState<Category[]>([]);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [form] = Form.useForm<{ name: string; sort: number }>();
  const editable = can("catalog.write");

  const reload = useCallback(() => {
    loadCategories().then(setCategories).catch(failed);
  }, [failed]);
  useEffect(reload, [reload]);

  function open(next: Editing) {
    setEditing(next);
    form.setFieldsValue({ name: next.name, sort: next.sort });
  }

  async function save(values: { name: string; sort: number }) {
    if (!editing) return;
    try {
      if (editing.id === null) {
        await call(api.POST("/api/admin/v1/categories", { body: { ...values, parentId: editing.parentId } }));
      } else {
        await call(
          api.PATCH("/api/admin/v1/categories/{id}", { params: { path: { id: editing.id } }, body: values }),
        );
      }
      done();
      setEditing(null);
      reload();
    } catch (error) {
      failed(error);
    }
  }

  async function remove(id: number) {
    try {
      await call(api.DELETE("/api/admin/v1/categories/{id}", { params: { path: { id } } }));
      done("common.deleted");
      reload();
    } catch (error) {
      failed(error);
    }
  }

  return (
    <Card
      title={t("category.title")}
      extra={
        editable && (
          <Button
            data-testid="category-create"
            type="primary"
            onClick={() => open({ id: null, parentId: null, name: "", sort: 0 })}
          >
            {t("category.createTop")}
          </Button>
        )
      }
    >
      <Tree
        data-testid="category-tree"
        defaultExpandAll
        blockNode
        key={categories.length}
        treeData={categoryTree(categories)}
        titleRender={(node) => (
          <Space data-testid={`category-node-${node.category.id}`}>
            <span>{node.category.name}</span>
            {editable && (
              <>
                <Button
                  size="small"
                  type="link"
                  onClick={() => open({ id: null, parentId: node.category.id, name: "", sort: 0 })}
                >
                  {t("category.addChild")}
                </Button>
                <Button
                  size="small"
                  type="link"
                  onClick={() =>
                    open({
                      id: node.category.id,
                      parentId: node.category.parentId,
                      name: node.category.name,
                      sort: node.category.sort,
                    })
                  }
                >
                  {t("common.edit")}
                </Button>
                <Popconfirm title={t("common.confirmDelete")} onConfirm={() => void remove(node.category.id)}>
                  <Button size="small" type="link" danger>
                    {t("common.delete")}
                  </Button>
                </Popconfirm>
              </>
            )}
          </Space>
        )}
      />
      <Modal
        open={editing !== null}
        title={editing?.id ? t("category.edit") : t("category.create")}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        okButtonProps={{ "data-testid": "category-save" }}
      >
        <Form form={form} layout="vertical" onFinish={save}>
          <Form.Item name="name" label={t("category.name")} rules={[{ required: true, max: 20 }]}>
            <Input data-testid="category-name" />
          </Form.Item>
          <Form.Item name="sort" label={t("common.sort")}>
            <InputNumber precision={0} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
