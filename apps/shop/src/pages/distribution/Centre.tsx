// 分销中心: for a distributor the wallet, the entries to commissions, orders, team, invite, withdraw and
// grade, and their referrer; for anyone else how to become one.
import { ErrorBlock, Grid, Skeleton } from "antd-mobile";
import { Link } from "react-router-dom";
import { JoinCard } from "../../components/distribution/JoinCard.tsx";
import { MyStatsCard } from "../../components/distribution/MyStatsCard.tsx";
import { WalletCard } from "../../components/distribution/WalletCard.tsx";
import { PageBar } from "../../components/PageBar.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { distributionApi } from "../../lib/distribution-api.ts";
import type { MyDistribution } from "../../lib/distribution-types.ts";
import { formatTime } from "../../lib/format.ts";
import { useLoad } from "../../lib/use-load.ts";

const entries = [
  { to: "/distribution/commissions", label: "dist.commissions", testid: "dist-entry-commissions" },
  { to: "/distribution/orders", label: "dist.orders", testid: "dist-entry-orders" },
  { to: "/distribution/team", label: "dist.team", testid: "dist-entry-team" },
  { to: "/distribution/invite", label: "dist.invite", testid: "dist-entry-invite" },
  { to: "/distribution/withdraw", label: "dist.withdraw", testid: "dist-entry-withdraw" },
  { to: "/distribution/grade", label: "dist.myGrade", testid: "dist-entry-grade" },
  { to: "/distribution/dividends", label: "div.title", testid: "dist-entry-dividends" },
  { to: "/distribution/storefront", label: "store.mine", testid: "dist-entry-storefront" },
] as const;

export function DistributionCentrePage() {
  const { t } = useI18n();
  const [me, reload] = useLoad(distributionApi.me);
  const active = me?.distributor && me.distributor.status !== "removed";
  return (
    <div className="page dist-page" data-testid="dist-centre">
      <PageBar title={t("dist.title")} back="/me" />
      {!me && <Skeleton.Paragraph lineCount={6} animated />}
      {me && !me.enabled && <ErrorBlock status="empty" title={t("dist.disabled")} description="" />}
      {me?.enabled && !active && <JoinCard me={me} onChanged={reload} />}
      {me?.enabled && active && <Dashboard me={me} />}
      {me && <ReferrerCard />}
    </div>
  );
}

function Dashboard({ me }: { me: MyDistribution }) {
  const { t } = useI18n();
  const [wallet] = useLoad(distributionApi.wallet);
  const [grade] = useLoad(distributionApi.grade);
  return (
    <>
      <div className="dist-hero">
        <div>
          <div className="dist-hero-grade" data-testid="dist-grade-name">
            {grade?.grade?.name ?? t("dist.noGrade")}
          </div>
          <div className="small">
            {t("dist.inviteCode")}: <span data-testid="dist-invite-code">{me.inviteCode}</span>
          </div>
        </div>
      </div>
      {me.distributor?.status === "frozen" && (
        <div className="card cart-line-problem" data-testid="dist-frozen">
          {t("dist.frozen")}
        </div>
      )}
      {wallet ? <WalletCard wallet={wallet} /> : <Skeleton.Paragraph lineCount={4} animated />}
      <MyStatsCard />
      <div className="card">
        <Grid columns={3} gap={12}>
          {entries.map((e) => (
            <Grid.Item key={e.to}>
              <Link to={e.to} className="dist-entry" data-testid={e.testid}>
                {t(e.label)}
              </Link>
            </Grid.Item>
          ))}
        </Grid>
      </div>
    </>
  );
}

function ReferrerCard() {
  const { t } = useI18n();
  const [referrer] = useLoad(distributionApi.referrer);
  return (
    <div className="card" data-testid="dist-referrer">
      <div className="card-head">{t("dist.referrer")}</div>
      {referrer?.nickname && <div className="dist-referrer-name">{referrer.nickname}</div>}
      <div className="small muted">
        {referrer
          ? t("dist.referrerLine", { code: referrer.inviteCode ?? "—", time: formatTime(referrer.boundAt) })
          : t("dist.noReferrer")}
      </div>
    </div>
  );
}
