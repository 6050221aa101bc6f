// How we sign for WeChat Pay v3: the Authorization header over
// "METHOD\nURL\nTIMESTAMP\nNONCE\nBODY\n" and the JSAPI paySign over
// "appId\ntimeStamp\nnonceStr\npackage\n", both SHA256withRSA with the merchant API key, base64.

import { type KeyObject, randomBytes, sign } from "node:crypto";
import type { JsapiPayParams } from "../provider.ts";

export const AUTH_SCHEMA = "WECHATPAY2-SHA256-RSA2048";

export function newNonce(): string {
  return randomBytes(16).toString("hex").toUpperCase();
}

export function requestSignatureMessage(
  method: string,
  pathWithQuery: string,
  timestamp: string,
  nonce: string,
  body: string,
): string {
  return `${method}\n${pathWithQuery}\n${timestamp}\n${nonce}\n${body}\n`;
}

export type MerchantKey = { mchid: string; serial: string; privateKey: KeyObject };

export function buildAuthorization(
  merchant: MerchantKey,
  method: string,
  pathWithQuery: string,
  body: string,
  nowMs: number,
  nonce: string = newNonce(),
): string {
  const timestamp = String(Math.floor(nowMs / 1000));
  const message = requestSignatureMessage(method, pathWithQuery, timestamp, nonce, body);
  const signature = sign("sha256", Buffer.from(message), merchant.privateKey).toString("base64");
  return `${AUTH_SCHEMA} mchid="${merchant.mchid}",nonce_str="${nonce}",signature="${signature}",timestamp="${timestamp}",serial_no="${merchant.serial}"`;
}

/** Parses an Authorization header back into its fields (the fake gateway's side). */
export function parseAuthorization(header: string | undefined): Record<string, string> | null {
  if (!header?.startsWith(`${AUTH_SCHEMA} `)) return null;
  const fields: Record<string, string> = {};
  for (const match of header.slice(AUTH_SCHEMA.length + 1).matchAll(/(\w+)="([^"]*)"/g)) {
    fields[match[1] ?? ""] = match[2] ?? "";
  }
  return fields;
}

export function buildJsapiPayParams(
  appId: string,
  prepayId: string,
  privateKey: KeyObject,
  nowMs: number,
  nonceStr: string = newNonce(),
): JsapiPayParams {
  const timeStamp = String(Math.floor(nowMs / 1000));
  const pkg = `prepay_id=${prepayId}`;
  const message = `${appId}\n${timeStamp}\n${nonceStr}\n${pkg}\n`;
  const paySign = sign("sha256", Buffer.from(message), privateKey).toString("base64");
  return { appId, timeStamp, nonceStr, package: pkg, signType: "RSA", paySign };
}
