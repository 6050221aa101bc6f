// What WeChat login needs: the official account's and/or the mini-program's appid and secret.
// The secrets are masked when the config is printed.

export type WechatLoginConfig = {
  officialAccount?: { appId: string; appSecret: string };
  miniProgram?: { appId: string; appSecret: string };
  /** https://api.weixin.qq.com unless pointed at a fake server. */
  apiBaseUrl?: string;
  /** https://open.weixin.qq.com (the page the browser is sent to). */
  authorizeBaseUrl?: string;
  timeoutMs?: number;
};

export const WECHAT_LOGIN_DEFAULTS = {
  apiBaseUrl: "https://api.weixin.qq.com",
  authorizeBaseUrl: "https://open.weixin.qq.com",
  timeoutMs: 5_000,
} as const;
