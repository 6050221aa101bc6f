// 限时折扣 / 秒杀 and 满减 / 满折 / 满包邮: the merchant's activities of one family with their state and results
// (paid orders, units and takings; what a threshold discount took off), each SKU's activity price, stock
// left and units sold; staff with marketing.write create, change and stop them.
import { Button, Card, Popconfirm, Space, Table, Tag } from "antd";
import { useCallback, useEffect, useState } from "react";
import { useI18n } from "../../i18n/index.tsx";
import { useAuth } from "../../lib/auth.tsx";
import { formatFen } from "../../lib/money.ts";
import { formatTime } from "../../lib/time.ts";
import { useNotify } from "../../lib/use-notify.ts";
import { type Activity, marketingApi, PRICE_KINDS, stateColor, THRESHOLD_KINDS } from "./marketing-api.ts";
import { itemPriceText, PriceActivityEditor } from "./PriceActivityEditor.tsx";
import { ThresholdActivityEditor, tiersText } from "./ThresholdActivityEditor.tsx";

type Family = "price" | "threshold";
type Sku = Activity["skus"][number];

function SkuResults({ activity }: { activity: Activity }) {
  const { t } = useI18n();
  return (
    <Table<Sku>
      rowKey="skuId"
      size="small"
      pagination={false}
      dataSource={activity.skus}
      columns={[
        { title: t("promo.product"), dataIndex: "productTitle" },
        { title: t("promo.sku"), key: "spec", render: (_, s) => s.specValues.join(" / ") || "—" },
        { title: t("promo.listPrice"), dataIndex: "listPriceFen", render: formatFen },
        { title: t("promo.activityPrice"), key: "price", render: (_, s) => itemPriceText(activity, s.skuId) },
        {
          title: t("promo.stockLeft"),
          dataIndex: "stock",
          render: (n: number | null) => (n === null ? t("promo.stockNone") : n),
        },
        { title: t("promo.sold"), dataIndex: "sold" },
      ]}
    />
  );
}

export function ActivitiesPage({ family }: { family: Family }) {
  const { t } = useI18n();
  const { can } = useAuth();
  const { failed, done } = useNotify();
  const [list, setList] = useState<Activity[] | null>(null);
  const [editing, setEditing] = useState<Activity | "new" | null>(null);
  const kinds: readonly string[] = family === "price" ? PRICE_KINDS : THRESHOLD_KINDS;

  const reload = useCallback(() => {
    marketingApi.activities().then((all) => setList(all.filter((a) => kinds.includes(a.kind))), failed);
  }, [kinds, failed]);
  useEffect(reload, [reload]);

  const stop = async (a: Activity) => {
    try {
      await marketingApi.stopActivity(a.id);
      done();
      reload();
    } catch (error) {
      failed(error);
    }
  };
  const writable = can("marketing.write");
  const Editor = family === "price" ? PriceActivityEditor : ThresholdActivityEditor;

  return (
    <Card
      title={t(family === "price" ? "nav.flashSales" : "nav.thresholds")}
      extra={
        writable && (
          <Button type="primary" onClick={() => setEditing("new")} data-testid="promo-create">
            {t(family === "price" ? "promo.createPrice" : "promo.createThreshold")}
          </Button>
        )
      }
    >
      <Table<Activity>
        rowKey="id"
        pagination={false}
        loading={list === null}
        dataSource={list ?? []}
        expandable={
          family === "price" ? { expandedRowRender: (a) => <SkuResults activity={a} /> } : undefined
        }
        onRow={(a) => ({ "data-testid": "promo-row", "data-activity-id": a.id }) as never}
        columns={[
          { title: t("promo.name"), dataIndex: "name" },
          {
            title: t("promo.kind"),
            dataIndex: "kind",
            render: (k: string) => <Tag>{t(`promo.kind.${k}` as never)}</Tag>,
          },
          family === "price"
            ? {
                title: t("promo.product"),
                key: "items",
                render: (_, a) =>
                  [...new Set(a.skus.map((s) => s.productTitle))].join("，") +
                  ` · ${a.skus.map((s) => itemPriceText(a, s.skuId)).join(" / ")}`,
              }
            : { title: t("promo.tiers"), key: "tiers", render: (_, a) => tiersText(a, t) },
          {
            title: t("promo.window"),
            key: "window",
            render: (_, a) => `${formatTime(a.startsAt)} ~ ${formatTime(a.endsAt)}`,
          },
          {
            title: t("promo.state"),
            dataIndex: "state",
            render: (s: Activity["state"]) => <Tag color={stateColor[s]}>{t(`promo.state.${s}`)}</Tag>,
          },
          {
            title: t("promo.results"),
            key: "results",
            render: (_, a) => (
              <Space size={4} wrap data-testid="promo-results">
                <Tag>{t("promo.results.orders", { n: a.results.orders })}</Tag>
                {family === "price" ? (
                  <>
                    <Tag>{t("promo.results.units", { n: a.results.units })}</Tag>
                    <Tag color="green">
                      {t("promo.results.paid", { amount: formatFen(a.results.paidFen) })}
                    </Tag>
                  </>
                ) : (
                  <Tag color="red">
                    {t("promo.results.discount", { amount: formatFen(a.results.discountFen) })}
                  </Tag>
                )}
              </Space>
            ),
          },
          {
            title: "",
            key: "actions",
            render: (_, a) =>
              writable &&
              (a.state === "upcoming" || a.state === "running") && (
                <Space>
                  <Button size="small" onClick={() => setEditing(a)}>
                    {t("common.edit")}
                  </Button>
                  <Popconfirm title={t("promo.stopConfirm")} onConfirm={() => stop(a)}>
                    <Button size="small" danger>
                      {t("promo.stop")}
                    </Button>
                  </Popconfirm>
                </Space>
              ),
          },
        ]}
      />
      {editing && (
        <Editor
          activity={editing === "new" ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            reload();
          }}
        />
      )}
    </Card>
  );
}
