// Our request signature against the official "签名生成" example: the message for
// GET /v3/certificates at 1554208460 with nonce 593BEC0C930BF1AFEB40B4A08C8FB242, and the
// Authorization header that carries it.

import { generateKeyPairSync, verify } from "node:crypto";
import { expect, test } from "vitest";
import { buildAuthorization, parseAuthorization, requestSignatureMessage } from "./sign.ts";

test("the five-line message of the official example, each line ending in \\n (GET body = empty line)", () => {
  expect(
    requestSignatureMessage("GET", "/v3/certificates", "1554208460", "593BEC0C930BF1AFEB40B4A08C8FB242", ""),
  ).toBe("GET\n/v3/certificates\n1554208460\n593BEC0C930BF1AFEB40B4A08C8FB242\n\n");
});

test("the Authorization header names mchid, nonce, timestamp, serial and a verifiable signature", () => {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const merchant = { mchid: "1900009191", serial: "1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C", privateKey };
  const header = buildAuthorization(
    merchant,
    "GET",
    "/v3/certificates",
    "",
    1554208460_000,
    "593BEC0C930BF1AFEB40B4A08C8FB242",
  );
  expect(header.startsWith('WECHATPAY2-SHA256-RSA2048 mchid="1900009191",')).toBe(true);
  const fields = parseAuthorization(header);
  expect(fields).toMatchObject({
    mchid: "1900009191",
    nonce_str: "593BEC0C930BF1AFEB40B4A08C8FB242",
    timestamp: "1554208460",
    serial_no: "1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C",
  });
  const message = "GET\n/v3/certificates\n1554208460\n593BEC0C930BF1AFEB40B4A08C8FB242\n\n";
  const signature = Buffer.from(fields?.signature ?? "", "base64");
  expect(verify("sha256", Buffer.from(message), publicKey, signature)).toBe(true);
});
