// What a shopper can do with an order in its current state: cancel or pay before payment, confirm receipt
// once shipped, ask for an after-sale once paid.
import { Button, Dialog, Toast } from "antd-mobile";
import { useState } from "react";
import { useNavigate } from "react-router-dom";
import { useI18n } from "../i18n/index.tsx";
import { api, call } from "../lib/api.ts";
import type { Order, OrderCard } from "../lib/types.ts";
import { useFail } from "../lib/use-fail.ts";
import { PaySheet } from "./PaySheet.tsx";

const afterSaleOpen = new Set(["paid", "shipped", "received"]);

export function OrderActions({
  order,
  onChanged,
  detail,
}: {
  order: OrderCard;
  onChanged: (o: Order) => void;
  detail?: boolean;
}) {
  const { t } = useI18n();
  const fail = useFail();
  const navigate = useNavigate();
  const path = { params: { path: { id: order.id } } };
  const [paying, setPaying] = useState(false);

  const cancel = async () => {
    if (!(await Dialog.confirm({ content: t("order.cancelConfirm") }))) return;
    await call(api.POST("/api/v1/orders/{id}/cancel", path)).then((o) => {
      Toast.show({ icon: "success", content: t("order.cancelled") });
      onChanged(o);
    }, fail);
  };
  const confirmReceipt = async () => {
    if (!(await Dialog.confirm({ content: t("order.confirmReceiptConfirm") }))) return;
    await call(api.POST("/api/v1/orders/{id}/confirm-receipt", path)).then((o) => {
      Toast.show({ icon: "success", content: t("order.received") });
      onChanged(o);
    }, fail);
  };

  const buttons = [];
  if (order.status === "pending_payment") {
    buttons.push(
      <Button key="cancel" size="small" shape="rounded" onClick={cancel} data-testid="order-cancel">
        {t("order.cancel")}
      </Button>,
      <Button
        key="pay"
        size="small"
        shape="rounded"
        color="danger"
        onClick={() => setPaying(true)}
        data-testid="order-pay"
      >
        {t("order.pay")}
      </Button>,
    );
  }
  if (detail && afterSaleOpen.has(order.status)) {
    buttons.push(
      <Button
        key="after-sale"
        size="small"
        shape="rounded"
        onClick={() => navigate(`/orders/${order.id}/after-sale`)}
        data-testid="order-after-sale"
      >
        {t("order.afterSale")}
      </Button>,
    );
  }
  // a course is received when staff redeem its code
  if (order.status === "shipped" && order.delivery !== "redemption") {
    buttons.push(
      <Button
        key="receive"
        size="small"
        shape="rounded"
        color="danger"
        onClick={confirmReceipt}
        data-testid="order-confirm-receipt"
      >
        {t("order.confirmReceipt")}
      </Button>,
    );
  }
  if (buttons.length === 0) return null;
  return (
    <div className="order-actions">
      {buttons}
      {order.status === "pending_payment" && (
        <PaySheet order={order} visible={paying} onClose={() => setPaying(false)} />
      )}
    </div>
  );
}
