// The paid / failed result after a payment: the server's answer, with the way to the order or back to shop.
import { Button, Result } from "antd-mobile";
import { useNavigate, useSearchParams } from "react-router-dom";
import { PageBar } from "../components/PageBar.tsx";
import { useI18n } from "../i18n/index.tsx";
import { payingOrderId } from "../lib/payment.ts";

export function PayResultPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const orderNo = params.get("orderNo") ?? "";
  const paid = params.get("paid") === "1";
  const orderId = payingOrderId(orderNo);
  const toOrder = () => navigate(orderId ? `/orders/${orderId}` : "/orders", { replace: true });
  return (
    <div className="page" data-testid="pay-result" data-paid={paid}>
      <PageBar title={t("pay.resultTitle")} back="/" />
      <Result
        status={paid ? "success" : "error"}
        title={paid ? t("pay.paid") : t("pay.failed")}
        description={paid ? t("pay.paidHint", { orderNo }) : t("pay.failedHint")}
      />
      <div className="pay-result-actions">
        <Button
          block
          color={paid ? "default" : "danger"}
          shape="rounded"
          onClick={toOrder}
          data-testid="pay-result-order"
        >
          {paid ? t("pay.viewOrder") : t("pay.retry")}
        </Button>
        <Button
          block
          shape="rounded"
          className="mt"
          onClick={() => navigate("/", { replace: true })}
          data-testid="pay-result-home"
        >
          {t("pay.continue")}
        </Button>
      </div>
    </div>
  );
}
