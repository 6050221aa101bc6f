// Alibaba Cloud's RPC signature, version 1.0 (HMAC-SHA1), as documented for SMS (dysmsapi):
// sort every parameter but Signature by name, percent-encode names and values (RFC 3986: only A-Z a-z 0-9
// - _ . ~ stay as they are, space is %20), join as name=value with &, then
// StringToSign = METHOD + "&" + encode("/") + "&" + encode(that query), and
// Signature = Base64(HMAC-SHA1(key = AccessKeySecret + "&", StringToSign)).
import { createHmac, timingSafeEqual } from "node:crypto";

/** RFC 3986 encoding as Alibaba Cloud wants it (encodeURIComponent leaves ! ' ( ) * alone; they must not). */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

export function canonicalQuery(params: Record<string, string>): string {
  return Object.keys(params)
    .filter((name) => name !== "Signature")
    .sort()
    .map((name) => `${percentEncode(name)}=${percentEncode(params[name]!)}`)
    .join("&");
}

export function stringToSign(method: "GET" | "POST", params: Record<string, string>): string {
  return `${method}&${percentEncode("/")}&${percentEncode(canonicalQuery(params))}`;
}

export function signRpc(
  method: "GET" | "POST",
  params: Record<string, string>,
  accessKeySecret: string,
): string {
  return createHmac("sha1", `${accessKeySecret}&`)
    .update(stringToSign(method, params), "utf8")
    .digest("base64");
}

/** For the fake gateway: does the request carry the signature its parameters and this secret give? */
export function verifyRpc(
  method: "GET" | "POST",
  params: Record<string, string>,
  accessKeySecret: string,
): boolean {
  const given = Buffer.from(params.Signature ?? "", "base64");
  const expected = Buffer.from(signRpc(method, params, accessKeySecret), "base64");
  return given.length === expected.length && timingSafeEqual(given, expected);
}
