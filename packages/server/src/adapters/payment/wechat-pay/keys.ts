// Turns the configured PEM strings into key objects once, so a bad key fails at startup
// rather than on the first payment.

import { createPrivateKey, createPublicKey, type KeyObject } from "node:crypto";
import type { WechatPayConfig } from "./config.ts";

export type WechatPayKeys = {
  merchantPrivateKey: KeyObject;
  /** Verification keys by `Wechatpay-Serial` (PUB_KEY_ID_… and/or platform-cert serials). */
  wechatpayKeys: Map<string, KeyObject>;
  /** Encrypts sensitive request fields; its serial goes in the request's Wechatpay-Serial header. */
  encryption: { serial: string; key: KeyObject } | null;
};

export function loadWechatPayKeys(config: WechatPayConfig): WechatPayKeys {
  const wechatpayKeys = new Map<string, KeyObject>();
  for (const [serial, pem] of Object.entries(config.wechatpayPublicKeys)) {
    // createPublicKey reads both "PUBLIC KEY" and "CERTIFICATE" PEM blocks.
    wechatpayKeys.set(serial, createPublicKey(pem));
  }
  const serials = [...wechatpayKeys.keys()];
  const encryptionSerial =
    config.encryptionSerial ?? serials.find((s) => s.startsWith("PUB_KEY_ID_")) ?? serials[0];
  const encryptionKey = encryptionSerial ? wechatpayKeys.get(encryptionSerial) : undefined;
  return {
    merchantPrivateKey: createPrivateKey(config.merchantPrivateKeyPem),
    wechatpayKeys,
    encryption: encryptionSerial && encryptionKey ? { serial: encryptionSerial, key: encryptionKey } : null,
  };
}
