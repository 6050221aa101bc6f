// The WeChat identity contract: turn a one-time code from WeChat into an openid (and unionid
// when the app is bound to an open-platform account). Official accounts use 网页授权
// (snsapi_base: silent, openid only; snsapi_userinfo: asks, adds nickname and avatar);
// mini-programs use code2Session. Expected failures are values, never throws.

export type OAuthScope = "snsapi_base" | "snsapi_userinfo";

export type LoginErrorCode =
  | "CODE_INVALID" // unknown, expired (5 min) or already used code: ask the user to sign in again
  | "SNAPSHOT_USER" // a 朋友圈快照页 visitor: WeChat gives a virtual openid that must not become an account
  | "NOT_CONFIGURED" // this kind of app has no appid/secret configured
  | "PROVIDER_UNAVAILABLE" // timeout, network, system busy, rate limited: safe to retry with a NEW code
  | "PROVIDER_REJECTED"; // anything else WeChat refused (bad secret, risky user…), see errcode

export type LoginFailure = { ok: false; code: LoginErrorCode; message: string; errcode?: number };

export type OAuthIdentity = {
  ok: true;
  openid: string;
  unionid?: string;
  nickname?: string;
  avatarUrl?: string;
};

export type MiniProgramSession = {
  ok: true;
  openid: string;
  unionid?: string;
  /** Decrypts wx.getUserInfo / phone-number payloads; a secret: never log or send to the client. */
  sessionKey: string;
};

export interface WechatLogin {
  /** Where to send the browser; WeChat returns to redirectUri with ?code=…&state=…. */
  authorizeUrl(state: string, scope: OAuthScope, redirectUri: string): string;
  /** 网页授权 code → identity; with snsapi_userinfo the profile is fetched as well. */
  exchangeCode(code: string): Promise<OAuthIdentity | LoginFailure>;
  /** Mini-program wx.login code → session. */
  code2Session(jsCode: string): Promise<MiniProgramSession | LoginFailure>;
}
