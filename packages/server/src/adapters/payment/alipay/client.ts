// One call to the Alipay gateway: common parameters + biz_content, RSA2-signed, posted as a
// form; the answer's *_response node is verified against Alipay's public key before it is read.
// code 10000 = done; 20000 / *SYSTEM_ERROR = unavailable (query before retrying); 40004 = rejected.

import type { KeyObject } from "node:crypto";
import { toBeijingDateTime } from "../beijing-time.ts";
import { httpCall, notFound, rejected, responseInvalid, unavailable } from "../http-call.ts";
import type { ProviderFailure } from "../provider.ts";
import type { AlipayConfig } from "./config.ts";
import { extractJsonNode, signParams, verifyText } from "./sign.ts";

export type AlipayClientOptions = {
  config: AlipayConfig;
  privateKey: KeyObject;
  alipayPublicKey: KeyObject;
  gatewayUrl: string;
  timeoutMs: number;
  now: () => number;
};

export type AlipayAnswer = { ok: true; response: Record<string, unknown> } | ProviderFailure;

export type AlipayClient = {
  /** Signed parameters for a page method (wap.pay) that the buyer's browser carries to the gateway. */
  signedParams(
    method: string,
    bizContent: object,
    extra?: Record<string, string | undefined>,
  ): Record<string, string>;
  call(method: string, bizContent: object, notFoundCodes?: readonly string[]): Promise<AlipayAnswer>;
};

const UNAVAILABLE_SUB_CODES = /SYSTEM_ERROR|SYSTEM_BUSY|UNKNOWN_ERROR|TIMEOUT/;

export function createAlipayClient(options: AlipayClientOptions): AlipayClient {
  const { config } = options;

  function signedParams(method: string, bizContent: object, extra: Record<string, string | undefined> = {}) {
    const params: Record<string, string | undefined> = {
      app_id: config.appId,
      method,
      format: "JSON",
      charset: "utf-8",
      sign_type: "RSA2",
      timestamp: toBeijingDateTime(options.now()),
      version: "1.0",
      app_cert_sn: config.certMode?.appCertSn,
      alipay_root_cert_sn: config.certMode?.alipayRootCertSn,
      ...extra,
      biz_content: JSON.stringify(bizContent),
    };
    const out: Record<string, string> = {};
    for (const [key, value] of Object.entries(params))
      if (value !== undefined && value !== "") out[key] = value;
    out.sign = signParams(out, options.privateKey);
    return out;
  }

  async function call(method: string, bizContent: object, notFoundCodes: readonly string[] = []) {
    const answer = await httpCall({
      method: "POST",
      url: options.gatewayUrl,
      headers: { "Content-Type": "application/x-www-form-urlencoded;charset=utf-8" },
      body: new URLSearchParams(signedParams(method, bizContent)).toString(),
      timeoutMs: options.timeoutMs,
    });
    if (!answer.ok) return answer;
    if (answer.status >= 500) return unavailable(`alipay answered ${answer.status}`);
    const node = `${method.replaceAll(".", "_")}_response`;
    const nodeText = extractJsonNode(answer.text, node) ?? extractJsonNode(answer.text, "error_response");
    let parsed: { sign?: unknown; [key: string]: unknown };
    let response: Record<string, unknown>;
    try {
      parsed = JSON.parse(answer.text);
      response = nodeText ? JSON.parse(nodeText) : {};
    } catch {
      return responseInvalid("alipay answer is not JSON");
    }
    if (!nodeText) return responseInvalid(`no ${node} in alipay answer`);
    const signed =
      typeof parsed.sign === "string" && verifyText(nodeText, parsed.sign, options.alipayPublicKey);
    const code = String(response.code ?? "");
    const subCode = typeof response.sub_code === "string" ? response.sub_code : undefined;
    const message = String(response.sub_msg ?? response.msg ?? "alipay error");
    if (code === "10000") {
      return signed
        ? { ok: true as const, response }
        : responseInvalid("alipay answer signature does not verify");
    }
    // Failures may come unsigned (e.g. a bad app_id); they are never read as success, only as "not done".
    if (code === "20000" || (subCode && UNAVAILABLE_SUB_CODES.test(subCode)))
      return unavailable(message, subCode ?? code);
    if (subCode && notFoundCodes.includes(subCode)) return notFound(message, subCode);
    return rejected(message, subCode ?? code);
  }

  return { signedParams, call };
}
