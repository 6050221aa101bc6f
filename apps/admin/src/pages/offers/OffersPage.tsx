// 新客首单礼, 有礼邀请 and 买赠: the merchant's offers of one kind with their rule, window, state and results —
// orders and what the welcome offer took off; gift units handed out with each gift's stock left; who got which
// invite coupon. Staff with marketing.write create, change and stop (switch off) them.
import { Button, Card, Popconfirm, Space, Table, Tag } from "antd";
import { useCallback, useEffect, useState } from "react";
import { type Translate, useI18n } from "../../i18n/index.tsx";
import { useAuth } from "../../lib/auth.tsx";
import { formatBps, formatFen } from "../../lib/money.ts";
import { formatTime } from "../../lib/time.ts";
import { useNotify } from "../../lib/use-notify.ts";
import { type Activity, marketingApi, stateColor } from "../marketing/marketing-api.ts";
import { InviteGiftResults } from "./InviteGiftResults.tsx";
import { OfferEditor } from "./OfferEditor.tsx";
import type { OfferKind } from "./offers-api.ts";

type Args = {
  payBps?: number;
  maxOffFen?: number | null;
  basis?: "amount" | "quantity";
  atLeast?: number;
  repeat?: boolean;
  scope?: { type: string };
};

/** "付 90%，最多减 ¥20" / "满2件赠（每满一次）" for the list. */
function ruleText(a: Activity, t: Translate): string {
  const args = a.args as Args;
  const scope = args.scope?.type === "all" ? `（${t("promo.scope.all")}）` : "";
  if (a.kind === "welcome_offer")
    return `${t("offer.payText", { rate: formatBps(args.payBps ?? 0) })}${
      args.maxOffFen ? `，${t("offer.maxOffText", { amount: formatFen(args.maxOffFen) })}` : ""
    }${scope}`;
  if (a.kind === "gift") {
    const at = args.basis === "amount" ? `满${formatFen(args.atLeast ?? 0)}` : `满${args.atLeast}件`;
    const gifts = a.skus.map((s) => s.productTitle).join("，");
    return `${at}赠 ${gifts}${args.repeat ? `（${t("offer.repeat")}）` : ""}${scope}`;
  }
  return "";
}

function GiftStock({ activity }: { activity: Activity }) {
  const { t } = useI18n();
  return (
    <Table
      rowKey="skuId"
      size="small"
      pagination={false}
      dataSource={activity.skus}
      columns={[
        { title: t("offer.gift"), dataIndex: "productTitle" },
        { title: t("promo.sku"), key: "spec", render: (_, s) => s.specValues.join(" / ") || "—" },
        { title: t("promo.listPrice"), dataIndex: "listPriceFen", render: formatFen },
        {
          title: t("offer.giftStockLeft"),
          dataIndex: "stock",
          render: (n: number | null) => (n === null ? t("offer.giftStockNone") : n),
        },
        { title: t("offer.giftGiven"), dataIndex: "sold" },
      ]}
    />
  );
}

export function OffersPage({ kind }: { kind: OfferKind }) {
  const { t } = useI18n();
  const { can } = useAuth();
  const { failed, done } = useNotify();
  const [list, setList] = useState<Activity[] | null>(null);
  const [editing, setEditing] = useState<Activity | "new" | null>(null);

  const reload = useCallback(() => {
    marketingApi.activities().then((all) => setList(all.filter((a) => a.kind === kind)), failed);
  }, [kind, failed]);
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

  return (
    <Card
      title={t(`offer.title.${kind}`)}
      extra={
        writable && (
          <Button type="primary" onClick={() => setEditing("new")} data-testid="offer-create">
            {t(`offer.create.${kind}`)}
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
          kind === "gift"
            ? { expandedRowRender: (a) => <GiftStock activity={a} /> }
            : kind === "invite_gift"
              ? { expandedRowRender: (a) => <InviteGiftResults activityId={a.id} /> }
              : undefined
        }
        onRow={(a) => ({ "data-testid": "offer-row", "data-activity-id": a.id }) as never}
        columns={[
          { title: t("promo.name"), dataIndex: "name" },
          ...(kind === "invite_gift"
            ? []
            : [
                { title: t("promo.tiers"), key: "rule", render: (_: unknown, a: Activity) => ruleText(a, t) },
              ]),
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
          ...(kind === "invite_gift"
            ? []
            : [
                {
                  title: t("promo.results"),
                  key: "results",
                  render: (_: unknown, a: Activity) => (
                    <Space size={4} wrap data-testid="offer-results">
                      <Tag>{t("promo.results.orders", { n: a.results.orders })}</Tag>
                      {kind === "gift" ? (
                        <Tag color="green">{t("offer.results.gifts", { n: a.results.units })}</Tag>
                      ) : (
                        <Tag color="red">
                          {t("promo.results.discount", { amount: formatFen(a.results.discountFen) })}
                        </Tag>
                      )}
                    </Space>
                  ),
                },
              ]),
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
                  <Popconfirm title={t("offer.stopConfirm")} onConfirm={() => stop(a)}>
                    <Button size="small" danger>
                      {t("offer.stop")}
                    </Button>
                  </Popconfirm>
                </Space>
              ),
          },
        ]}
      />
      {editing && (
        <OfferEditor
          kind={kind}
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
