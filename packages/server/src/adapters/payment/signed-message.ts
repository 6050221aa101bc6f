// Verifies a "TIMESTAMP\nNONCE\nBODY\n" signature — WeChat Pay v3's callback and response
// format, which the sandbox reuses so that the demo exercises the same checks as production.
// Order matters: freshness and key lookup first (cheap), signature next, and only a verified
// nonce is recorded, so forged requests cannot fill the replay cache.

import { type KeyObject, verify } from "node:crypto";
import type { NotificationErrorCode, SeenNonce } from "./provider.ts";

/** WeChat rejects requests more than 5 minutes off, and its SDK applies the same to callbacks. */
export const SIGNATURE_WINDOW_SECONDS = 300;

/** WeChat sends probes signed with this prefix to check that merchants really verify. */
const SIGNTEST_PREFIX = "WECHATPAY/SIGNTEST/";

export type SignedParts = {
  timestamp: string | undefined;
  nonce: string | undefined;
  signature: string | undefined;
  serial: string | undefined;
  body: Buffer;
};

export type VerifyOutcome =
  | { ok: true; nonce: string }
  | { ok: false; code: NotificationErrorCode; reason: string };

export function signedMessage(timestamp: string, nonce: string, body: Buffer | string): Buffer {
  return Buffer.concat([Buffer.from(`${timestamp}\n${nonce}\n`), Buffer.from(body), Buffer.from("\n")]);
}

/** RSA keys sign with SHA256withRSA (PKCS#1 v1.5); Ed25519 keys (sandbox) sign the message itself. */
export function digestFor(key: KeyObject): "sha256" | null {
  return key.asymmetricKeyType === "ed25519" ? null : "sha256";
}

export function verifySignedMessage(
  parts: SignedParts,
  keys: ReadonlyMap<string, KeyObject>,
  nowMs: number,
  seenNonce?: SeenNonce,
): VerifyOutcome {
  const { timestamp, nonce, signature, serial, body } = parts;
  if (!timestamp || !nonce || !signature || !serial) {
    return { ok: false, code: "NOTIFY_MALFORMED", reason: "signature headers missing" };
  }
  if (!/^\d{1,12}$/.test(timestamp)) {
    return { ok: false, code: "NOTIFY_MALFORMED", reason: "timestamp is not whole seconds" };
  }
  if (Math.abs(Number(timestamp) - Math.floor(nowMs / 1000)) >= SIGNATURE_WINDOW_SECONDS) {
    return { ok: false, code: "NOTIFY_TIMESTAMP_STALE", reason: `timestamp ${timestamp} outside ±300 s` };
  }
  if (signature.startsWith(SIGNTEST_PREFIX)) {
    return { ok: false, code: "NOTIFY_SIGNATURE_INVALID", reason: "signature probe (SIGNTEST)" };
  }
  const key = keys.get(serial);
  if (!key) return { ok: false, code: "NOTIFY_SERIAL_UNKNOWN", reason: `no key for serial ${serial}` };
  let valid = false;
  try {
    valid = verify(
      digestFor(key),
      signedMessage(timestamp, nonce, body),
      key,
      Buffer.from(signature, "base64"),
    );
  } catch {
    valid = false;
  }
  if (!valid) return { ok: false, code: "NOTIFY_SIGNATURE_INVALID", reason: "signature does not verify" };
  if (seenNonce?.(nonce)) {
    return { ok: false, code: "NOTIFY_NONCE_REPLAYED", reason: "nonce already seen" };
  }
  return { ok: true, nonce };
}

/** Reads a header case-insensitively from a Node/Fastify-style header record. */
export function headerOf(
  headers: Record<string, string | string[] | undefined>,
  name: string,
): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === wanted) return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}
