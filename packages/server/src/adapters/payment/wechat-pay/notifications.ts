// Reads a WeChat Pay v3 notification: verify the signature on the raw bytes (timestamp window,
// serial, SIGNTEST probes, nonce replay), decrypt the resource with the APIv3 key, parse it
// strictly, and check it names our mchid/appid ("防止数据泄露导致出现'假通知'").
// Answer 204 with no body once applied; any 4xx/5xx with {"code":"FAIL"} makes WeChat retry.

import type { KeyObject } from "node:crypto";
import type { z } from "zod";
import type {
  NotificationAck,
  NotificationErrorCode,
  NotificationInput,
  NotificationResult,
} from "../provider.ts";
import { headerOf, verifySignedMessage } from "../signed-message.ts";
import { decryptResource } from "./aead.ts";
import { parseObject } from "./client.ts";
import { notificationEnvelope } from "./wire.ts";

export const WECHAT_ACCEPTED: NotificationAck = { status: 204, body: "", contentType: null };

function failAck(status: number): NotificationAck {
  return { status, body: JSON.stringify({ code: "FAIL", message: "失败" }), contentType: "application/json" };
}

const STATUS_FOR: Record<NotificationErrorCode, number> = {
  NOTIFY_SIGNATURE_INVALID: 401,
  NOTIFY_TIMESTAMP_STALE: 401,
  NOTIFY_SERIAL_UNKNOWN: 401,
  NOTIFY_NONCE_REPLAYED: 401,
  NOTIFY_MALFORMED: 400,
  NOTIFY_MERCHANT_MISMATCH: 400,
};

export function wechatNotifyFailure(code: NotificationErrorCode, reason: string) {
  return { ok: false as const, code, reason, ack: failAck(STATUS_FOR[code]) };
}

export type WechatNotifyContext = {
  apiV3Key: string;
  keys: ReadonlyMap<string, KeyObject>;
};

/**
 * Verifies and decrypts; `read` then parses the plaintext into an event (or says why not).
 * `eventPrefix` ("TRANSACTION.", "REFUND.", "MCHTRANSFER.") keeps a refund from being read as a payment.
 */
export function parseWechatNotification<S extends z.ZodType, E>(
  input: NotificationInput,
  context: WechatNotifyContext,
  eventPrefix: string,
  schema: S,
  read: (plain: z.infer<S>, eventId: string) => { ok: true; event: E } | { ok: false; mismatch: string },
): NotificationResult<E> {
  const verified = verifySignedMessage(
    {
      timestamp: headerOf(input.headers, "Wechatpay-Timestamp"),
      nonce: headerOf(input.headers, "Wechatpay-Nonce"),
      signature: headerOf(input.headers, "Wechatpay-Signature"),
      serial: headerOf(input.headers, "Wechatpay-Serial"),
      body: input.rawBody,
    },
    context.keys,
    input.nowMs,
    input.seenNonce,
  );
  if (!verified.ok) return wechatNotifyFailure(verified.code, verified.reason);
  const envelope = notificationEnvelope.safeParse(parseObject(input.rawBody.toString("utf8")));
  if (!envelope.success)
    return wechatNotifyFailure("NOTIFY_MALFORMED", "body is not a notification envelope");
  if (!envelope.data.event_type.startsWith(eventPrefix)) {
    return wechatNotifyFailure("NOTIFY_MALFORMED", `unexpected event_type ${envelope.data.event_type}`);
  }
  const plaintext = decryptResource(envelope.data.resource, context.apiV3Key);
  if (plaintext === null) {
    // The envelope verified, so WeChat sent it: a failing GCM tag means a wrong APIv3 key or a forgery.
    return wechatNotifyFailure("NOTIFY_SIGNATURE_INVALID", "resource failed AES-GCM authentication");
  }
  const plain = schema.safeParse(parseObject(plaintext));
  if (!plain.success) return wechatNotifyFailure("NOTIFY_MALFORMED", "resource is not the expected record");
  const checked = read(plain.data, envelope.data.id);
  if (!checked.ok) return wechatNotifyFailure("NOTIFY_MERCHANT_MISMATCH", checked.mismatch);
  return {
    ok: true,
    event: checked.event,
    nonce: verified.nonce,
    ack: WECHAT_ACCEPTED,
    rejectAck: failAck(500),
  };
}
