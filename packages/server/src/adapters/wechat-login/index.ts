// Picks the WeChat login implementation: the real one when an app is configured, else the
// demo sandbox (so a fresh install can sign people in without WeChat).

import { withMaskedSecrets } from "../payment/secrets.ts";
import type { WechatLoginConfig } from "./config.ts";
import type { WechatLogin } from "./login.ts";
import { createSandboxLogin } from "./sandbox.ts";
import { createWechatLogin } from "./wechat.ts";

export function createWechatLoginFromConfig(config: WechatLoginConfig | undefined): WechatLogin {
  if (!config || (!config.officialAccount && !config.miniProgram)) return createSandboxLogin();
  withMaskedSecrets(config);
  if (config.officialAccount) withMaskedSecrets(config.officialAccount);
  if (config.miniProgram) withMaskedSecrets(config.miniProgram);
  return createWechatLogin(config);
}

export type { WechatLoginConfig } from "./config.ts";
export type * from "./login.ts";
export { createSandboxLogin } from "./sandbox.ts";
export { createWechatLogin } from "./wechat.ts";
