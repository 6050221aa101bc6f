// One signed call to the WeChat Pay v3 API: sign the request, send it with a deadline, verify
// the answer's signature (an unverified 2xx is "outcome unknown", never success), map errors.
// 5xx, 429 and transport failures are PROVIDER_UNAVAILABLE; 404 is NOT_FOUND; other 4xx REJECTED.

import { httpCall, notFound, rejected, responseInvalid, unavailable } from "../http-call.ts";
import type { ProviderFailure } from "../provider.ts";
import { verifySignedMessage } from "../signed-message.ts";
import type { WechatPayKeys } from "./keys.ts";
import { buildAuthorization } from "./sign.ts";

export type WechatPayClient = (
  method: "GET" | "POST",
  pathWithQuery: string,
  body?: object,
  options?: { encryptedWithSerial?: string },
) => Promise<{ ok: true; status: number; json: Record<string, unknown> } | ProviderFailure>;

export type WechatPayClientOptions = {
  mchid: string;
  merchantSerial: string;
  keys: WechatPayKeys;
  baseUrl: string;
  timeoutMs: number;
  now: () => number;
};

export function createWechatPayClient(options: WechatPayClientOptions): WechatPayClient {
  const merchant = {
    mchid: options.mchid,
    serial: options.merchantSerial,
    privateKey: options.keys.merchantPrivateKey,
  };
  return async (method, pathWithQuery, body, callOptions) => {
    const text = body === undefined ? "" : JSON.stringify(body);
    const headers: Record<string, string> = {
      Authorization: buildAuthorization(merchant, method, pathWithQuery, text, options.now()),
      Accept: "application/json",
      "User-Agent": "liebian-payment/0.1",
    };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    if (callOptions?.encryptedWithSerial) headers["Wechatpay-Serial"] = callOptions.encryptedWithSerial;
    const answer = await httpCall({
      method,
      url: `${options.baseUrl}${pathWithQuery}`,
      headers,
      body: body === undefined ? undefined : text,
      timeoutMs: options.timeoutMs,
    });
    if (!answer.ok) return answer;
    const json = parseObject(answer.text);
    if (answer.status >= 500 || answer.status === 429) {
      return unavailable(`wechat pay answered ${answer.status}`, stringField(json, "code"));
    }
    if (answer.status >= 400) {
      const code = stringField(json, "code");
      const message = stringField(json, "message") ?? `wechat pay answered ${answer.status}`;
      if (answer.status === 404 || code === "ORDER_NOT_EXIST" || code === "RESOURCE_NOT_EXISTS") {
        return notFound(message, code);
      }
      return rejected(message, code);
    }
    const check = verifySignedMessage(
      {
        timestamp: answer.headers.get("Wechatpay-Timestamp") ?? undefined,
        nonce: answer.headers.get("Wechatpay-Nonce") ?? undefined,
        signature: answer.headers.get("Wechatpay-Signature") ?? undefined,
        serial: answer.headers.get("Wechatpay-Serial") ?? undefined,
        body: Buffer.from(answer.text, "utf8"),
      },
      options.keys.wechatpayKeys,
      options.now(),
    );
    if (!check.ok) return responseInvalid(`response signature: ${check.reason}`);
    if (answer.text !== "" && !json) return responseInvalid("response is not a JSON object");
    return { ok: true, status: answer.status, json: json ?? {} };
  };
}

export function parseObject(text: string): Record<string, unknown> | null {
  if (text === "") return null;
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === "object" && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

export function stringField(
  json: Record<string, unknown> | null | undefined,
  key: string,
): string | undefined {
  const value = json?.[key];
  return typeof value === "string" ? value : undefined;
}
