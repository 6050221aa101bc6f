// WeChat login against a fake api.weixin.qq.com: silent (snsapi_base) and profile
// (snsapi_userinfo) sign-in, mini-program code2Session, and WeChat's errcodes as typed failures.

import { afterAll, beforeAll, expect, test } from "vitest";
import { type OAuthFake, startWechatOAuthFake } from "../../../test/fake-gateways/wechat-oauth-server.ts";
import { createWechatLoginFromConfig } from "./index.ts";
import type { WechatLogin } from "./login.ts";
import { createWechatLogin } from "./wechat.ts";

let fake: OAuthFake;
let login: WechatLogin;

beforeAll(async () => {
  fake = await startWechatOAuthFake();
  login = createWechatLogin({
    officialAccount: { appId: fake.appId, appSecret: fake.appSecret },
    miniProgram: { appId: fake.appId, appSecret: fake.appSecret },
    apiBaseUrl: fake.url,
    // Generous, so a busy test machine never turns an ordinary answer into a timeout.
    timeoutMs: 5_000,
  });
  fake.codes.set("base-code", { scope: "snsapi_base", openid: "o-base" });
  fake.codes.set("info-code", {
    scope: "snsapi_userinfo",
    openid: "o-info",
    unionid: "u-info",
    nickname: "小明",
    headimgurl: "https://thirdwx.qlogo.cn/mmopen/x/132",
  });
  fake.codes.set("snap-code", { scope: "snsapi_base", openid: "o-snap", snapshot: true });
  fake.codes.set("js-code", { scope: "snsapi_base", openid: "o-mini", unionid: "u-mini" });
});
afterAll(() => fake.close());

test("authorizeUrl is WeChat's 网页授权 URL with the #wechat_redirect fragment", () => {
  const url = login.authorizeUrl("st-1", "snsapi_userinfo", "https://shop.example.com/auth/wechat?x=1");
  expect(url).toBe(
    `https://open.weixin.qq.com/connect/oauth2/authorize?appid=${fake.appId}&redirect_uri=${encodeURIComponent("https://shop.example.com/auth/wechat?x=1")}&response_type=code&scope=snsapi_userinfo&state=st-1#wechat_redirect`,
  );
});

test("snsapi_base gives the openid only; snsapi_userinfo adds unionid, nickname and avatar", async () => {
  expect(await login.exchangeCode("base-code")).toEqual({ ok: true, openid: "o-base", unionid: undefined });
  expect(await login.exchangeCode("info-code")).toEqual({
    ok: true,
    openid: "o-info",
    unionid: "u-info",
    nickname: "小明",
    avatarUrl: "https://thirdwx.qlogo.cn/mmopen/x/132",
  });
});

test.each([
  { label: "an unknown code", code: "nope", expected: "CODE_INVALID" },
  { label: "a code used twice", code: "base-code", expected: "CODE_INVALID" },
  { label: "a 朋友圈快照页 visitor", code: "snap-code", expected: "SNAPSHOT_USER" },
])("$label → $expected", async ({ code, expected }) => {
  const result = await login.exchangeCode(code);
  expect(result.ok ? "ok" : result.code).toBe(expected);
});

test("code2Session returns openid, unionid and the session key", async () => {
  const result = await login.code2Session("js-code");
  expect(result).toEqual({
    ok: true,
    openid: "o-mini",
    unionid: "u-mini",
    sessionKey: "tiihtNczf5v6AKRyjwEUhQ==",
  });
});

test("a wrong secret is rejected with its errcode; system busy and timeouts are unavailable", async () => {
  const wrong = createWechatLogin({
    officialAccount: { appId: fake.appId, appSecret: "wrong" },
    apiBaseUrl: fake.url,
  });
  const refused = await wrong.exchangeCode("anything");
  expect(refused.ok ? "ok" : [refused.code, refused.errcode]).toEqual(["PROVIDER_REJECTED", 40125]);
  expect(JSON.stringify(refused)).not.toContain(fake.appSecret);
  fake.behaviour.busy = true;
  const busy = await login.code2Session("whatever");
  fake.behaviour.busy = false;
  expect(busy.ok ? "ok" : busy.code).toBe("PROVIDER_UNAVAILABLE");
  const impatient = createWechatLogin({
    officialAccount: { appId: fake.appId, appSecret: fake.appSecret },
    apiBaseUrl: fake.url,
    timeoutMs: 300,
  });
  fake.behaviour.delayMs = 1_000;
  const slow = await impatient.exchangeCode("whatever");
  fake.behaviour.delayMs = 0;
  expect(slow.ok ? "ok" : slow.code).toBe("PROVIDER_UNAVAILABLE");
});

test("an app kind that is not configured says so", async () => {
  const onlyMini = createWechatLogin({ miniProgram: { appId: "a", appSecret: "b" }, apiBaseUrl: fake.url });
  const result = await onlyMini.exchangeCode("x");
  expect(result.ok ? "ok" : result.code).toBe("NOT_CONFIGURED");
});

test("with nothing configured the demo sandbox signs people in: demo-<name> → sandbox-<name>", async () => {
  const demo = createWechatLoginFromConfig(undefined);
  expect(await demo.exchangeCode("demo-alice")).toMatchObject({ ok: true, openid: "sandbox-alice" });
  expect(await demo.code2Session("demo-bob")).toMatchObject({ ok: true, openid: "sandbox-bob" });
  expect(await demo.exchangeCode("real-wechat-code")).toMatchObject({ ok: false, code: "CODE_INVALID" });
  const back = new URL(demo.authorizeUrl("st-9", "snsapi_base", "https://shop.example.com/auth/wechat"));
  expect(back.origin + back.pathname).toBe("https://shop.example.com/auth/wechat");
  expect(back.searchParams.get("state")).toBe("st-9");
  const code = back.searchParams.get("code") ?? "";
  expect(await demo.exchangeCode(code)).toMatchObject({ ok: true, openid: `sandbox-${code.slice(5)}` });
});
