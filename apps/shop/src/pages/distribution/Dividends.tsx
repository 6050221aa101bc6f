// 分红与排行: my dividend grade and the conditions of the next one, my dividends by period, the leaderboards
// (today / this week / this month by promoted sales, commission or invites) with my own rank, and the
// current contests with their prizes and standings, and once a contest is frozen, my prize and where it stands
// (awaiting approval, granted with a link to the order or coupon, to be sent, sent).
import { Button, ProgressBar, Selector, Skeleton, Tabs } from "antd-mobile";
import { useState } from "react";
import { Link } from "react-router-dom";
import { PageBar } from "../../components/PageBar.tsx";
import { isMessageKey, useI18n } from "../../i18n/index.tsx";
import { dividendsApi, type LeaderboardMetric, type LeaderboardPeriod } from "../../lib/dividends-api.ts";
import { formatBps, formatFen } from "../../lib/money.ts";
import { useLoad } from "../../lib/use-load.ts";

export function DividendsPage() {
  const { t } = useI18n();
  return (
    <div className="page" data-testid="dividends-page">
      <PageBar title={t("div.title")} back="/distribution" />
      <Tabs defaultActiveKey="mine">
        <Tabs.Tab title={t("div.mine")} key="mine">
          <MyDividends />
        </Tabs.Tab>
        <Tabs.Tab title={t("div.leaderboards")} key="boards">
          <Leaderboards />
        </Tabs.Tab>
        <Tabs.Tab title={t("div.contests")} key="contests">
          <Contests />
        </Tabs.Tab>
      </Tabs>
    </div>
  );
}

const showTask = (task: string, value: number) => (task.endsWith("Fen") ? formatFen(value) : String(value));

function MyDividends() {
  const { t } = useI18n();
  const [mine] = useLoad(dividendsApi.mine);
  if (!mine) return <Skeleton.Paragraph lineCount={5} animated />;
  return (
    <>
      <div className="dist-hero">
        <div className="small">{t("div.grade")}</div>
        <div className="dist-hero-grade" data-testid="dividend-grade">
          {mine.grade ? `${mine.grade.name} · ${formatBps(mine.grade.rateBps)}` : t("div.noGrade")}
        </div>
      </div>
      {mine.next && (
        <div className="card" data-testid="dividend-next">
          <div className="card-head">{t("dist.gradeNext", { name: mine.next.name })}</div>
          {mine.next.progress.map((task) => {
            const key = `dist.task.${task.task}`;
            const percent =
              task.target > 0 ? Math.min(100, Math.floor((task.current * 100) / task.target)) : 100;
            return (
              <div key={task.task} className="grade-task" data-met={task.met}>
                <div className="dist-row small">
                  <span>{isMessageKey(key) ? t(key) : task.task}</span>
                  <span className={task.met ? "" : "muted"}>
                    {showTask(task.task, task.current)} / {showTask(task.task, task.target)}
                  </span>
                </div>
                <ProgressBar percent={percent} />
              </div>
            );
          })}
        </div>
      )}
      <div className="card" data-testid="dividend-periods">
        <div className="card-head">{t("div.byPeriod")}</div>
        {mine.periods.length === 0 && <div className="muted small">{t("div.none")}</div>}
        {mine.periods.map((p) => (
          <div key={p.runId} className="dist-row" data-testid="dividend-period">
            <span>
              {t(`div.kind.${p.kind}` as never)} · {p.periodKey}
            </span>
            <span className="dist-row-amount">{formatFen(p.amountFen)}</span>
          </div>
        ))}
      </div>
    </>
  );
}

function Leaderboards() {
  const { t } = useI18n();
  const [metric, setMetric] = useState<LeaderboardMetric>("sales");
  const [period, setPeriod] = useState<LeaderboardPeriod>("week");
  const [board] = useLoad(() => dividendsApi.leaderboard(metric, period), `${metric}:${period}`);
  const value = (v: number) => (metric === "invites" ? String(v) : formatFen(v));
  return (
    <div className="card" data-testid="leaderboard">
      <Selector
        columns={3}
        value={[metric]}
        onChange={(v) => v[0] && setMetric(v[0])}
        options={(["sales", "commission", "invites"] as const).map((m) => ({
          label: t(`div.metric.${m}`),
          value: m,
        }))}
      />
      <Selector
        columns={3}
        value={[period]}
        onChange={(v) => v[0] && setPeriod(v[0])}
        options={(["today", "week", "month"] as const).map((p) => ({
          label: t(`div.period.${p}`),
          value: p,
        }))}
      />
      {!board && <Skeleton.Paragraph lineCount={4} animated />}
      {board && (
        <>
          <div className="dist-row small" data-testid="leaderboard-mine">
            <span>{t("div.myRank")}</span>
            <span>
              {board.mine ? `#${board.mine.rank} · ${value(board.mine.value)}` : t("div.notRanked")}
            </span>
          </div>
          {board.items.map((s) => (
            <div key={s.userId} className="dist-row" data-testid="leaderboard-row">
              <span>
                #{s.rank} {s.nickname ?? `#${s.userId}`}
              </span>
              <span className="dist-row-amount">{value(s.value)}</span>
            </div>
          ))}
        </>
      )}
    </div>
  );
}

function Contests() {
  const { t } = useI18n();
  const [list] = useLoad(dividendsApi.contests);
  const [open, setOpen] = useState<number | null>(null);
  if (!list) return <Skeleton.Paragraph lineCount={4} animated />;
  if (list.items.length === 0) return <div className="card muted small">{t("div.noContests")}</div>;
  return (
    <>
      {list.items.map((c) => (
        <div key={c.id} className="card" data-testid="contest">
          <div className="card-head">
            {c.name} · {t(`div.metric.${c.metric}` as never)}
          </div>
          <div className="small muted">
            {new Date(c.startsAt).toLocaleDateString()} – {new Date(c.endsAt).toLocaleDateString()}
          </div>
          <div className="small">
            {c.prizes
              .map((p) => `#${p.rank} ${p.cashFen !== null ? formatFen(p.cashFen) : ""}${p.item ?? ""}`)
              .join("，")}
          </div>
          {open === c.id ? (
            <Standing id={c.id} metric={c.metric} />
          ) : (
            <Button size="mini" fill="none" data-testid="contest-open" onClick={() => setOpen(c.id)}>
              {t("div.standing")}
            </Button>
          )}
        </div>
      ))}
    </>
  );
}

type MyPrize = NonNullable<Awaited<ReturnType<typeof dividendsApi.contest>>["myPrize"]>;

/** My prize once the ranking is frozen: the cash and where the prize in kind stands, with a link to it. */
function MyPrizeRow({ prize }: { prize: MyPrize }) {
  const { t } = useI18n();
  const what = [prize.cashFen > 0 ? formatFen(prize.cashFen) : "", prize.item ?? ""]
    .filter(Boolean)
    .join(" + ");
  const link = prize.orderId
    ? { to: `/orders/${prize.orderId}`, label: t("div.prize.openOrder") }
    : prize.couponId
      ? { to: "/me/coupons", label: t("div.prize.openCoupons") }
      : null;
  return (
    <div className="dist-row small" data-testid="contest-my-prize" data-status={prize.status ?? "cash"}>
      <span>
        {t("div.prize.mine", { rank: prize.rank })} {what}
      </span>
      <span>
        {prize.status && t(`div.prize.status.${prize.status}`)}
        {prize.sentAt && ` ${new Date(prize.sentAt).toLocaleDateString()}`}
        {link && (
          <>
            {" "}
            <Link to={link.to}>{link.label}</Link>
          </>
        )}
      </span>
    </div>
  );
}

function Standing({ id, metric }: { id: number; metric: string }) {
  const [standing] = useLoad(() => dividendsApi.contest(id), id);
  if (!standing) return <Skeleton.Paragraph lineCount={3} animated />;
  return (
    <>
      {standing.myPrize && <MyPrizeRow prize={standing.myPrize} />}
      {standing.standings.map((s) => (
        <div key={s.userId} className="dist-row small" data-testid="contest-standing">
          <span>
            #{s.rank} {s.nickname ?? `#${s.userId}`}
          </span>
          <span>{metric === "invites" ? s.value : formatFen(s.value)}</span>
        </div>
      ))}
    </>
  );
}
