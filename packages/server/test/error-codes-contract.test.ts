// The SDK's ErrorCode union is generated from the server's one list (errors/error-codes.ts → the OpenAPI
// document → schema.d.ts). These fail when a code is added or removed and `npm run sdk:generate` was not run.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, expectTypeOf, test } from "vitest";
import type { ErrorCode as SdkErrorCode } from "../../sdk/src/index.ts";
import { type ErrorCode, errorCodes } from "../src/errors/error-codes.ts";
import { errorStatus } from "../src/http/error-status.ts";

const sdk = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../sdk");
const everyAnswer = [...errorCodes, "INTERNAL"];

test("the SDK's ErrorCode is the server's list plus INTERNAL (checked by tsc)", () => {
  expectTypeOf<SdkErrorCode>().toEqualTypeOf<ErrorCode | "INTERNAL">();
});

test("the committed OpenAPI document and generated types list exactly the server's codes", () => {
  const document = JSON.parse(fs.readFileSync(path.join(sdk, "openapi.json"), "utf8"));
  expect(document.components.schemas.ErrorResponse.properties.error.properties.code.enum).toEqual(
    everyAnswer,
  );
  const generated = fs.readFileSync(path.join(sdk, "src/schema.d.ts"), "utf8");
  const union = /ErrorResponse: \{\s*error: \{\s*\/\*\*[^*]*\*\/\s*code: ([^;]+);/.exec(generated)?.[1];
  expect(union?.split(" | ").map((code) => JSON.parse(code))).toEqual(everyAnswer);
});

test("a refusal is a 4xx; only faults outside the request (SMS, provider, WeChat, busy database) are 5xx", () => {
  const outside = ["SMS_SEND_FAILED", "PAYMENT_PROVIDER_FAILED", "SERVICE_BUSY", "WECHAT_API_FAILED"];
  const misfiled = errorCodes.filter((code) => {
    const status = errorStatus[code];
    return outside.includes(code) ? status < 500 || status > 599 : status < 400 || status > 499;
  });
  expect(misfiled).toEqual([]);
  expect(new Set(errorCodes).size).toBe(errorCodes.length);
});
