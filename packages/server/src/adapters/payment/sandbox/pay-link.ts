// The link to the shop's hosted sandbox pay page and its check. The page shows the amount from
// the link, so the link is signed: a visitor cannot edit the amount or trade number unnoticed.
// Contract: GET {payPagePath}?tradeNo=&amount=<fen>&expires=<epoch ms>&return=<url, optional>&sig=
// where sig = base64url(sign("tradeNo\namount\nexpires\nreturn\n")) with the sandbox key.

import { type KeyObject, sign, verify } from "node:crypto";
import { digestFor } from "../signed-message.ts";

export type PayLink = { outTradeNo: string; amountFen: number; expiresAtMs: number; returnUrl: string };

export type PayLinkCheck =
  | ({ ok: true } & PayLink)
  | { ok: false; code: "PAY_LINK_INVALID" | "PAY_LINK_EXPIRED" };

function message(link: PayLink): Buffer {
  return Buffer.from(`${link.outTradeNo}\n${link.amountFen}\n${link.expiresAtMs}\n${link.returnUrl}\n`);
}

export function buildPayLink(payPagePath: string, link: PayLink, privateKey: KeyObject): string {
  const sig = sign(digestFor(privateKey), message(link), privateKey).toString("base64url");
  const query = new URLSearchParams({
    tradeNo: link.outTradeNo,
    amount: String(link.amountFen),
    expires: String(link.expiresAtMs),
    ...(link.returnUrl ? { return: link.returnUrl } : {}),
    sig,
  });
  return `${payPagePath}?${query.toString()}`;
}

export function checkPayLink(
  query: Record<string, string | undefined>,
  publicKey: KeyObject,
  nowMs: number,
): PayLinkCheck {
  const { tradeNo, amount, expires, sig } = query;
  if (!tradeNo || !amount || !expires || !sig || !/^\d+$/.test(amount) || !/^\d+$/.test(expires)) {
    return { ok: false, code: "PAY_LINK_INVALID" };
  }
  const link: PayLink = {
    outTradeNo: tradeNo,
    amountFen: Number(amount),
    expiresAtMs: Number(expires),
    returnUrl: query.return ?? "",
  };
  let valid = false;
  try {
    valid = verify(digestFor(publicKey), message(link), publicKey, Buffer.from(sig, "base64url"));
  } catch {
    valid = false;
  }
  if (!valid) return { ok: false, code: "PAY_LINK_INVALID" };
  if (nowMs > link.expiresAtMs) return { ok: false, code: "PAY_LINK_EXPIRED" };
  return { ok: true, ...link };
}
