// Pays an order with the chosen method and follows the provider's next step: its pay page (in this shop or
// the provider's), a QR code to scan with the phone's WeChat, or — paid from the shop balance — the result.
import { Dialog, Toast } from "antd-mobile";
import QRCode from "qrcode";
import { createElement, useCallback } from "react";
import { useNavigate } from "react-router-dom";
import { useI18n } from "../i18n/index.tsx";
import { type PayChoice, startPayment } from "./payment.ts";
import { useFail } from "./use-fail.ts";

export function usePay(): (order: { id: number; orderNo: string }, choice: PayChoice) => Promise<boolean> {
  const { t } = useI18n();
  const fail = useFail();
  const navigate = useNavigate();
  return useCallback(
    async (order, choice) => {
      try {
        const step = await startPayment(order, choice);
        if (step.kind === "page") {
          if (step.url.startsWith("/")) navigate(step.url);
          else window.location.assign(step.url);
        } else if (step.kind === "qr") {
          const image = await QRCode.toDataURL(step.codeUrl, { width: 400, margin: 1 });
          Dialog.alert({
            title: t("pay.scan"),
            content: createElement("img", { src: image, className: "dist-qr", alt: "" }),
          });
        } else {
          Toast.show(t("pay.openInWechat"));
        }
        return true;
      } catch (error) {
        fail(error);
        return false;
      }
    },
    [fail, navigate, t],
  );
}
