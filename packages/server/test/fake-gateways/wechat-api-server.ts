// A fake api.weixin.qq.com for server-side calls: /cgi-bin/token (checks the secret), the JS-SDK
// /cgi-bin/ticket/getticket (checks the token) and /wxa/getwxacodeunlimit, which answers a real QR code of
// "page?scene" so a test can read what the mini-program code would open; subscription messages
// (/cgi-bin/message/subscribe/send) are checked for their required fields and kept, and openids listed in
// `declined` answer 43101 as for a user who did not subscribe. Counts every call.
import QRCode from "qrcode";
import { json, startFakeServer } from "./http-server.ts";

export type WechatApiFake = {
  url: string;
  appId: string;
  appSecret: string;
  ticket: string;
  calls: { token: number; ticket: number; wxacode: number };
  /** The subscription messages WeChat accepted, as sent. */
  subscribeMessages: Record<string, unknown>[];
  declined: Set<string>;
  close(): Promise<void>;
};

export async function startWechatApiFake(): Promise<WechatApiFake> {
  const appId = "wx00000000000000aa";
  const appSecret = "fake-api-secret-00000000000000000";
  const ticket = "sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg";
  const calls = { token: 0, ticket: 0, wxacode: 0 };
  let issued = 0;
  const tokens = new Set<string>();
  const subscribeMessages: Record<string, unknown>[] = [];
  const declined = new Set<string>();

  const server = await startFakeServer(async (request) => {
    const q = request.url.searchParams;
    if (request.path === "/cgi-bin/token") {
      calls.token++;
      if (q.get("appid") !== appId || q.get("secret") !== appSecret)
        return json(200, { errcode: 40125, errmsg: "invalid appsecret" });
      const token = `TOKEN_${++issued}`;
      tokens.add(token);
      return json(200, { access_token: token, expires_in: 7200 });
    }
    if (!tokens.has(q.get("access_token") ?? ""))
      return json(200, { errcode: 40001, errmsg: "invalid credential" });
    if (request.path === "/cgi-bin/ticket/getticket") {
      calls.ticket++;
      if (q.get("type") !== "jsapi") return json(200, { errcode: 40097, errmsg: "invalid args" });
      return json(200, { errcode: 0, errmsg: "ok", ticket, expires_in: 7200 });
    }
    if (request.path === "/wxa/getwxacodeunlimit" && request.method === "POST") {
      calls.wxacode++;
      const body = JSON.parse(request.rawBody.toString("utf8")) as {
        scene: string;
        page: string;
        width: number;
      };
      if (!body.scene || body.scene.length > 32)
        return json(200, { errcode: 40169, errmsg: "invalid scene" });
      const png = await QRCode.toBuffer(`${body.page}?scene=${body.scene}`, {
        type: "png",
        width: body.width,
      });
      return { status: 200, headers: { "Content-Type": "image/png" }, body: png as unknown as string };
    }
    if (request.path === "/cgi-bin/message/subscribe/send" && request.method === "POST") {
      const body = JSON.parse(request.rawBody.toString("utf8")) as Record<string, unknown>;
      if (typeof body.touser !== "string" || !body.touser)
        return json(200, { errcode: 40003, errmsg: "invalid openid" });
      if (typeof body.template_id !== "string" || !body.template_id)
        return json(200, { errcode: 40037, errmsg: "invalid template_id" });
      const data = body.data as Record<string, { value?: unknown }> | undefined;
      const empty = Object.entries(data ?? {}).find(
        ([, v]) => typeof v?.value !== "string" || v.value === "",
      );
      if (!data || typeof data !== "object" || empty)
        return json(200, { errcode: 47003, errmsg: `argument invalid! data.${empty?.[0]}.value is empty` });
      if (declined.has(body.touser))
        return json(200, { errcode: 43101, errmsg: "user refuse to accept the msg" });
      subscribeMessages.push(body);
      return json(200, { errcode: 0, errmsg: "ok" });
    }
    return json(404, { errcode: 404, errmsg: "not found" });
  });
  return { ...server, appId, appSecret, ticket, calls, subscribeMessages, declined };
}
