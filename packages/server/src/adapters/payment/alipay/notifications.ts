// Reads an Alipay async notification (form-urlencoded): decode the values once, verify RSA2
// over the sorted parameters without sign/sign_type, then check it is for our app_id and
// seller_id ("上述有任何一个验证不通过…务必忽略"). Alipay signs no timestamp or nonce, so replays
// are stopped by the caller's idempotency on trade_no, not here. Answer the literal "success".

import type { KeyObject } from "node:crypto";
import type {
  NotificationAck,
  NotificationErrorCode,
  NotificationInput,
  NotificationResult,
} from "../provider.ts";
import { verifyNotifyParams } from "./sign.ts";

export const ALIPAY_ACCEPTED: NotificationAck = { status: 200, body: "success", contentType: "text/plain" };
/** Anything but "success" makes Alipay retry (4m, 10m, 10m, 1h, 2h, 6h, 15h). */
const ALIPAY_REJECTED: NotificationAck = { status: 400, body: "fail", contentType: "text/plain" };

export type AlipayNotifyContext = { appId: string; sellerId: string; publicKey: KeyObject };

export function alipayNotifyFailure(code: NotificationErrorCode, reason: string) {
  return { ok: false as const, code, reason, ack: ALIPAY_REJECTED };
}

export function parseAlipayNotification<E>(
  input: NotificationInput,
  context: AlipayNotifyContext,
  read: (fields: Record<string, string>) => E | null,
): NotificationResult<E> {
  const fields = parseForm(input.rawBody);
  if (!fields) return alipayNotifyFailure("NOTIFY_MALFORMED", "body is not a form");
  if (!fields.sign) return alipayNotifyFailure("NOTIFY_MALFORMED", "no sign");
  if (fields.sign_type && fields.sign_type !== "RSA2") {
    return alipayNotifyFailure("NOTIFY_SIGNATURE_INVALID", `sign_type ${fields.sign_type} is not accepted`);
  }
  if (!verifyNotifyParams(fields, context.publicKey)) {
    return alipayNotifyFailure("NOTIFY_SIGNATURE_INVALID", "signature does not verify");
  }
  if (fields.app_id !== context.appId) {
    return alipayNotifyFailure("NOTIFY_MERCHANT_MISMATCH", `app_id ${fields.app_id} is not ours`);
  }
  if (fields.seller_id !== context.sellerId) {
    return alipayNotifyFailure("NOTIFY_MERCHANT_MISMATCH", `seller_id ${fields.seller_id} is not ours`);
  }
  const event = read(fields);
  if (event === null)
    return alipayNotifyFailure("NOTIFY_MALFORMED", "required fields missing or amount malformed");
  return { ok: true, event, nonce: null, ack: ALIPAY_ACCEPTED, rejectAck: ALIPAY_REJECTED };
}

/**
 * Decodes the raw form once (URLSearchParams: "+" is a space, %XX is UTF-8). A repeated key or
 * a body with no "=" at all is not a notification.
 */
function parseForm(rawBody: Buffer): Record<string, string> | null {
  const text = rawBody.toString("utf8");
  if (!text.includes("=")) return null;
  const fields: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    if (key in fields) return null;
    fields[key] = value;
  }
  return fields;
}
