// 拼团: the merchant's group buys with their results (groups open / formed / failed, each group's members and
// orders), and an editor for a new one: product, group price per SKU, size, time limit, leader discount and
// bonus, per-person limit, virtual fill and the window.
import { Button, Card, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Table, Tag } from "antd";
import type { Dayjs } from "dayjs";
import { useEffect, useState } from "react";
import { Link } from "react-router-dom";
import { LoadMore } from "../../components/LoadMore.tsx";
import { MoneyInput } from "../../components/MoneyInput.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { api, call } from "../../lib/api.ts";
import { useAuth } from "../../lib/auth.tsx";
import { formatFen } from "../../lib/money.ts";
import { formatTime } from "../../lib/time.ts";
import { useCursorList } from "../../lib/use-cursor-list.ts";
import { useNotify } from "../../lib/use-notify.ts";

type Activity = {
  id: number;
  title: string;
  productTitle: string;
  groupSize: number;
  startsAt: string;
  endsAt: string;
  leaderBonusFen: number;
  items: { skuId: number; specValues: string[]; priceFen: number; groupPriceFen: number }[];
  groups: { open: number; formed: number; failed: number };
};
type Group = {
  id: number;
  status: "open" | "formed" | "failed";
  size: number;
  expiresAt: string;
  virtualMembers: number;
  members: { nickname: string; role: string; paid: boolean; orderId?: number }[];
};
const statusColor = { open: "blue", formed: "green", failed: "red" } as const;

function Groups({ activityId }: { activityId: number }) {
  const { t } = useI18n();
  const { failed } = useNotify();
  const list = useCursorList<Group, number>(
    (cursor) =>
      call(
        api.GET("/api/admin/v1/group-buys/{id}/groups", {
          params: { path: { id: activityId }, query: { cursor, limit: 20 } },
        }),
      ),
    String(activityId),
    failed,
  );
  return (
    <>
      <Table<Group>
        rowKey="id"
        size="small"
        pagination={false}
        loading={list.loading}
        dataSource={list.items}
        columns={[
          { title: "#", dataIndex: "id" },
          {
            title: t("groupBuy.status"),
            dataIndex: "status",
            render: (s: Group["status"]) => <Tag color={statusColor[s]}>{t(`groupBuy.status.${s}`)}</Tag>,
          },
          { title: t("groupBuy.expiresAt"), dataIndex: "expiresAt", render: formatTime },
          {
            title: t("groupBuy.members"),
            key: "members",
            render: (_, g) => (
              <Space wrap>
                {g.members.map((m) => (
                  <Link key={`${g.id}-${m.orderId}`} to={`/orders/${m.orderId}`}>
                    {m.nickname}
                    {m.role === "leader" ? `（${t("groupBuy.leader")}）` : ""} {m.paid ? "✓" : "…"}
                  </Link>
                ))}
                {g.virtualMembers > 0 && <Tag>{t("groupBuy.virtual", { n: g.virtualMembers })}</Tag>}
              </Space>
            ),
          },
        ]}
      />
      <LoadMore hasMore={list.hasMore} loading={list.loading} onClick={list.loadMore} />
    </>
  );
}

type EditorValues = {
  title: string;
  productId: number;
  window: [Dayjs, Dayjs];
  prices: Record<string, number | null>;
  groupSize: number;
  timeLimitHours: number;
  leaderDiscountFen: number | null;
  leaderBonusFen: number | null;
  perPersonLimit: number | null;
  virtualFillMaxMissing: number;
};

function Editor({ open, onClose, onSaved }: { open: boolean; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const { failed, done } = useNotify();
  const [form] = Form.useForm<EditorValues>();
  const [products, setProducts] = useState<{ id: number; title: string }[]>([]);
  const [skus, setSkus] = useState<{ id: number; specValues: string[]; priceFen: number }[]>([]);
  const productId = Form.useWatch("productId", form);

  useEffect(() => {
    if (open)
      call(api.GET("/api/admin/v1/products", { params: { query: { status: "on_sale", limit: 50 } } })).then(
        (page) => setProducts(page.items),
        failed,
      );
  }, [open, failed]);
  useEffect(() => {
    if (productId)
      call(api.GET("/api/admin/v1/products/{id}", { params: { path: { id: productId } } })).then(
        (p) => setSkus(p.skus),
        failed,
      );
  }, [productId, failed]);

  async function save(v: EditorValues) {
    try {
      await call(
        api.POST("/api/admin/v1/group-buys", {
          body: {
            title: v.title,
            productId: v.productId,
            startsAt: v.window[0].toISOString(),
            endsAt: v.window[1].toISOString(),
            items: skus
              .filter((s) => v.prices?.[s.id] != null)
              .map((s) => ({ skuId: s.id, groupPriceFen: v.prices[s.id]! })),
            groupSize: v.groupSize,
            timeLimitMinutes: Math.round(v.timeLimitHours * 60),
            leaderDiscountFen: v.leaderDiscountFen ?? 0,
            leaderBonusFen: v.leaderBonusFen ?? 0,
            perPersonLimit: v.perPersonLimit ?? null,
            virtualFillMaxMissing: v.virtualFillMaxMissing ?? 0,
          } as never,
        }),
      );
      done();
      form.resetFields();
      onSaved();
    } catch (error) {
      failed(error);
    }
  }

  return (
    <Modal open={open} title={t("groupBuy.create")} onCancel={onClose} onOk={() => form.submit()} width={640}>
      <Form<EditorValues>
        form={form}
        layout="vertical"
        onFinish={save}
        initialValues={{ groupSize: 3, timeLimitHours: 24, virtualFillMaxMissing: 0 }}
      >
        <Form.Item name="title" label={t("groupBuy.title")} rules={[{ required: true, max: 40 }]}>
          <Input data-testid="group-buy-title" />
        </Form.Item>
        <Form.Item name="productId" label={t("groupBuy.product")} rules={[{ required: true }]}>
          <Select
            showSearch
            optionFilterProp="label"
            options={products.map((p) => ({ value: p.id, label: p.title }))}
          />
        </Form.Item>
        {skus.map((s) => (
          <Form.Item
            key={s.id}
            name={["prices", String(s.id)]}
            label={`${s.specValues.join(" / ") || t("groupBuy.groupPrice")} · ${formatFen(s.priceFen)}`}
          >
            <MoneyInput placeholder={t("groupBuy.groupPrice")} />
          </Form.Item>
        ))}
        <Form.Item name="window" label={t("groupBuy.window")} rules={[{ required: true }]}>
          <DatePicker.RangePicker showTime />
        </Form.Item>
        <Space wrap>
          <Form.Item name="groupSize" label={t("groupBuy.size")} rules={[{ required: true }]}>
            <InputNumber min={2} max={100} precision={0} />
          </Form.Item>
          <Form.Item name="timeLimitHours" label={t("groupBuy.timeLimitHours")} rules={[{ required: true }]}>
            <InputNumber min={1} max={168} precision={0} />
          </Form.Item>
          <Form.Item name="perPersonLimit" label={t("groupBuy.perPersonLimit")}>
            <InputNumber min={1} precision={0} />
          </Form.Item>
          <Form.Item name="virtualFillMaxMissing" label={t("groupBuy.virtualFill")}>
            <InputNumber min={0} max={99} precision={0} />
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="leaderDiscountFen" label={t("groupBuy.leaderDiscount")}>
            <MoneyInput />
          </Form.Item>
          <Form.Item name="leaderBonusFen" label={t("groupBuy.leaderBonus")}>
            <MoneyInput />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

export function GroupBuyPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const { failed } = useNotify();
  const [editing, setEditing] = useState(false);
  const list = useCursorList<Activity, number>(
    (cursor) => call(api.GET("/api/admin/v1/group-buys", { params: { query: { cursor, limit: 20 } } })),
    "",
    failed,
  );
  return (
    <Card
      title={t("nav.groupBuys")}
      extra={
        can("distribution.configure") && (
          <Button type="primary" onClick={() => setEditing(true)} data-testid="group-buy-create">
            {t("groupBuy.create")}
          </Button>
        )
      }
    >
      <Table<Activity>
        rowKey="id"
        pagination={false}
        loading={list.loading}
        dataSource={list.items}
        expandable={{ expandedRowRender: (a) => <Groups activityId={a.id} /> }}
        columns={[
          { title: t("groupBuy.title"), dataIndex: "title" },
          { title: t("groupBuy.product"), dataIndex: "productTitle" },
          {
            title: t("groupBuy.groupPrice"),
            key: "price",
            render: (_, a) =>
              a.items.map((i) => `${formatFen(i.groupPriceFen)}（${formatFen(i.priceFen)}）`).join("，"),
          },
          { title: t("groupBuy.size"), dataIndex: "groupSize" },
          {
            title: t("groupBuy.leaderBonus"),
            dataIndex: "leaderBonusFen",
            render: (f: number) => (f ? formatFen(f) : "—"),
          },
          {
            title: t("groupBuy.window"),
            key: "window",
            render: (_, a) => `${formatTime(a.startsAt)} ~ ${formatTime(a.endsAt)}`,
          },
          {
            title: t("groupBuy.results"),
            key: "groups",
            render: (_, a) => (
              <Space>
                <Tag color="blue">
                  {t("groupBuy.status.open")} {a.groups.open}
                </Tag>
                <Tag color="green">
                  {t("groupBuy.status.formed")} {a.groups.formed}
                </Tag>
                <Tag color="red">
                  {t("groupBuy.status.failed")} {a.groups.failed}
                </Tag>
              </Space>
            ),
          },
        ]}
      />
      <LoadMore hasMore={list.hasMore} loading={list.loading} onClick={list.loadMore} />
      <Editor
        open={editing}
        onClose={() => setEditing(false)}
        onSaved={() => {
          setEditing(false);
          list.reload();
        }}
      />
    </Card>
  );
}
