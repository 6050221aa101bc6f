// "Pay now" for an unpaid order: the shop balance (all, or a part with the rest by a method), the method,
// then the provider's next step.
import { Button, Popup } from "antd-mobile";
import { useState } from "react";
import { useI18n } from "../i18n/index.tsx";
import { formatFen } from "../lib/money.ts";
import { usePay } from "../lib/use-pay.ts";
import { usePayMethods } from "../lib/use-pay-methods.ts";
import { useWalletChoice } from "../lib/use-wallet-choice.ts";
import { PayMethods } from "./PayMethods.tsx";
import { WalletPay } from "./WalletPay.tsx";

type Props = {
  order: { id: number; orderNo: string; payableFen: number; walletFen: number };
  visible: boolean;
  onClose: () => void;
};

export function PaySheet({ order, visible, onClose }: Props) {
  const { t } = useI18n();
  const pay = usePay();
  const { methods, provider, setProvider } = usePayMethods();
  const wallet = useWalletChoice(order.walletFen);
  const [busy, setBusy] = useState(false);
  const choice = wallet.choiceFor(order.payableFen, provider);
  const go = async () => {
    if (!choice) return;
    setBusy(true);
    if (await pay(order, choice)) onClose();
    setBusy(false);
  };
  return (
    <Popup visible={visible} onMaskClick={onClose} bodyClassName="sku-popup">
      <div className="pay-sheet" data-testid="pay-sheet">
        <div className="sandbox-amount">{formatFen(order.payableFen)}</div>
        {visible && <WalletPay wallet={wallet} payableFen={order.payableFen} />}
        {choice?.provider !== "balance" && (
          <PayMethods methods={methods} value={provider} onChange={setProvider} />
        )}
        <Button
          block
          color="danger"
          shape="rounded"
          size="large"
          loading={busy}
          disabled={!choice}
          onClick={go}
          data-testid="pay-sheet-submit"
        >
          {t("order.pay")}
        </Button>
      </div>
    </Popup>
  );
}
