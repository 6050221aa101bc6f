// 客户管理: every shopper with their paid orders, spend (net of refunds), referrer and tags; search by
// nickname or phone, filter by a tag, tag a customer (customers.tag), manage the tags, export the list.
import { Button, Card, Input, Popconfirm, Select, Space, Table, Tag } from "antd";
import { useCallback, useEffect, useState } from "react";
import { LoadMore } from "../../components/LoadMore.tsx";
import { MaskedPhone } from "../../components/MaskedPhone.tsx";
import { rowTestId } from "../../components/test-ids.ts";
import { useI18n } from "../../i18n/index.tsx";
import { api, call } from "../../lib/api.ts";
import { useAuth } from "../../lib/auth.tsx";
import { formatFen } from "../../lib/money.ts";
import { formatTime } from "../../lib/time.ts";
import { useCursorList } from "../../lib/use-cursor-list.ts";
import { useNotify } from "../../lib/use-notify.ts";
import { download } from "../reports/download.ts";

type Customer = Awaited<ReturnType<typeof loadPage>>["items"][number];
type CustomerTag = Awaited<ReturnType<typeof loadTags>>["items"][number];

const loadPage = (cursor: number | undefined, q: string, tagId: number | undefined) =>
  call(
    api.GET("/api/admin/v1/customers", {
      params: {
        query: { limit: 20, ...(cursor ? { cursor } : {}), ...(q ? { q } : {}), ...(tagId ? { tagId } : {}) },
      },
    }),
  );
const loadTags = () => call(api.GET("/api/admin/v1/customer-tags"));
const colors = ["blue", "green", "gold", "red", "purple", "cyan", "magenta", "orange"] as const;

export function CustomersPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const { failed, done } = useNotify();
  const [q, setQ] = useState("");
  const [tagId, setTagId] = useState<number | undefined>(undefined);
  const [newTag, setNewTag] = useState("");
  const [tagList, setTagList] = useState<CustomerTag[]>([]);
  const reloadTags = useCallback(() => {
    loadTags().then((r) => setTagList(r.items), failed);
  }, [failed]);
  useEffect(reloadTags, [reloadTags]);
  const tags = { data: { items: tagList }, reload: reloadTags };
  const list = useCursorList<Customer, number>(
    (cursor) => loadPage(cursor, q, tagId),
    `${q}|${tagId ?? ""}`,
    failed,
  );
  const [edits, setEdits] = useState<Record<number, Customer["tags"]>>({});
  const tagsOf = (c: Customer) => edits[c.id] ?? c.tags;
  const mayTag = can("customers.tag");

  const createTag = async () => {
    if (!newTag.trim()) return;
    try {
      await call(
        api.POST("/api/admin/v1/customer-tags", {
          body: { name: newTag.trim(), color: colors[(tags.data?.items.length ?? 0) % colors.length]! },
        }),
      );
      setNewTag("");
      tags.reload();
      done();
    } catch (error) {
      failed(error);
    }
  };
  const removeTag = async (id: number) => {
    try {
      await call(api.DELETE("/api/admin/v1/customer-tags/{id}", { params: { path: { id } } }));
      tags.reload();
      if (tagId === id) setTagId(undefined);
      else list.reload();
    } catch (error) {
      failed(error);
    }
  };
  const setTags = async (customer: Customer, tagIds: number[]) => {
    try {
      const saved = await call(
        api.PUT("/api/admin/v1/customers/{id}/tags", {
          params: { path: { id: customer.id } },
          body: { tagIds },
        }),
      );
      setEdits((old) => ({ ...old, [customer.id]: saved.tags }));
      tags.reload();
    } catch (error) {
      failed(error);
    }
  };

  return (
    <Card title={t("customers.title")} data-testid="customers-page">
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t("customers.search")}
          onSearch={(v) => setQ(v.trim())}
          style={{ width: 220 }}
          data-testid="customers-search"
        />
        <Select<number>
          allowClear
          placeholder={t("customers.filterTag")}
          value={tagId}
          onChange={(v) => setTagId(v ?? undefined)}
          style={{ width: 180 }}
          data-testid="customers-tag-filter"
          options={(tags.data?.items ?? []).map((tag) => ({
            value: tag.id,
            label: `${tag.name} (${tag.customers})`,
          }))}
        />
        <Button
          onClick={() =>
            download(`/api/admin/v1/exports/customers.csv${tagId ? `?tagId=${tagId}` : ""}`, "customers.csv")
          }
        >
          {t("reports.export.customers")}
        </Button>
      </Space>
      {mayTag && (
        <Space wrap style={{ marginBottom: 16 }} data-testid="customer-tags">
          {(tags.data?.items ?? []).map((tag) => (
            <Popconfirm key={tag.id} title={t("customers.deleteTag")} onConfirm={() => removeTag(tag.id)}>
              <Tag color={tag.color} style={{ cursor: "pointer" }}>
                {tag.name} · {tag.customers}
              </Tag>
            </Popconfirm>
          ))}
          <Input
            size="small"
            value={newTag}
            maxLength={12}
            placeholder={t("customers.newTag")}
            onChange={(e) => setNewTag(e.target.value)}
            onPressEnter={createTag}
            style={{ width: 140 }}
            data-testid="customers-new-tag"
          />
          <Button size="small" onClick={createTag} data-testid="customers-add-tag">
            {t("customers.addTag")}
          </Button>
        </Space>
      )}
      <Table<Customer>
        rowKey="id"
        loading={list.loading}
        dataSource={list.items}
        pagination={false}
        onRow={(row) => rowTestId("customer-row", row.id)}
        columns={[
          { title: t("customers.nickname"), dataIndex: "nickname" },
          {
            title: t("apply.phone"),
            dataIndex: "phone",
            render: (phone: string | null, row: Customer) => (
              <MaskedPhone masked={phone} subject="user" id={row.id} />
            ),
          },
          { title: t("customers.orders"), dataIndex: "orders" },
          { title: t("customers.spent"), dataIndex: "spentFen", render: (v: number) => formatFen(v) },
          { title: t("customers.referrer"), dataIndex: "referrer", render: (v: string | null) => v ?? "—" },
          {
            title: t("customers.tags"),
            key: "tags",
            render: (_: unknown, row: Customer) =>
              mayTag ? (
                <Select<number[]>
                  mode="multiple"
                  size="small"
                  style={{ minWidth: 160 }}
                  value={tagsOf(row).map((tag) => tag.id)}
                  onChange={(ids) => setTags(row, ids)}
                  data-testid={`customer-tags-${row.id}`}
                  options={(tags.data?.items ?? []).map((tag) => ({ value: tag.id, label: tag.name }))}
                />
              ) : (
                tagsOf(row).map((tag) => (
                  <Tag key={tag.id} color={tag.color}>
                    {tag.name}
                  </Tag>
                ))
              ),
          },
          { title: t("customers.createdAt"), dataIndex: "createdAt", render: formatTime },
        ]}
      />
      <LoadMore hasMore={list.hasMore} loading={list.loading} onClick={list.loadMore} />
    </Card>
  );
}
