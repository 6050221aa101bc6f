// A shopper's points as staff see them: spendable and pending, and each points event (spent on an order,
// given back, earned, become spendable, clawed back by a refund) with its order.
import { Button, Descriptions, Select, Table, Typography } from "antd";
import { useState } from "react";
import { Link } from "react-router-dom";
import { useI18n } from "../../i18n/index.tsx";
import { formatTime } from "../../lib/time.ts";
import { useNotify } from "../../lib/use-notify.ts";
import { marketingApi } from "./marketing-api.ts";
import { type ShopperPoints as Points, pointsApi } from "./points-api.ts";

type Entry = Points["history"][number];

export function ShopperPoints() {
  const { t } = useI18n();
  const { failed } = useNotify();
  const [options, setOptions] = useState<{ value: number; label: string }[]>([]);
  const [shopper, setShopper] = useState<number | null>(null);
  const [points, setPoints] = useState<Points | null>(null);
  const [history, setHistory] = useState<Entry[]>([]);

  const search = (q: string) => {
    if (q.trim().length < 2) return;
    marketingApi
      .customers(q.trim())
      .then(
        (page) =>
          setOptions(
            page.items.map((c) => ({ value: c.id, label: `${c.nickname} · ${c.phone ?? `#${c.id}`}` })),
          ),
        failed,
      );
  };
  const open = (id: number) => {
    setShopper(id);
    pointsApi.shopper(id).then((p) => {
      setPoints(p);
      setHistory(p.history);
    }, failed);
  };
  const more = () => {
    if (!shopper || !points?.nextBeforeId) return;
    pointsApi.shopper(shopper, points.nextBeforeId).then((p) => {
      setPoints(p);
      setHistory((h) => [...h, ...p.history]);
    }, failed);
  };

  return (
    <>
      <Select
        showSearch
        filterOption={false}
        style={{ width: 360, marginBottom: 16 }}
        placeholder={t("coupon.searchShopper")}
        onSearch={search}
        value={shopper}
        onChange={open}
        options={options}
        data-testid="points-shopper-search"
      />
      {points && (
        <>
          <Descriptions size="small" column={2} style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t("points.balance")}>
              <Typography.Text strong data-testid="points-shopper-balance">
                {points.points}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t("points.pending")}>{points.pending}</Descriptions.Item>
          </Descriptions>
          <Table<Entry>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={history}
            columns={[
              { title: t("common.createdAt"), dataIndex: "createdAt", render: (d: string) => formatTime(d) },
              {
                title: t("points.kind"),
                dataIndex: "kind",
                render: (k: string) => t(`points.kind.${k}` as never),
              },
              {
                title: t("points.change"),
                key: "points",
                render: (_, e) =>
                  e.kind === "earn"
                    ? t("points.pendingPlus", { n: e.points })
                    : `${e.points > 0 ? "+" : ""}${e.points}${e.owed > 0 && e.owed !== -e.points ? ` (${t("points.owed", { n: e.owed })})` : ""}`,
              },
              {
                title: t("points.order"),
                dataIndex: "orderId",
                render: (id: number | null) => (id ? <Link to={`/orders/${id}`}>#{id}</Link> : "—"),
              },
            ]}
          />
          {points.nextBeforeId && (
            <Button onClick={more} style={{ marginTop: 12 }}>
              {t("common.loadMore")}
            </Button>
          )}
        </>
      )}
    </>
  );
}
