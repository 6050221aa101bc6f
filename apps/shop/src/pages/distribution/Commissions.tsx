// Commission records, newest first, each with its breakdown: order and level, base, rate or fixed amount per
// unit, amount, what was clawed back, status and release date.
import { Tag } from "antd-mobile";
import { CursorList } from "../../components/CursorList.tsx";
import { PageBar } from "../../components/PageBar.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { distributionApi } from "../../lib/distribution-api.ts";
import type { Commission } from "../../lib/distribution-types.ts";
import { formatTime } from "../../lib/format.ts";
import { formatBps, formatFen } from "../../lib/money.ts";

const statusColor = { frozen: "warning", settled: "success", cancelled: "default", held: "danger" } as const;

export function CommissionsPage() {
  const { t } = useI18n();
  return (
    <div className="page">
      <PageBar title={t("dist.commissions")} back="/distribution" />
      <CursorList
        load={distributionApi.commissions}
        render={(c) => <CommissionRow key={c.id} c={c} />}
        empty={t("common.empty")}
      />
    </div>
  );
}

function CommissionRow({ c }: { c: Commission }) {
  const { t } = useI18n();
  const rate =
    c.fixedFenPerUnit !== null
      ? t("dist.commission.fixed", { amount: formatFen(c.fixedFenPerUnit), n: c.quantity })
      : t("dist.commission.rate", { rate: formatBps(c.rateBps ?? 0) });
  return (
    <div className="card" data-testid="commission-row" data-status={c.status} data-fen={c.amountFen}>
      <div className="dist-row">
        <span>
          {t("dist.commission.order", { orderNo: c.orderNo, level: t("dist.level", { n: c.level }) })}
        </span>
        <span className="dist-row-amount">{formatFen(c.amountFen - c.clawedBackFen)}</span>
      </div>
      <div className="small muted">
        {t("dist.commission.base", { amount: formatFen(c.baseFen) })} · {rate}
      </div>
      {c.clawedBackFen > 0 && (
        <div className="small cart-line-problem">
          {t("dist.commission.clawed", { amount: formatFen(c.clawedBackFen) })}
        </div>
      )}
      <div className="dist-row small muted">
        <span>
          {formatTime(c.createdAt)}
          {c.status === "frozen"
            ? ` · ${c.dueAt ? t("dist.commission.due", { time: formatTime(c.dueAt) }) : t("dist.commission.dueAfterReceipt")}`
            : ""}
          {c.status === "frozen" && c.release && (
            <span className="release-rule" data-testid="commission-release-rule">
              {t("dist.release.wrap", {
                rule:
                  t(`dist.release.${c.release.mode}`, { days: c.release.days }) +
                  t("dist.release.afterSaleDelays"),
              })}
            </span>
          )}
        </span>
        <Tag color={statusColor[c.status]} fill="outline">
          {t(`dist.commission.status.${c.status}`)}
        </Tag>
      </div>
    </div>
  );
}
