// "Pay now" for an unpaid order: choose the method, then follow the provider's next step.
import { Button, Popup } from "antd-mobile";
import { useState } from "react";
import { useI18n } from "../i18n/index.tsx";
import { formatFen } from "../lib/money.ts";
import { usePay } from "../lib/use-pay.ts";
import { usePayMethods } from "../lib/use-pay-methods.ts";
import { PayMethods } from "./PayMethods.tsx";

type Props = {
  order: { id: number; orderNo: string; payableFen: number };
  visible: boolean;
  onClose: () => void;
};

export function PaySheet({ order, visible, onClose }: Props) {
  const { t } = useI18n();
  const pay = usePay();
  const { methods, provider, setProvider } = usePayMethods();
  const [busy, setBusy] = useState(false);
  const go = async () => {
    if (!provider) return;
    setBusy(true);
    if (await pay(order, provider)) onClose();
    setBusy(false);
  };
  return (
    <Popup visible={visible} onMaskClick={onClose} bodyClassName="sku-popup">
      <div className="pay-sheet" data-testid="pay-sheet">
        <div className="sandbox-amount">{formatFen(order.payableFen)}</div>
        <PayMethods methods={methods} value={provider} onChange={setProvider} />
        <Button
          block
          color="danger"
          shape="rounded"
          size="large"
          loading={busy}
          disabled={!provider}
          onClick={go}
          data-testid="pay-sheet-submit"
        >
          {t("order.pay")}
        </Button>
      </div>
    </Popup>
  );
}
