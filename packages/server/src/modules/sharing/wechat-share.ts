// The WeChat share card: the official account's JS-SDK `wx.config` for one of the shop's own pages, signed
// with the cached jsapi_ticket. Without an official account the shop shares a plain link.
import { WechatApiError } from "../../adapters/wechat-api/client.ts";
import type { AppDeps } from "../../deps.ts";
import { AppError } from "../../errors/app-error.ts";

export async function jsSdkConfig(deps: Pick<AppDeps, "config" | "now" | "wechatJsSdk">, url: string) {
  if (!deps.wechatJsSdk) throw new AppError("WECHAT_JSSDK_UNAVAILABLE", "No official account is configured");
  let page: URL;
  try {
    page = new URL(url);
  } catch {
    throw new AppError("SHARE_URL_FOREIGN", "Only the shop's own pages are signed");
  }
  // signing is for our pages only; WeChat would refuse another domain anyway
  if (page.origin !== new URL(deps.config.publicUrl).origin)
    throw new AppError("SHARE_URL_FOREIGN", "Only the shop's own pages are signed");
  try {
    return await deps.wechatJsSdk.config(url, deps.now().getTime());
  } catch (error) {
    if (error instanceof WechatApiError)
      throw new AppError("WECHAT_API_FAILED", "WeChat did not give a jsapi_ticket", {
        errcode: error.errcode,
      });
    throw error;
  }
}
