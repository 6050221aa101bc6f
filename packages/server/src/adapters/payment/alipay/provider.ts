// Alipay as a PaymentProvider: WAP pay (a signed gateway URL the buyer is redirected to),
// trade query, refunds with a stable out_request_no, and transfers to Alipay accounts by a
// stable out_biz_no. Payout errors are always "query first": a transfer may have happened.

import { toBeijingDateTime } from "../beijing-time.ts";
import { invalidRequest, responseInvalid } from "../http-call.ts";
import type { PaymentProvider } from "../provider.ts";
import { fenToYuan } from "../yuan.ts";
import { createAlipayClient } from "./client.ts";
import { ALIPAY_DEFAULTS, type AlipayConfig } from "./config.ts";
import { alipayNotifyFailure, parseAlipayNotification } from "./notifications.ts";
import { loadAlipayPrivateKey, loadAlipayPublicKey } from "./sign.ts";
import { toPaymentSnapshot, toPayoutSnapshot, toRefundSnapshot } from "./wire.ts";

export type AlipayDeps = { now?: () => number };

const TRANSFER = { product_code: "TRANS_ACCOUNT_NO_PWD", biz_scene: "DIRECT_TRANSFER" } as const;

export function createAlipayProvider(config: AlipayConfig, deps: AlipayDeps = {}): PaymentProvider {
  const now = deps.now ?? Date.now;
  const privateKey = loadAlipayPrivateKey(config.privateKey);
  const alipayPublicKey = loadAlipayPublicKey(config.alipayPublicKey);
  const gatewayUrl = config.gatewayUrl ?? ALIPAY_DEFAULTS.gatewayUrl;
  const client = createAlipayClient({
    config,
    privateKey,
    alipayPublicKey,
    gatewayUrl,
    timeoutMs: config.timeoutMs ?? ALIPAY_DEFAULTS.timeoutMs,
    now,
  });
  const notifyContext = { appId: config.appId, sellerId: config.sellerId, publicKey: alipayPublicKey };

  return {
    name: "alipay",
    channels: ["wap"],

    async createPayment(input) {
      if (input.channel !== "wap") {
        return {
          ok: false,
          code: "CHANNEL_UNSUPPORTED",
          message: `alipay has no ${input.channel} channel`,
          retryable: false,
        };
      }
      if (!Number.isSafeInteger(input.amountFen) || input.amountFen <= 0) {
        return invalidRequest("amountFen must be a positive integer");
      }
      const params = client.signedParams(
        "alipay.trade.wap.pay",
        {
          out_trade_no: input.outTradeNo,
          total_amount: fenToYuan(input.amountFen),
          subject: input.description.slice(0, 128),
          product_code: "QUICK_WAP_WAY",
          time_expire: toBeijingDateTime(input.expiresAtMs),
          quit_url: input.returnUrl,
        },
        { notify_url: input.notifyUrl, return_url: input.returnUrl },
      );
      // A GET URL is what the official SDK's pageExecute(…, "GET") produces; no call is made here.
      return { ok: true, kind: "redirect", url: `${gatewayUrl}?${new URLSearchParams(params).toString()}` };
    },

    parsePaymentNotification: (input) =>
      parseAlipayNotification(input, notifyContext, (fields) => {
        const snapshot = toPaymentSnapshot(fields);
        return snapshot && fields.notify_id
          ? { ...snapshot, provider: "alipay" as const, eventId: fields.notify_id }
          : null;
      }),

    async queryPayment(outTradeNo) {
      // ACQ.TRADE_NOT_EXIST also means "the buyer has not opened the cashier yet".
      const answer = await client.call("alipay.trade.query", { out_trade_no: outTradeNo }, [
        "ACQ.TRADE_NOT_EXIST",
      ]);
      if (!answer.ok) return answer;
      const payment = toPaymentSnapshot(answer.response);
      return payment ? { ok: true, payment } : responseInvalid("unexpected trade.query answer");
    },

    async refund(input) {
      const answer = await client.call("alipay.trade.refund", {
        out_trade_no: input.outTradeNo,
        refund_amount: fenToYuan(input.refundFen),
        refund_reason: input.reason.slice(0, 256),
        out_request_no: input.outRefundNo,
      });
      if (!answer.ok) return answer;
      // fund_change "N" answers a re-sent out_request_no too; only the refund query is definite.
      const moved = answer.response.fund_change === "Y";
      const refund = toRefundSnapshot(
        {
          ...answer.response,
          refund_fee: fenToYuan(input.refundFen),
          refund_status: moved ? "REFUND_SUCCESS" : "PROCESSING",
        },
        input.outTradeNo,
        input.outRefundNo,
        "refund_fee",
      );
      return refund ? { ok: true, refund } : responseInvalid("unexpected trade.refund answer");
    },

    parseRefundNotification: (input) =>
      parseAlipayNotification(input, notifyContext, (fields) => {
        // A refund shows up as trade_status_sync carrying out_biz_no (= our out_request_no) and
        // refund_fee, which is the trade's CUMULATIVE refunded amount, not this refund's.
        if (!fields.out_biz_no || !fields.out_trade_no || !fields.notify_id) return null;
        const refund = toRefundSnapshot(fields, fields.out_trade_no, fields.out_biz_no, "refund_fee");
        return refund ? { ...refund, provider: "alipay" as const, eventId: fields.notify_id } : null;
      }),

    async queryRefund({ outTradeNo, outRefundNo }) {
      const answer = await client.call("alipay.trade.fastpay.refund.query", {
        out_trade_no: outTradeNo,
        out_request_no: outRefundNo,
        query_options: ["gmt_refund_pay"],
      });
      if (!answer.ok) return answer;
      // "如果该接口返回了查询数据,则代表退款成功": no refund_amount means no such refund (yet).
      if (typeof answer.response.refund_amount !== "string") {
        return {
          ok: false,
          code: "NOT_FOUND",
          message: "no refund under this out_request_no",
          retryable: false,
        };
      }
      const refund = toRefundSnapshot(answer.response, outTradeNo, outRefundNo, "refund_amount");
      return refund ? { ok: true, refund } : responseInvalid("unexpected refund.query answer");
    },

    async payout(input) {
      if (input.payee.kind !== "alipay_account")
        return invalidRequest("alipay pays out to an Alipay account only");
      const identityType = /^2088\d{12}$/.test(input.payee.account) ? "ALIPAY_USER_ID" : "ALIPAY_LOGON_ID";
      const answer = await client.call("alipay.fund.trans.uni.transfer", {
        out_biz_no: input.outPayoutNo,
        trans_amount: fenToYuan(input.amountFen),
        ...TRANSFER,
        order_title: config.payoutTitle ?? ALIPAY_DEFAULTS.payoutTitle,
        payee_info: {
          identity: input.payee.account,
          identity_type: identityType,
          name: input.payee.realName,
        },
        remark: input.remark.slice(0, 200),
      });
      if (!answer.ok) return { ...answer, retryable: true };
      const payout = toPayoutSnapshot(answer.response, input.outPayoutNo, input.amountFen);
      return payout ? { ok: true, payout } : responseInvalid("unexpected transfer answer");
    },

    parsePayoutNotification: () =>
      alipayNotifyFailure(
        "NOTIFY_MALFORMED",
        "alipay transfers are confirmed by alipay.fund.trans.common.query",
      ),

    async queryPayout(outPayoutNo) {
      const answer = await client.call(
        "alipay.fund.trans.common.query",
        { out_biz_no: outPayoutNo, ...TRANSFER },
        ["ORDER_NOT_EXIST"],
      );
      if (!answer.ok) return answer;
      const payout = toPayoutSnapshot(answer.response, outPayoutNo, 0);
      return payout ? { ok: true, payout } : responseInvalid("unexpected transfer query answer");
    },
  };
}
