// WeChat subscription messages (subscribeMessage.send, POST /cgi-bin/message/subscribe/send): a notice of
// the message centre goes out on the template the merchant chose for its kind, with the template's
// keywords filled from the notice (title, body, time). Which kinds, templates and keywords is configuration
// (WECHAT_SUBSCRIBE_TEMPLATES); with none configured nothing is sent.
import { z } from "zod";
import { toBeijingDateTime } from "../payment/beijing-time.ts";
import { type WechatApi, WechatApiError } from "./client.ts";

const Template = z.strictObject({
  templateId: z.string().min(1),
  /** The mini-program page the card opens; the notice's shop link is passed as `?link=`. */
  page: z.string().min(1).optional(),
  /** Template keyword → what fills it: `{ "thing1": "title", "thing2": "body", "time3": "time" }`. */
  data: z.record(z.string().regex(/^[a-z_]+\d+$/), z.enum(["title", "body", "time"])),
});
const Templates = z.record(z.string().min(1), Template);

export type SubscribeTemplate = z.infer<typeof Template>;
/** Notice kind (order_shipped, service_reply…) → its template. */
export type SubscribeTemplates = Record<string, SubscribeTemplate>;

export function parseSubscribeTemplates(text: string | undefined): SubscribeTemplates {
  if (!text) return {};
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error("not JSON");
  }
  const parsed = Templates.safeParse(json);
  if (!parsed.success)
    throw new Error(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
  return parsed.data;
}

export type SubscribeMessage = {
  touser: string;
  template_id: string;
  page?: string;
  data: Record<string, { value: string }>;
  miniprogram_state: "formal";
  lang: "zh_CN";
};

/** WeChat's limits per keyword kind: thing 20 characters, phrase 5, character_string 32. */
const LIMITS: Record<string, number> = { thing: 20, phrase: 5, character_string: 32, name: 10 };

function fit(keyword: string, value: string): string {
  const kind = keyword.replace(/\d+$/, "");
  const limit = LIMITS[kind];
  const chars = [...value.replace(/\s+/g, " ").trim()];
  if (!limit || chars.length <= limit) return chars.join("");
  return `${chars.slice(0, limit - 1).join("")}…`;
}

/** The request body for one notice, on its kind's template. Example: thing1 ← "订单已发货". */
export function buildSubscribeMessage(
  notice: { title: string; body: string; link: string | null; createdAt: Date },
  template: SubscribeTemplate,
  openid: string,
): SubscribeMessage {
  const source = {
    title: notice.title,
    body: notice.body || notice.title,
    time: toBeijingDateTime(notice.createdAt.getTime()).slice(0, 16),
  };
  const data = Object.fromEntries(
    Object.entries(template.data).map(([keyword, from]) => [keyword, { value: fit(keyword, source[from]) }]),
  );
  const page =
    template.page && notice.link ? `${template.page}?link=${encodeURIComponent(notice.link)}` : template.page;
  return {
    touser: openid,
    template_id: template.templateId,
    ...(page ? { page } : {}),
    data,
    miniprogram_state: "formal",
    lang: "zh_CN",
  };
}

export type SubscribeSendResult =
  | { kind: "sent" }
  /** 43101: the user did not subscribe (or withdrew); 40003: not this app's openid. */
  | { kind: "refused"; errcode: number; detail: string }
  | { kind: "failed"; errcode: number | null; detail: string };

export type SubscribeMessageSender = { send(message: SubscribeMessage): Promise<SubscribeSendResult> };

export function createSubscribeMessageSender(api: WechatApi): SubscribeMessageSender {
  return {
    async send(message) {
      try {
        await api.postJson("/cgi-bin/message/subscribe/send", message);
        return { kind: "sent" };
      } catch (error) {
        if (error instanceof WechatApiError && (error.errcode === 43101 || error.errcode === 40003))
          return { kind: "refused", errcode: error.errcode, detail: error.message };
        const errcode = error instanceof WechatApiError ? error.errcode : null;
        return { kind: "failed", errcode, detail: (error as Error).message.slice(0, 200) };
      }
    },
  };
}
