// The signature against the worked example in Alibaba Cloud's SMS documentation (短信服务 签名机制: testId /
// testSecret, SendSms to 15300000001 with the test sign name and template).
import { expect, test } from "vitest";
import { percentEncode, signRpc, stringToSign } from "./sign.ts";

const documented = {
  AccessKeyId: "testId",
  Action: "SendSms",
  Format: "XML",
  OutId: "123",
  PhoneNumbers: "15300000001",
  RegionId: "cn-hangzhou",
  SignName: "阿里云短信测试专用",
  SignatureMethod: "HMAC-SHA1",
  SignatureNonce: "45e25e9b-0a6f-4070-8c85-2956eda1b466",
  SignatureVersion: "1.0",
  TemplateCode: "SMS_71390007",
  TemplateParam: '{"customer":"test"}',
  Timestamp: "2017-07-12T02:42:19Z",
  Version: "2017-05-25",
};

test("percent-encoding follows RFC 3986 (space %20, * %2A, ~ kept)", () => {
  expect(percentEncode("a b*c~d!'()")).toBe("a%20b%2Ac~d%21%27%28%29");
  expect(percentEncode("/")).toBe("%2F");
});

test("the documented SendSms example signs to the documented value", () => {
  expect(stringToSign("GET", documented).startsWith("GET&%2F&AccessKeyId%3DtestId%26Action%3DSendSms")).toBe(
    true,
  );
  expect(signRpc("GET", documented, "testSecret")).toBe("zJDF+Lrzhj/ThnlvIToysFRq6t4=");
});
