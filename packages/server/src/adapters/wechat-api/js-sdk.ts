// The official-account JS-SDK's `wx.config` signature: sha1 over the jsapi_ticket, a nonce, the timestamp
// and the page URL without its fragment, fields sorted by name (WeChat's published algorithm).
import { createHash, randomBytes } from "node:crypto";
import type { WechatApi } from "./client.ts";

export type JsSdkConfig = { appId: string; timestamp: number; nonceStr: string; signature: string };

/** Example: ticket "t", nonce "n", timestamp 1, url "https://s/x" → sha1("jsapi_ticket=t&noncestr=n&timestamp=1&url=https://s/x"). */
export function signJsSdk(input: {
  ticket: string;
  nonceStr: string;
  timestamp: number;
  url: string;
}): string {
  const url = input.url.split("#")[0];
  const plain = `jsapi_ticket=${input.ticket}&noncestr=${input.nonceStr}&timestamp=${input.timestamp}&url=${url}`;
  return createHash("sha1").update(plain).digest("hex");
}

export type JsSdkSigner = { config(url: string, nowMs: number): Promise<JsSdkConfig> };

export function createJsSdkSigner(api: WechatApi): JsSdkSigner {
  return {
    async config(url, nowMs) {
      const ticket = await api.jsapiTicket();
      const nonceStr = randomBytes(8).toString("hex");
      const timestamp = Math.floor(nowMs / 1000);
      return {
        appId: api.appId,
        timestamp,
        nonceStr,
        signature: signJsSdk({ ticket, nonceStr, timestamp, url }),
      };
    },
  };
}
