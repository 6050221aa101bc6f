// One withdrawal in the history: amount, method and masked account, status, fee and net, refusal reason.
import { Tag } from "antd-mobile";
import { useI18n } from "../../i18n/index.tsx";
import type { Withdrawal } from "../../lib/distribution-types.ts";
import { formatTime } from "../../lib/format.ts";
import { formatFen } from "../../lib/money.ts";

const color = {
  requested: "warning",
  approved: "primary",
  paying: "primary",
  paid: "success",
  failed: "danger",
  rejected: "default",
} as const;

export function WithdrawalRow({ w }: { w: Withdrawal }) {
  const { t } = useI18n();
  return (
    <div className="card" data-testid="withdrawal-row" data-status={w.status} data-fen={w.amountFen}>
      <div className="dist-row">
        <span>
          {t(`dist.method.${w.method}`)} · {w.accountMasked}
        </span>
        <span className="dist-row-amount">{formatFen(w.amountFen)}</span>
      </div>
      <div className="dist-row small muted">
        <span>{t("dist.withdrawal.net", { net: formatFen(w.netFen), fee: formatFen(w.feeFen) })}</span>
        <Tag color={color[w.status]} fill="outline">
          {t(`dist.withdrawal.status.${w.status}`)}
        </Tag>
      </div>
      <div className="small muted">{formatTime(w.requestedAt)}</div>
      {(w.rejectReason || w.failureReason) && (
        <div className="small cart-line-problem">{w.rejectReason ?? w.failureReason}</div>
      )}
    </div>
  );
}
