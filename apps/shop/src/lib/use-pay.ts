// Pays an order with the chosen method and follows the provider's next step: its pay page (in this shop or
// the provider's), a QR code to scan with the phone's WeChat, or — paid from the shop balance — the result.
import { Dialog, Toast } from "antd-mobile";
import QRCode from "qrcode";
import { createElement, useCallback } from "react";
import { useNavigate } from "react-router-dom";
import { useI18n } from "../i18n/index.tsx";
import { type PayChoice, type PayStep, rememberPaying, startPayment, stepOf } from "./payment.ts";
import type { PayReply } from "./types.ts";
import { useFail } from "./use-fail.ts";

type OrderRef = { id: number; orderNo: string };

/** Takes the shopper to a started payment's next step. */
function useFollow(): (step: PayStep) => Promise<void> {
  const { t } = useI18n();
  const navigate = useNavigate();
  return useCallback(
    async (step) => {
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
    },
    [navigate, t],
  );
}

export function usePay(): (order: OrderRef, choice: PayChoice) => Promise<boolean> {
  const fail = useFail();
  const follow = useFollow();
  return useCallback(
    async (order, choice) => {
      try {
        await follow(await startPayment(order, choice));
        return true;
      } catch (error) {
        fail(error);
        return false;
      }
    },
    [fail, follow],
  );
}

/** Follows the payment the server started with the order itself (an order placed with `pay`). */
export function useFollowPayment(): (order: OrderRef, reply: PayReply) => Promise<void> {
  const follow = useFollow();
  return useCallback(
    async (order, reply) => {
      rememberPaying(order.orderNo, order.id);
      await follow(stepOf(reply));
    },
    [follow],
  );
}
