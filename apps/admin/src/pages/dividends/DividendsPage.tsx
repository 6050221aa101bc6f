// 分红与奖励: the merchant's dividend settings (pools, caps, team dividends with the 团队计酬 notice), dividend
// grades and members, run previews with approve / discard and the run history, contests, physical prizes to send and leaderboards.
import { Card, Tabs } from "antd";
import { useI18n } from "../../i18n/index.tsx";
import { ContestsTab } from "./ContestsTab.tsx";
import { DividendGradesTab } from "./DividendGradesTab.tsx";
import { DividendSettingsTab } from "./DividendSettingsTab.tsx";
import { LeaderboardsTab } from "./LeaderboardsTab.tsx";
import { PrizesTab } from "./PrizesTab.tsx";
import { RunsTab } from "./RunsTab.tsx";

export function DividendsPage() {
  const { t } = useI18n();
  return (
    <Card title={t("div.title")}>
      <Tabs
        destroyOnHidden
        items={[
          { key: "runs", label: t("div.tab.runs"), children: <RunsTab /> },
          { key: "settings", label: t("div.tab.settings"), children: <DividendSettingsTab /> },
          { key: "grades", label: t("div.tab.grades"), children: <DividendGradesTab /> },
          { key: "contests", label: t("div.tab.contests"), children: <ContestsTab /> },
          { key: "prizes", label: t("div.tab.prizes"), children: <PrizesTab /> },
          { key: "leaderboards", label: t("div.tab.leaderboards"), children: <LeaderboardsTab /> },
        ]}
      />
    </Card>
  );
}
