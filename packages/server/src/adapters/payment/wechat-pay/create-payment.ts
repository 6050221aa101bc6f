// Creates a WeChat Pay order for one channel: JSAPI (prepay_id → paySign params for the
// WeChat browser / mini-program), H5 (h5_url for other mobile browsers), Native (code_url to
// show as a QR code). WeChat has no "wap" channel; that is Alipay's.

import type { KeyObject } from "node:crypto";
import { toBeijingRfc3339 } from "../beijing-time.ts";
import { invalidRequest, responseInvalid } from "../http-call.ts";
import type { CreatePaymentInput, CreatePaymentResult, ProviderFailure } from "../provider.ts";
import { stringField, type WechatPayClient } from "./client.ts";
import { buildJsapiPayParams } from "./sign.ts";

export type CreateContext = {
  mchid: string;
  appid: string;
  h5Type: string;
  client: WechatPayClient;
  merchantPrivateKey: KeyObject;
  now: () => number;
};

export async function createWechatPayment(
  context: CreateContext,
  input: CreatePaymentInput,
): Promise<CreatePaymentResult> {
  const base = {
    appid: context.appid,
    mchid: context.mchid,
    // WeChat caps description at 127 bytes; cut by characters to stay well inside it.
    description: input.description.slice(0, 40),
    out_trade_no: input.outTradeNo,
    time_expire: toBeijingRfc3339(input.expiresAtMs),
    notify_url: input.notifyUrl,
    amount: { total: input.amountFen, currency: "CNY" },
  };
  if (!Number.isSafeInteger(input.amountFen) || input.amountFen <= 0) {
    return invalidRequest("amountFen must be a positive integer");
  }
  switch (input.channel) {
    case "jsapi": {
      if (!input.payerOpenid) return invalidRequest("JSAPI payment needs payerOpenid");
      const answer = await context.client("POST", "/v3/pay/transactions/jsapi", {
        ...base,
        payer: { openid: input.payerOpenid },
      });
      if (!answer.ok) return answer;
      const prepayId = stringField(answer.json, "prepay_id");
      if (!prepayId) return responseInvalid("no prepay_id in answer");
      const params = buildJsapiPayParams(context.appid, prepayId, context.merchantPrivateKey, context.now());
      return { ok: true, kind: "jsapi_params", params };
    }
    case "h5": {
      if (!input.payerClientIp) return invalidRequest("H5 payment needs payerClientIp");
      const answer = await context.client("POST", "/v3/pay/transactions/h5", {
        ...base,
        scene_info: { payer_client_ip: input.payerClientIp, h5_info: { type: context.h5Type } },
      });
      if (!answer.ok) return answer;
      const h5Url = stringField(answer.json, "h5_url");
      if (!h5Url) return responseInvalid("no h5_url in answer");
      return { ok: true, kind: "redirect", url: withRedirect(h5Url, input.returnUrl) };
    }
    case "native": {
      const answer = await context.client("POST", "/v3/pay/transactions/native", base);
      if (!answer.ok) return answer;
      const codeUrl = stringField(answer.json, "code_url");
      if (!codeUrl) return responseInvalid("no code_url in answer");
      return { ok: true, kind: "qr", codeUrl };
    }
    default:
      return unsupported(input.channel);
  }
}

/** H5 returns to the merchant page through an appended, URL-encoded redirect_url. */
function withRedirect(h5Url: string, returnUrl: string | undefined): string {
  if (!returnUrl) return h5Url;
  const joiner = h5Url.includes("?") ? "&" : "?";
  return `${h5Url}${joiner}redirect_url=${encodeURIComponent(returnUrl)}`;
}

function unsupported(channel: string): ProviderFailure {
  return {
    ok: false,
    code: "CHANNEL_UNSUPPORTED",
    message: `wechat pay has no ${channel} channel`,
    retryable: false,
  };
}
