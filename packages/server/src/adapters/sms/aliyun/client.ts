// Alibaba Cloud SMS (dysmsapi, API version 2017-05-25): SendSms with the verification-code template, signed
// with the RPC v1 signature (sign.ts) and sent as a form POST, so the code never sits in a URL or access log.
import { randomUUID } from "node:crypto";
import type { SmsProvider, SmsResult } from "../provider.ts";
import { percentEncode, signRpc } from "./sign.ts";

export type AliyunSmsConfig = {
  accessKeyId: string;
  accessKeySecret: string;
  /** 短信签名, approved in the console, e.g. "裂变商城". */
  signName: string;
  /** The approved verification-code template; its variable is ${code}. */
  templateCode: string;
  /** https://dysmsapi.aliyuncs.com unless pointed at a fake gateway. */
  endpoint?: string;
  timeoutMs?: number;
};

const DEFAULT_ENDPOINT = "https://dysmsapi.aliyuncs.com";

/** ISO 8601 UTC without milliseconds, as the API wants it (2017-07-12T02:42:19Z). */
function timestamp(at: Date): string {
  return `${at.toISOString().slice(0, 19)}Z`;
}

export function createAliyunSms(config: AliyunSmsConfig, now: () => Date = () => new Date()): SmsProvider {
  const endpoint = config.endpoint ?? DEFAULT_ENDPOINT;
  return {
    kind: "aliyun",
    async send(message): Promise<SmsResult> {
      const params: Record<string, string> = {
        AccessKeyId: config.accessKeyId,
        Action: "SendSms",
        Format: "JSON",
        PhoneNumbers: message.phone,
        RegionId: "cn-hangzhou",
        SignName: config.signName,
        SignatureMethod: "HMAC-SHA1",
        SignatureNonce: randomUUID(),
        SignatureVersion: "1.0",
        TemplateCode: config.templateCode,
        TemplateParam: JSON.stringify({ code: message.code }),
        Timestamp: timestamp(now()),
        Version: "2017-05-25",
      };
      params.Signature = signRpc("POST", params, config.accessKeySecret);
      const body = Object.entries(params)
        .map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`)
        .join("&");
      let response: Response;
      try {
        response = await fetch(`${endpoint}/`, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body,
          signal: AbortSignal.timeout(config.timeoutMs ?? 5_000),
        });
      } catch (error) {
        return { ok: false, code: "PROVIDER_UNAVAILABLE", message: String(error) };
      }
      const answer = (await response.json().catch(() => null)) as {
        Code?: string;
        Message?: string;
        BizId?: string;
      } | null;
      if (answer?.Code === "OK") return { ok: true, providerMessageId: answer.BizId ?? null };
      if (response.status >= 500 || !answer?.Code)
        return { ok: false, code: "PROVIDER_UNAVAILABLE", message: `HTTP ${response.status}` };
      return failureOf(answer.Code, answer.Message ?? "");
    },
  };
}

/** The documented error codes that say something about the number or the pace; the rest are rejections. */
function failureOf(providerCode: string, message: string): SmsResult {
  if (providerCode === "isv.MOBILE_NUMBER_ILLEGAL")
    return { ok: false, code: "PHONE_INVALID", providerCode, message };
  if (providerCode === "isv.BUSINESS_LIMIT_CONTROL" || providerCode === "isv.DAY_LIMIT_CONTROL")
    return { ok: false, code: "PROVIDER_LIMITED", providerCode, message };
  if (providerCode === "Throttling.User" || providerCode === "isp.SYSTEM_ERROR")
    return { ok: false, code: "PROVIDER_UNAVAILABLE", providerCode, message };
  return { ok: false, code: "PROVIDER_REJECTED", providerCode, message };
}
