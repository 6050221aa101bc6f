// 商城余额: what the shopper can spend, what is set aside for unpaid orders, and every movement — commission
// withdrawn to the balance, order payments, refunds, holds returned — newest first, page by page.
import { Link } from "react-router-dom";
import { CursorList } from "../components/CursorList.tsx";
import { PageBar } from "../components/PageBar.tsx";
import { useI18n } from "../i18n/index.tsx";
import { formatTime } from "../lib/format.ts";
import { formatFen } from "../lib/money.ts";
import type { WalletEntry } from "../lib/types.ts";
import { useLoad } from "../lib/use-load.ts";
import { walletApi } from "../lib/wallet-api.ts";

function EntryRow({ entry }: { entry: WalletEntry }) {
  const { t } = useI18n();
  const what = entry.orderNo
    ? t("wallet.order", { orderNo: entry.orderNo })
    : entry.withdrawalId
      ? t("wallet.withdrawal", { id: entry.withdrawalId })
      : "";
  return (
    <div className="card wallet-entry" data-testid="wallet-entry" data-kind={entry.kind}>
      <div className="dist-row">
        <span>{t(`wallet.kind.${entry.kind}`)}</span>
        <span className={entry.amountFen > 0 ? "wallet-in" : "wallet-out"} data-testid="wallet-entry-amount">
          {entry.amountFen > 0 ? "+" : ""}
          {formatFen(entry.amountFen)}
        </span>
      </div>
      <div className="dist-row small muted">
        <span>
          {entry.kind === "withdrawal" ? (
            <Link to="/distribution/withdraw">{what}</Link>
          ) : (
            <span data-testid="wallet-entry-ref">{what}</span>
          )}
        </span>
        <span>{formatTime(entry.at)}</span>
      </div>
    </div>
  );
}

export function WalletPage() {
  const { t } = useI18n();
  const [wallet] = useLoad(walletApi.balance);
  return (
    <div className="page">
      <PageBar title={t("wallet.title")} back="/me" />
      <div className="card wallet-head" data-testid="wallet-head">
        <div className="muted small">{t("wallet.balance")}</div>
        <div className="wallet-balance" data-testid="wallet-balance">
          {wallet ? formatFen(wallet.balanceFen) : "—"}
        </div>
        {wallet && wallet.heldFen > 0 && (
          <div className="small muted" data-testid="wallet-held">
            {t("wallet.held", { amount: formatFen(wallet.heldFen) })}
          </div>
        )}
      </div>
      <h3 className="section-title">{t("wallet.history")}</h3>
      <CursorList
        load={walletApi.entries}
        render={(e) => <EntryRow key={e.id} entry={e} />}
        empty={t("wallet.empty")}
      />
    </div>
  );
}
