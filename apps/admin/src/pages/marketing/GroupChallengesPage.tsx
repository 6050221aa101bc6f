// 团购挑战: the merchant's challenges with their tiers, window, state and participants so far; staff with
// marketing.write create, change and stop them; each row opens its results page.
import { Button, Card, Popconfirm, Space, Table, Tag } from "antd";
import { useCallback, useEffect, useState } from "react";
import { Link } from "react-router-dom";
import { useI18n } from "../../i18n/index.tsx";
import { useAuth } from "../../lib/auth.tsx";
import { formatTime } from "../../lib/time.ts";
import { useNotify } from "../../lib/use-notify.ts";
import { type ChallengeArgs, GroupChallengeEditor } from "./GroupChallengeEditor.tsx";
import { type Activity, marketingApi, stateColor } from "./marketing-api.ts";

/** "2人 8折 · 3人 5折" (折 to one decimal: 8.5折). */
export function challengeTiersText(tiers: { participants: number; payBps: number }[]): string {
  return tiers.map((tier) => `${tier.participants}人 ${tier.payBps / 1000}折`).join(" · ");
}

export function GroupChallengesPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const { failed, done } = useNotify();
  const [list, setList] = useState<Activity[] | null>(null);
  const [editing, setEditing] = useState<Activity | "new" | null>(null);

  const reload = useCallback(() => {
    marketingApi.activities().then((all) => setList(all.filter((a) => a.kind === "group_challenge")), failed);
  }, [failed]);
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
      title={t("nav.groupChallenges")}
      extra={
        writable && (
          <Button type="primary" onClick={() => setEditing("new")} data-testid="challenge-create">
            {t("challenge.create")}
          </Button>
        )
      }
    >
      <Table<Activity>
        rowKey="id"
        pagination={false}
        loading={list === null}
        dataSource={list ?? []}
        onRow={(a) => ({ "data-testid": "challenge-row", "data-activity-id": a.id }) as never}
        columns={[
          { title: t("promo.name"), dataIndex: "name" },
          {
            title: t("promo.product"),
            key: "product",
            render: (_, a) => [...new Set(a.skus.map((s) => s.productTitle))].join("，"),
          },
          {
            title: t("challenge.tiers"),
            key: "tiers",
            render: (_, a) => challengeTiersText((a.args as ChallengeArgs).tiers),
          },
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
            title: t("challenge.participants"),
            key: "participants",
            render: (_, a) => a.skus.reduce((sum, s) => sum + s.sold, 0),
          },
          {
            title: "",
            key: "actions",
            render: (_, a) => (
              <Space>
                <Link to={`/group-challenges/${a.id}`} data-testid="challenge-results-link">
                  {t("promo.results")}
                </Link>
                {writable && (a.state === "upcoming" || a.state === "running") && (
                  <>
                    <Button size="small" onClick={() => setEditing(a)}>
                      {t("common.edit")}
                    </Button>
                    <Popconfirm title={t("challenge.stopConfirm")} onConfirm={() => stop(a)}>
                      <Button size="small" danger>
                        {t("promo.stop")}
                      </Button>
                    </Popconfirm>
                  </>
                )}
              </Space>
            ),
          },
        ]}
      />
      {editing && (
        <GroupChallengeEditor
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
