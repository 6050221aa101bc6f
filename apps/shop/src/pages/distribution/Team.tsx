// My team by level: members and sales per level, and the members of the chosen level.
import { ErrorBlock, List, Tabs } from "antd-mobile";
import { useState } from "react";
import { PageBar } from "../../components/PageBar.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { distributionApi } from "../../lib/distribution-api.ts";
import { formatTime } from "../../lib/format.ts";
import { formatFen } from "../../lib/money.ts";
import { useLoad } from "../../lib/use-load.ts";

const levels = [1, 2, 3] as const;

export function TeamPage() {
  const { t } = useI18n();
  const [level, setLevel] = useState(1);
  const [team] = useLoad(() => distributionApi.team(level), level);
  const summary = (n: number) => team?.levels.find((l) => l.level === n);
  return (
    <div className="page">
      <PageBar title={t("dist.team")} back="/distribution" />
      <div className="card dist-figures" data-testid="team-summary">
        {levels.map((n) => (
          <div
            key={n}
            className="dist-figure"
            data-testid={`team-level-${n}`}
            data-members={summary(n)?.members ?? 0}
          >
            <div className="dist-figure-value">{t("dist.members", { n: summary(n)?.members ?? 0 })}</div>
            <div className="dist-figure-label">{t("dist.levelMembers", { n })}</div>
            <div className="dist-figure-label">
              {t("dist.sales", { amount: formatFen(summary(n)?.salesFen ?? 0) })}
            </div>
          </div>
        ))}
      </div>
      <Tabs activeKey={String(level)} onChange={(key) => setLevel(Number(key))} className="orders-tabs">
        {levels.map((n) => (
          <Tabs.Tab key={String(n)} title={t("dist.levelTab", { n })} />
        ))}
      </Tabs>
      {team && team.members.length === 0 && (
        <ErrorBlock status="empty" title={t("common.empty")} description="" />
      )}
      {team && team.members.length > 0 && (
        <List className="card address-list">
          {team.members.map((m) => (
            <List.Item
              key={m.userId}
              description={t("dist.boundAt", { time: formatTime(m.boundAt) })}
              data-testid="team-member"
            >
              {m.nickname}
            </List.Item>
          ))}
        </List>
      )}
    </div>
  );
}
