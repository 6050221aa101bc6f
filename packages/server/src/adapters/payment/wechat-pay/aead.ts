// AEAD_AES_256_GCM as WeChat Pay v3 uses it for notification resources: key = the APIv3 key's
// 32 bytes, IV = the 12-byte nonce string, AAD = associated_data, ciphertext = base64(ct || tag).
// encryptResource is the gateway's side, kept here so the fake gateway builds exactly what we read.

import { createCipheriv, createDecipheriv } from "node:crypto";

const TAG_BYTES = 16;

export type EncryptedResource = {
  algorithm: string;
  ciphertext: string;
  associated_data?: string;
  nonce: string;
  original_type?: string;
};

export function decryptResource(resource: EncryptedResource, apiV3Key: string): string | null {
  if (resource.algorithm !== "AEAD_AES_256_GCM") return null;
  const key = Buffer.from(apiV3Key, "utf8");
  const iv = Buffer.from(resource.nonce, "utf8");
  const data = Buffer.from(resource.ciphertext, "base64");
  if (key.length !== 32 || iv.length !== 12 || data.length < TAG_BYTES) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, iv);
    decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
    decipher.setAAD(Buffer.from(resource.associated_data ?? "", "utf8"));
    return Buffer.concat([
      decipher.update(data.subarray(0, data.length - TAG_BYTES)),
      decipher.final(),
    ]).toString("utf8");
  } catch {
    // Wrong key, nonce, AAD or tag: GCM refuses to authenticate.
    return null;
  }
}

export function encryptResource(
  plaintext: string,
  apiV3Key: string,
  nonce: string,
  associatedData: string,
  originalType: string,
): Required<EncryptedResource> {
  const cipher = createCipheriv("aes-256-gcm", Buffer.from(apiV3Key, "utf8"), Buffer.from(nonce, "utf8"));
  cipher.setAAD(Buffer.from(associatedData, "utf8"));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return {
    algorithm: "AEAD_AES_256_GCM",
    ciphertext: body.toString("base64"),
    associated_data: associatedData,
    nonce,
    original_type: originalType,
  };
}
