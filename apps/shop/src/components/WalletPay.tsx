// The shop balance at checkout and when paying an unpaid order: a switch to use it, showing what it pays
// and what is left for the method chosen below.
import { List, Switch } from "antd-mobile";
import { useI18n } from "../i18n/index.tsx";
import { formatFen } from "../lib/money.ts";
import type { WalletChoice } from "../lib/use-wallet-choice.ts";

type Props = { wallet: WalletChoice; payableFen: number | null };

export function WalletPay({ wallet, payableFen }: Props) {
  const { t } = useI18n();
  if (wallet.availableFen === null) return null;
  const part = payableFen === null ? 0 : wallet.walletPartOf(payableFen);
  const rest = payableFen === null ? 0 : payableFen - part;
  const description = !wallet.use
    ? null
    : rest === 0
      ? t("wallet.paysAll", { amount: formatFen(part) })
      : wallet.fixed
        ? t("wallet.heldPart", { amount: formatFen(part), rest: formatFen(rest) })
        : t("wallet.paysPart", { amount: formatFen(part), rest: formatFen(rest) });
  return (
    <List className="card checkout-amounts" data-testid="wallet-pay">
      <List.Item
        description={description && <span data-testid="wallet-pay-split">{description}</span>}
        extra={
          <Switch
            checked={wallet.use}
            disabled={wallet.fixed || wallet.availableFen <= 0}
            onChange={wallet.setUse}
            data-testid="wallet-pay-switch"
          />
        }
      >
        {t("wallet.useBalance")}{" "}
        <span className="muted small" data-testid="wallet-pay-available">
          {t("wallet.available", { amount: formatFen(wallet.availableFen) })}
        </span>
      </List.Item>
    </List>
  );
}
