// WeChat login against api.weixin.qq.com: /sns/oauth2/access_token (+ /sns/userinfo for
// snsapi_userinfo) for official accounts, /sns/jscode2session for mini-programs. WeChat answers
// HTTP 200 with an errcode on failure, so errcode decides. Requests carry the app secret in
// the query string: they are never logged, and failures never include the URL.

import { httpCall } from "../payment/http-call.ts";
import { WECHAT_LOGIN_DEFAULTS, type WechatLoginConfig } from "./config.ts";
import type { LoginFailure, WechatLogin } from "./login.ts";

type WechatJson = Record<string, unknown>;

/** errcodes that mean "this code is no good": invalid, used, expired. */
const CODE_ERRORS = new Set([40029, 40163, 40030]);
/** errcodes that mean "try again later": system busy, rate limits. */
const BUSY_ERRORS = new Set([-1, 45011, 45009]);

export function createWechatLogin(config: WechatLoginConfig): WechatLogin {
  const apiBase = (config.apiBaseUrl ?? WECHAT_LOGIN_DEFAULTS.apiBaseUrl).replace(/\/$/, "");
  const authorizeBase = (config.authorizeBaseUrl ?? WECHAT_LOGIN_DEFAULTS.authorizeBaseUrl).replace(
    /\/$/,
    "",
  );
  const timeoutMs = config.timeoutMs ?? WECHAT_LOGIN_DEFAULTS.timeoutMs;

  async function get(path: string, query: Record<string, string>): Promise<WechatJson | LoginFailure> {
    const answer = await httpCall({
      method: "GET",
      url: `${apiBase}${path}?${new URLSearchParams(query).toString()}`,
      timeoutMs,
    });
    if (!answer.ok) return { ok: false, code: "PROVIDER_UNAVAILABLE", message: answer.message };
    if (answer.status >= 500)
      return { ok: false, code: "PROVIDER_UNAVAILABLE", message: `wechat answered ${answer.status}` };
    let json: unknown;
    try {
      json = JSON.parse(answer.text);
    } catch {
      return { ok: false, code: "PROVIDER_REJECTED", message: "wechat answer is not JSON" };
    }
    if (json === null || typeof json !== "object")
      return { ok: false, code: "PROVIDER_REJECTED", message: "wechat answer is not an object" };
    const fields = json as WechatJson;
    const errcode = typeof fields.errcode === "number" ? fields.errcode : 0;
    if (errcode === 0) return fields;
    const message = typeof fields.errmsg === "string" ? fields.errmsg : `errcode ${errcode}`;
    if (CODE_ERRORS.has(errcode)) return { ok: false, code: "CODE_INVALID", message, errcode };
    if (BUSY_ERRORS.has(errcode)) return { ok: false, code: "PROVIDER_UNAVAILABLE", message, errcode };
    return { ok: false, code: "PROVIDER_REJECTED", message, errcode };
  }

  return {
    authorizeUrl(state, scope, redirectUri) {
      const appid = config.officialAccount?.appId ?? "";
      // WeChat requires this exact parameter order and the #wechat_redirect fragment.
      return `${authorizeBase}/connect/oauth2/authorize?appid=${encodeURIComponent(appid)}&redirect_uri=${encodeURIComponent(redirectUri)}&response_type=code&scope=${scope}&state=${encodeURIComponent(state)}#wechat_redirect`;
    },

    async exchangeCode(code) {
      const app = config.officialAccount;
      if (!app) return { ok: false, code: "NOT_CONFIGURED", message: "no official account configured" };
      const token = await get("/sns/oauth2/access_token", {
        appid: app.appId,
        secret: app.appSecret,
        code,
        grant_type: "authorization_code",
      });
      if (isFailure(token)) return token;
      const openid = text(token.openid);
      if (!openid) return { ok: false, code: "PROVIDER_REJECTED", message: "no openid in answer" };
      if (token.is_snapshotuser === 1)
        return { ok: false, code: "SNAPSHOT_USER", message: "snapshot-page visitor" };
      const identity = { ok: true as const, openid, unionid: text(token.unionid) };
      const accessToken = text(token.access_token);
      if (!String(token.scope ?? "").includes("snsapi_userinfo") || !accessToken) return identity;
      const profile = await get("/sns/userinfo", { access_token: accessToken, openid, lang: "zh_CN" });
      // The user granted sign-in; a failed profile fetch should not stop it.
      if (isFailure(profile)) return identity;
      return {
        ...identity,
        unionid: identity.unionid ?? text(profile.unionid),
        nickname: text(profile.nickname),
        avatarUrl: text(profile.headimgurl),
      };
    },

    async code2Session(jsCode) {
      const app = config.miniProgram;
      if (!app) return { ok: false, code: "NOT_CONFIGURED", message: "no mini-program configured" };
      const session = await get("/sns/jscode2session", {
        appid: app.appId,
        secret: app.appSecret,
        js_code: jsCode,
        grant_type: "authorization_code",
      });
      if (isFailure(session)) return session;
      const openid = text(session.openid);
      const sessionKey = text(session.session_key);
      if (!openid || !sessionKey)
        return { ok: false, code: "PROVIDER_REJECTED", message: "no openid/session_key in answer" };
      return { ok: true, openid, unionid: text(session.unionid), sessionKey };
    },
  };
}

function isFailure(value: WechatJson | LoginFailure): value is LoginFailure {
  return value.ok === false;
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}
