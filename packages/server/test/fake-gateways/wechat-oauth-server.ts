// A fake api.weixin.qq.com for login: known codes map to identities, everything else answers
// with WeChat's errcodes (HTTP 200 + errcode, as WeChat does). The app secret is checked.

import { json, sleep, startFakeServer } from "./http-server.ts";

export type OAuthFakeIdentity = {
  openid: string;
  unionid?: string;
  nickname?: string;
  headimgurl?: string;
  snapshot?: boolean;
};

export type OAuthFake = {
  url: string;
  appId: string;
  appSecret: string;
  /** code → identity; a code works once (40163 after). `scope` decides whether userinfo is allowed. */
  codes: Map<string, OAuthFakeIdentity & { scope: "snsapi_base" | "snsapi_userinfo" }>;
  behaviour: { delayMs: number; busy: boolean };
  close(): Promise<void>;
};

export async function startWechatOAuthFake(): Promise<OAuthFake> {
  const appId = "wx0000000000000001";
  const appSecret = "fake-app-secret-0000000000000000";
  const codes: OAuthFake["codes"] = new Map();
  const used = new Set<string>();
  const tokens = new Map<string, OAuthFakeIdentity>();
  const behaviour = { delayMs: 0, busy: false };

  const server = await startFakeServer(async (request) => {
    if (behaviour.delayMs) await sleep(behaviour.delayMs);
    if (behaviour.busy) return json(200, { errcode: -1, errmsg: "system error" });
    const q = request.url.searchParams;
    if (request.path === "/sns/oauth2/access_token" || request.path === "/sns/jscode2session") {
      if (q.get("appid") !== appId || q.get("secret") !== appSecret)
        return json(200, { errcode: 40125, errmsg: "invalid appsecret" });
      const code = q.get(request.path === "/sns/jscode2session" ? "js_code" : "code") ?? "";
      if (used.has(code)) return json(200, { errcode: 40163, errmsg: "code been used" });
      const identity = codes.get(code);
      if (!identity) return json(200, { errcode: 40029, errmsg: "invalid code" });
      used.add(code);
      if (request.path === "/sns/jscode2session") {
        return json(200, {
          openid: identity.openid,
          session_key: "tiihtNczf5v6AKRyjwEUhQ==",
          unionid: identity.unionid,
        });
      }
      const token = `ACCESS_${code}`;
      tokens.set(token, identity);
      return json(200, {
        access_token: token,
        expires_in: 7200,
        refresh_token: `REFRESH_${code}`,
        openid: identity.openid,
        scope: identity.scope,
        ...(identity.snapshot ? { is_snapshotuser: 1 } : {}),
        ...(identity.unionid && identity.scope === "snsapi_userinfo" ? { unionid: identity.unionid } : {}),
      });
    }
    if (request.path === "/sns/userinfo") {
      const identity = tokens.get(q.get("access_token") ?? "");
      if (!identity || identity.openid !== q.get("openid"))
        return json(200, { errcode: 40001, errmsg: "invalid credential" });
      return json(200, {
        openid: identity.openid,
        nickname: identity.nickname,
        headimgurl: identity.headimgurl,
        unionid: identity.unionid,
        privilege: [],
      });
    }
    return json(404, { errcode: 404, errmsg: "not found" });
  });
  return { url: server.url, appId, appSecret, codes, behaviour, close: server.close };
}
