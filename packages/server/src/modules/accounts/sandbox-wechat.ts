// Until WeChat keys are configured, "WeChat login" is a sandbox: code `demo-<name>` logs in as sandbox-<name>.
import type { WechatCodeExchange } from "./service.ts";

export const sandboxWechatCodeExchange: WechatCodeExchange = async (code) => {
  const match = /^demo-([\w-]{1,40})$/.exec(code);
  if (!match) return { ok: false, code: "SANDBOX_CODE_INVALID" };
  return { ok: true, openid: `sandbox-${match[1]}`, nickname: `微信用户${match[1]}` };
};
