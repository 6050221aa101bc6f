// Earnings at a glance: today / this month / all time, and the balances frozen, available and withdrawing,
// with the next release dates of frozen commissions.
import { Button } from "antd-mobile";
import { useNavigate } from "react-router-dom";
import { useI18n } from "../../i18n/index.tsx";
import type { Wallet } from "../../lib/distribution-types.ts";
import { formatTime } from "../../lib/format.ts";
import { formatFen } from "../../lib/money.ts";

export function WalletCard({ wallet }: { wallet: Wallet }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const figure = (key: string, label: string, fen: number) => (
    <div className="dist-figure">
      <div className="dist-figure-value" data-testid={`dist-${key}`} data-fen={fen}>
        {formatFen(fen)}
      </div>
      <div className="dist-figure-label">{label}</div>
    </div>
  );
  return (
    <div className="card dist-wallet" data-testid="dist-wallet">
      <div className="dist-available">
        <div>
          <div className="dist-figure-label">{t("dist.available")}</div>
          <div className="dist-available-value" data-testid="dist-available" data-fen={wallet.availableFen}>
            {formatFen(wallet.availableFen)}
          </div>
        </div>
        <Button
          color="danger"
          shape="rounded"
          size="small"
          onClick={() => navigate("/distribution/withdraw")}
          data-testid="dist-withdraw-entry"
        >
          {t("dist.withdraw")}
        </Button>
      </div>
      <div className="dist-figures">
        {figure("frozen", t("dist.frozenFen"), wallet.frozenFen)}
        {figure("withdrawing", t("dist.withdrawing"), wallet.withdrawingFen)}
        {figure("total", t("dist.total"), wallet.totalFen)}
      </div>
      <div className="dist-figures">
        {figure("today", t("dist.today"), wallet.todayFen)}
        {figure("month", t("dist.month"), wallet.monthFen)}
      </div>
      {wallet.nextReleases.length > 0 && (
        <div className="dist-releases" data-testid="dist-next-releases">
          <div className="dist-figure-label">{t("dist.nextReleases")}</div>
          {wallet.nextReleases.map((r) => (
            <div key={String(r.dueAt)} className="small">
              {t("dist.releaseAt", { time: formatTime(r.dueAt), amount: formatFen(r.amountFen) })}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
