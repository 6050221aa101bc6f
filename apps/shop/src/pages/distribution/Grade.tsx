// My grade and the tasks of the next one, each with my current value against its target.
import { ProgressBar, Skeleton } from "antd-mobile";
import { PageBar } from "../../components/PageBar.tsx";
import { isMessageKey, useI18n } from "../../i18n/index.tsx";
import { distributionApi } from "../../lib/distribution-api.ts";
import type { GradeTask, InviteeOrder } from "../../lib/distribution-types.ts";
import { formatBps, formatFen } from "../../lib/money.ts";
import { useLoad } from "../../lib/use-load.ts";

const show = (task: GradeTask, value: number) =>
  task.task.endsWith("Fen") ? formatFen(value) : String(value);

export function GradePage() {
  const { t } = useI18n();
  const [grade] = useLoad(distributionApi.grade);
  return (
    <div className="page">
      <PageBar title={t("dist.myGrade")} back="/distribution" />
      {!grade && <Skeleton.Paragraph lineCount={5} animated />}
      {grade && (
        <>
          <div className="dist-hero">
            <div className="small">{t("dist.gradeCurrent")}</div>
            <div className="dist-hero-grade" data-testid="grade-current">
              {grade.grade?.name ?? t("dist.noGrade")}
            </div>
          </div>
          <div className="card" data-testid="grade-next">
            {grade.next ? (
              <>
                <div className="card-head">{t("dist.gradeNext", { name: grade.next.name })}</div>
                {grade.next.progress.map((task) => {
                  const key = `dist.task.${task.task}`;
                  const percent =
                    task.target > 0 ? Math.min(100, Math.floor((task.current * 100) / task.target)) : 100;
                  return (
                    <div key={task.task} className="grade-task" data-testid="grade-task" data-met={task.met}>
                      <div className="dist-row small">
                        <span>{isMessageKey(key) ? t(key) : task.task}</span>
                        <span className={task.met ? "" : "muted"}>
                          {show(task, task.current)} / {show(task, task.target)}
                        </span>
                      </div>
                      <ProgressBar percent={percent} />
                      {task.task === "invitesWhoBought" && <InviteeOrders orders={grade.inviteeOrders} />}
                    </div>
                  );
                })}
                <div className="grade-benefits small" data-testid="grade-benefits">
                  <div className="card-head">{t("dist.gradeBenefits", { name: grade.next.name })}</div>
                  {grade.next.ratesBps
                    ? grade.next.ratesBps
                        .map((bps, i) =>
                          bps > 0 ? t("dist.gradeRate", { n: i + 1, rate: formatBps(bps) }) : null,
                        )
                        .filter(Boolean)
                        .join("，")
                    : t("dist.gradeDefaultRates")}
                </div>
              </>
            ) : (
              <div className="muted">{grade.grade ? t("dist.gradeTop") : t("dist.noGrades")}</div>
            )}
          </div>
        </>
      )}
    </div>
  );
}

/** Which friends' orders count toward the invite task: completed ones only (received and past the after-sale window). */
function InviteeOrders({ orders }: { orders: InviteeOrder[] }) {
  const { t } = useI18n();
  return (
    <div className="grade-invitees small" data-testid="grade-invitees">
      <div className="muted">{t("dist.inviteCountsRule")}</div>
      {orders.map((o) => (
        <div key={o.orderNo} className="dist-row" data-testid="grade-invitee-order" data-counts={o.counts}>
          <span>
            {o.nickname} · {formatFen(o.payableFen)}
          </span>
          <span className={o.counts ? "" : "muted"}>
            {o.counts ? t("dist.inviteCounts") : t("dist.inviteNotYet")}
          </span>
        </div>
      ))}
    </div>
  );
}
