// Keys the tests make for every role (merchant, fake WeChat platform, fake Alipay): real RSA-2048
// pairs as PEM strings, so the adapters load them exactly as they load configured keys.

import { generateKeyPairSync, randomBytes } from "node:crypto";

export type PemPair = { privateKeyPem: string; publicKeyPem: string };

export function rsaPair(): PemPair {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return {
    privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
  };
}

/** 32 printable ASCII characters, like the APIv3 key a merchant sets in the merchant platform. */
export function apiV3Key(): string {
  return randomBytes(24).toString("base64").slice(0, 32);
}
