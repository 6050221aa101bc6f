// SendSms against a fake gateway that verifies the signature exactly as Alibaba Cloud documents it: a right
// key is accepted and the code arrives in the template; a wrong secret, the provider's errors and a dead
// endpoint come back as typed failures, never throws.
import { afterAll, beforeAll, expect, test } from "vitest";
import { type AliyunSmsFake, startAliyunSmsFake } from "../../../../test/fake-gateways/aliyun-sms-gateway.ts";
import { createAliyunSms } from "./client.ts";

let fake: AliyunSmsFake;
beforeAll(async () => {
  fake = await startAliyunSmsFake();
});
afterAll(() => fake.close());

const configOf = (f: AliyunSmsFake) => ({
  accessKeyId: f.accessKeyId,
  accessKeySecret: f.accessKeySecret,
  signName: f.signName,
  templateCode: f.templateCode,
  endpoint: f.url,
  timeoutMs: 2_000,
});

test("a signed SendSms is accepted and carries the code in the template", async () => {
  const sms = createAliyunSms(configOf(fake));
  const sent = await sms.send({ phone: "13800000001", code: "042917", purpose: "register" });
  expect(sent).toMatchObject({ ok: true });
  expect(fake.sent.at(-1)).toEqual({ phone: "13800000001", templateParam: { code: "042917" } });
});

test("a wrong secret is refused by the gateway's signature check", async () => {
  const sms = createAliyunSms({ ...configOf(fake), accessKeySecret: "not-the-secret" });
  expect(await sms.send({ phone: "13800000001", code: "111111", purpose: "register" })).toMatchObject({
    ok: false,
    code: "PROVIDER_REJECTED",
    providerCode: "SignatureDoesNotMatch",
  });
});

test("a clock 20 minutes off is refused (the timestamp is signed)", async () => {
  const sms = createAliyunSms(configOf(fake), () => new Date(Date.now() - 20 * 60_000));
  expect(await sms.send({ phone: "13800000001", code: "111111", purpose: "register" })).toMatchObject({
    ok: false,
    providerCode: "InvalidTimeStamp.Expired",
  });
});

test("the provider's flow control and a bad number map to their failures", async () => {
  const sms = createAliyunSms(configOf(fake));
  fake.failWith = "isv.BUSINESS_LIMIT_CONTROL";
  expect(await sms.send({ phone: "13800000001", code: "1", purpose: "register" })).toMatchObject({
    ok: false,
    code: "PROVIDER_LIMITED",
  });
  fake.failWith = null;
  expect(await sms.send({ phone: "12345", code: "1", purpose: "register" })).toMatchObject({
    ok: false,
    code: "PHONE_INVALID",
  });
});

test("an endpoint that does not answer is PROVIDER_UNAVAILABLE", async () => {
  const sms = createAliyunSms({ ...configOf(fake), endpoint: "http://127.0.0.1:9", timeoutMs: 500 });
  expect(await sms.send({ phone: "13800000001", code: "1", purpose: "register" })).toMatchObject({
    ok: false,
    code: "PROVIDER_UNAVAILABLE",
  });
});
