// Sandbox notifications, built and read the way WeChat Pay v3 does it: a JSON body signed over
// "TIMESTAMP\nNONCE\nBODY\n", with timestamp, nonce, signature and key serial in headers. The
// reader runs the same verifySignedMessage as the real provider (window, serial, nonce replay).

import { type KeyObject, randomBytes, sign } from "node:crypto";
import { z } from "zod";
import type {
  NotificationAck,
  NotificationErrorCode,
  NotificationInput,
  NotificationResult,
} from "../provider.ts";
import { digestFor, headerOf, signedMessage, verifySignedMessage } from "../signed-message.ts";

export const SANDBOX_HEADERS = {
  timestamp: "Sandbox-Timestamp",
  nonce: "Sandbox-Nonce",
  signature: "Sandbox-Signature",
  serial: "Sandbox-Serial",
} as const;

export const SANDBOX_ACCEPTED: NotificationAck = { status: 204, body: "", contentType: null };
const fail = (status: number): NotificationAck => ({
  status,
  body: JSON.stringify({ code: "FAIL", message: "失败" }),
  contentType: "application/json",
});

export const sandboxEnvelope = z.object({
  id: z.string(),
  event_type: z.string(),
  merchant_id: z.string(),
  resource: z.record(z.string(), z.unknown()),
});
export type SandboxEnvelope = z.infer<typeof sandboxEnvelope>;

export type SignedDelivery = { headers: Record<string, string>; body: string };

export function signSandboxNotification(
  envelope: SandboxEnvelope,
  key: { privateKey: KeyObject; serial: string },
  nowMs: number,
): SignedDelivery {
  const body = JSON.stringify(envelope);
  const timestamp = String(Math.floor(nowMs / 1000));
  const nonce = randomBytes(16).toString("hex");
  const signature = sign(digestFor(key.privateKey), signedMessage(timestamp, nonce, body), key.privateKey);
  return {
    body,
    headers: {
      "Content-Type": "application/json",
      [SANDBOX_HEADERS.timestamp]: timestamp,
      [SANDBOX_HEADERS.nonce]: nonce,
      [SANDBOX_HEADERS.signature]: signature.toString("base64"),
      [SANDBOX_HEADERS.serial]: key.serial,
    },
  };
}

function failure(code: NotificationErrorCode, reason: string) {
  const status = code === "NOTIFY_MALFORMED" || code === "NOTIFY_MERCHANT_MISMATCH" ? 400 : 401;
  return { ok: false as const, code, reason, ack: fail(status) };
}

export function parseSandboxNotification<E>(
  input: NotificationInput,
  context: { keys: ReadonlyMap<string, KeyObject>; merchantId: string },
  eventPrefix: string,
  read: (envelope: SandboxEnvelope) => E | null,
): NotificationResult<E> {
  const verified = verifySignedMessage(
    {
      timestamp: headerOf(input.headers, SANDBOX_HEADERS.timestamp),
      nonce: headerOf(input.headers, SANDBOX_HEADERS.nonce),
      signature: headerOf(input.headers, SANDBOX_HEADERS.signature),
      serial: headerOf(input.headers, SANDBOX_HEADERS.serial),
      body: input.rawBody,
    },
    context.keys,
    input.nowMs,
    input.seenNonce,
  );
  if (!verified.ok) return failure(verified.code, verified.reason);
  let json: unknown;
  try {
    json = JSON.parse(input.rawBody.toString("utf8"));
  } catch {
    return failure("NOTIFY_MALFORMED", "body is not JSON");
  }
  const envelope = sandboxEnvelope.safeParse(json);
  if (!envelope.success || !envelope.data.event_type.startsWith(eventPrefix)) {
    return failure("NOTIFY_MALFORMED", "not a sandbox notification of this kind");
  }
  if (envelope.data.merchant_id !== context.merchantId) {
    return failure("NOTIFY_MERCHANT_MISMATCH", `merchant ${envelope.data.merchant_id} is not ours`);
  }
  const event = read(envelope.data);
  if (event === null) return failure("NOTIFY_MALFORMED", "resource is not the expected record");
  return { ok: true, event, nonce: verified.nonce, ack: SANDBOX_ACCEPTED, rejectAck: fail(500) };
}
