// WeChat Pay API v3 as a PaymentProvider: create, query, refund and pay out (商家转账) through
// signed calls, and read notifications. Payouts never report a definite failure from an HTTP
// error: WeChat says not to change out_bill_no until a query shows FAIL, so callers query.

import { constants, publicEncrypt } from "node:crypto";
import { invalidRequest, responseInvalid } from "../http-call.ts";
import type { PaymentProvider, PayoutInput, ProviderFailure } from "../provider.ts";
import { createWechatPayClient } from "./client.ts";
import { WECHAT_PAY_DEFAULTS, type WechatPayConfig } from "./config.ts";
import { createWechatPayment } from "./create-payment.ts";
import { loadWechatPayKeys } from "./keys.ts";
import { parseWechatNotification } from "./notifications.ts";
import {
  refundWire,
  toPaymentSnapshot,
  toPayoutSnapshot,
  toRefundSnapshot,
  transactionWire,
  transferWire,
} from "./wire.ts";

export type WechatPayDeps = { now?: () => number };

export function createWechatPayProvider(config: WechatPayConfig, deps: WechatPayDeps = {}): PaymentProvider {
  const now = deps.now ?? Date.now;
  const keys = loadWechatPayKeys(config);
  const transfer = config.transfer ?? WECHAT_PAY_DEFAULTS.transfer;
  const client = createWechatPayClient({
    mchid: config.mchid,
    merchantSerial: config.merchantSerial,
    keys,
    baseUrl: (config.baseUrl ?? WECHAT_PAY_DEFAULTS.baseUrl).replace(/\/$/, ""),
    timeoutMs: config.timeoutMs ?? WECHAT_PAY_DEFAULTS.timeoutMs,
    now,
  });
  const notifyContext = { apiV3Key: config.apiV3Key, keys: keys.wechatpayKeys };
  const mchid = encodeURIComponent(config.mchid);

  function ours(mch: string | undefined, app?: string): string | null {
    if (mch !== undefined && mch !== config.mchid) return `mchid ${mch} is not ours`;
    if (app !== undefined && app !== config.appid) return `appid ${app} is not ours`;
    return null;
  }

  return {
    name: "wechat",
    channels: ["jsapi", "h5", "native"],

    createPayment: (input) =>
      createWechatPayment(
        {
          mchid: config.mchid,
          appid: config.appid,
          h5Type: config.h5Type ?? WECHAT_PAY_DEFAULTS.h5Type,
          client,
          merchantPrivateKey: keys.merchantPrivateKey,
          now,
        },
        input,
      ),

    parsePaymentNotification: (input) =>
      parseWechatNotification(input, notifyContext, "TRANSACTION.", transactionWire, (plain, eventId) => {
        const mismatch = ours(plain.mchid, plain.appid);
        if (mismatch) return { ok: false, mismatch };
        return { ok: true, event: { ...toPaymentSnapshot(plain), provider: "wechat", eventId } };
      }),

    async queryPayment(outTradeNo) {
      const answer = await client(
        "GET",
        `/v3/pay/transactions/out-trade-no/${encodeURIComponent(outTradeNo)}?mchid=${mchid}`,
      );
      if (!answer.ok) return answer;
      const wire = transactionWire.safeParse(answer.json);
      if (!wire.success) return responseInvalid("unexpected transaction shape");
      const mismatch = ours(wire.data.mchid, wire.data.appid);
      if (mismatch) return responseInvalid(mismatch);
      return { ok: true, payment: toPaymentSnapshot(wire.data) };
    },

    async refund(input) {
      const answer = await client("POST", "/v3/refund/domestic/refunds", {
        out_trade_no: input.outTradeNo,
        out_refund_no: input.outRefundNo,
        reason: input.reason.slice(0, 80),
        notify_url: input.notifyUrl,
        amount: { refund: input.refundFen, total: input.totalFen, currency: "CNY" },
      });
      if (!answer.ok) return answer;
      const wire = refundWire.safeParse(answer.json);
      if (!wire.success) return responseInvalid("unexpected refund shape");
      return { ok: true, refund: toRefundSnapshot(wire.data) };
    },

    parseRefundNotification: (input) =>
      parseWechatNotification(input, notifyContext, "REFUND.", refundWire, (plain, eventId) => {
        const mismatch = ours(plain.mchid);
        if (mismatch) return { ok: false, mismatch };
        return { ok: true, event: { ...toRefundSnapshot(plain), provider: "wechat", eventId } };
      }),

    async queryRefund({ outRefundNo }) {
      const answer = await client("GET", `/v3/refund/domestic/refunds/${encodeURIComponent(outRefundNo)}`);
      if (!answer.ok) return answer;
      const wire = refundWire.safeParse(answer.json);
      if (!wire.success) return responseInvalid("unexpected refund shape");
      return { ok: true, refund: toRefundSnapshot(wire.data) };
    },

    async payout(input) {
      const body = transferBody(input);
      if ("ok" in body) return body;
      const answer = await client("POST", "/v3/fund-app/mch-transfer/transfer-bills", body.json, {
        encryptedWithSerial: body.encryptedWith,
      });
      if (!answer.ok) return { ...answer, retryable: true };
      const wire = transferWire.safeParse(answer.json);
      if (!wire.success) return responseInvalid("unexpected transfer shape");
      return { ok: true, payout: toPayoutSnapshot(wire.data, input.amountFen) };
    },

    parsePayoutNotification: (input) =>
      parseWechatNotification(input, notifyContext, "MCHTRANSFER.", transferWire, (plain, eventId) => {
        const mismatch = ours(plain.mch_id);
        if (mismatch) return { ok: false, mismatch };
        return {
          ok: true,
          event: { ...toPayoutSnapshot(plain, plain.transfer_amount ?? 0), provider: "wechat", eventId },
        };
      }),

    async queryPayout(outPayoutNo) {
      const answer = await client(
        "GET",
        `/v3/fund-app/mch-transfer/transfer-bills/out-bill-no/${encodeURIComponent(outPayoutNo)}`,
      );
      if (!answer.ok) return answer;
      const wire = transferWire.safeParse(answer.json);
      if (!wire.success) return responseInvalid("unexpected transfer shape");
      const mismatch = ours(wire.data.mch_id);
      if (mismatch) return responseInvalid(mismatch);
      return { ok: true, payout: toPayoutSnapshot(wire.data, 0) };
    },
  };

  function transferBody(input: PayoutInput): { json: object; encryptedWith?: string } | ProviderFailure {
    if (input.payee.kind !== "wechat_openid") return invalidRequest("wechat pays out to an openid only");
    if (!/^[0-9A-Za-z]{1,32}$/.test(input.outPayoutNo))
      return invalidRequest("out_bill_no must be ≤32 [0-9A-Za-z]");
    let userName: string | undefined;
    if (input.payee.realName) {
      if (!keys.encryption) return invalidRequest("no WeChat Pay public key to encrypt user_name");
      userName = publicEncrypt(
        { key: keys.encryption.key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: "sha1" },
        Buffer.from(input.payee.realName, "utf8"),
      ).toString("base64");
    }
    return {
      json: {
        appid: config.appid,
        out_bill_no: input.outPayoutNo,
        transfer_scene_id: transfer.sceneId,
        openid: input.payee.openid,
        user_name: userName,
        transfer_amount: input.amountFen,
        transfer_remark: [...input.remark].slice(0, 32).join(""),
        notify_url: input.notifyUrl,
        user_recv_perception: transfer.userRecvPerception,
        transfer_scene_report_infos: transfer.reportInfos.map((info) => ({
          info_type: info.infoType,
          info_content: info.infoContent,
        })),
      },
      encryptedWith: userName ? keys.encryption?.serial : undefined,
    };
  }
}
