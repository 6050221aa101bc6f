// Alipay's RSA2 rule: sort the parameters by key (ASCII), drop `sign` (and, for notifications,
// `sign_type`) and empty values, join as key=value with "&" using the decoded values, and
// SHA256withRSA the result. Responses are signed over the exact JSON text of the *_response node.

import { createPrivateKey, createPublicKey, type KeyObject, sign, verify } from "node:crypto";

export function signContent(params: Record<string, string | undefined>, exclude: readonly string[]): string {
  return Object.keys(params)
    .filter((key) => !exclude.includes(key) && params[key] !== undefined && params[key] !== "")
    .sort()
    .map((key) => `${key}=${params[key]}`)
    .join("&");
}

export function signParams(params: Record<string, string | undefined>, privateKey: KeyObject): string {
  return sign("sha256", Buffer.from(signContent(params, ["sign"]), "utf8"), privateKey).toString("base64");
}

export function verifyText(text: string, signature: string, publicKey: KeyObject): boolean {
  try {
    return verify("sha256", Buffer.from(text, "utf8"), publicKey, Buffer.from(signature, "base64"));
  } catch {
    return false;
  }
}

/**
 * Notifications: Alipay documents excluding `sign` and `sign_type`; its Node SDK also accepts a
 * signature that covers sign_type, so both are tried (either one proves Alipay signed it).
 */
export function verifyNotifyParams(params: Record<string, string>, publicKey: KeyObject): boolean {
  const signature = params.sign;
  if (!signature) return false;
  return (
    verifyText(signContent(params, ["sign", "sign_type"]), signature, publicKey) ||
    verifyText(signContent(params, ["sign"]), signature, publicKey)
  );
}

/**
 * The raw JSON text of `"<node>": {…}` inside an answer, byte for byte as sent: re-serialising
 * parsed JSON would change escapes and break the signature.
 */
export function extractJsonNode(text: string, node: string): string | null {
  const marker = `"${node}"`;
  let index = text.indexOf(marker);
  if (index < 0) return null;
  index = text.indexOf("{", index + marker.length);
  if (index < 0) return null;
  let depth = 0;
  let inString = false;
  for (let i = index; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === "\\") i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === "{") depth++;
    else if (ch === "}" && --depth === 0) return text.slice(index, i + 1);
  }
  return null;
}

/** Accepts PEM, or the bare base64 the Alipay console hands out (PKCS#8 first, then PKCS#1). */
export function loadAlipayPrivateKey(text: string): KeyObject {
  if (text.includes("-----BEGIN")) return createPrivateKey(text);
  const der = Buffer.from(text.replace(/\s+/g, ""), "base64");
  try {
    return createPrivateKey({ key: der, format: "der", type: "pkcs8" });
  } catch {
    return createPrivateKey({ key: der, format: "der", type: "pkcs1" });
  }
}

export function loadAlipayPublicKey(text: string): KeyObject {
  if (text.includes("-----BEGIN")) return createPublicKey(text);
  return createPublicKey({
    key: Buffer.from(text.replace(/\s+/g, ""), "base64"),
    format: "der",
    type: "spki",
  });
}
