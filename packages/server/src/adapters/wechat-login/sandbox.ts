// Demo sign-in without WeChat: the code "demo-<name>" is the identity "sandbox-<name>", so the
// demo shop can sign people in as stable fake users. Any other code is CODE_INVALID.

import { randomBytes } from "node:crypto";
import type { LoginFailure, WechatLogin } from "./login.ts";

const DEMO = /^demo-([A-Za-z0-9_-]{1,64})$/;

function identityOf(code: string): string | LoginFailure {
  const match = DEMO.exec(code);
  return match
    ? `sandbox-${match[1]}`
    : { ok: false, code: "CODE_INVALID", message: "sandbox codes look like demo-<name>" };
}

export function createSandboxLogin(): WechatLogin {
  return {
    // Goes straight back to our page with a fresh demo code: a new visitor each time, unless
    // the shop's own demo screen builds "demo-<name>" to sign in as someone it already knows.
    authorizeUrl(state, _scope, redirectUri) {
      const url = new URL(redirectUri);
      url.searchParams.set("code", `demo-${randomBytes(6).toString("hex")}`);
      url.searchParams.set("state", state);
      return url.toString();
    },
    async exchangeCode(code) {
      const openid = identityOf(code);
      if (typeof openid !== "string") return openid;
      return { ok: true, openid, nickname: openid.slice("sandbox-".length), avatarUrl: undefined };
    },
    async code2Session(jsCode) {
      const openid = identityOf(jsCode);
      if (typeof openid !== "string") return openid;
      return { ok: true, openid, sessionKey: randomBytes(16).toString("base64") };
    },
  };
}
