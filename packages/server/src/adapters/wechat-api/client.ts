// The server-side WeChat API an app (official account or mini-program) calls with its own credentials:
// the access_token and the JS-SDK jsapi_ticket, each cached until shortly before it expires and fetched by
// one caller at a time (WeChat limits how often they may be fetched), and the mini-program code (wxacode).
// Never logs: the token URL carries the app secret.

export type WechatApiConfig = {
  appId: string;
  appSecret: string;
  /** https://api.weixin.qq.com unless pointed at a fake server. */
  apiBaseUrl?: string;
  timeoutMs?: number;
  now?: () => number;
};

export class WechatApiError extends Error {
  constructor(
    message: string,
    readonly errcode: number | null,
  ) {
    super(message);
  }
}

type Cached = { value: string; expiresAtMs: number };

/** Refreshed this long before WeChat's expiry, so a value handed out is never about to lapse. */
const EARLY_MS = 300_000;

export type WechatApi = {
  readonly appId: string;
  accessToken(): Promise<string>;
  jsapiTicket(): Promise<string>;
  /** getwxacodeunlimit: a mini-program code opening `page` with `scene` (≤ 32 chars), as image bytes. */
  wxacode(input: { scene: string; page: string; width: number }): Promise<Buffer>;
  /** POSTs JSON to an API path with the access_token; WeChat's errcode ≠ 0 throws WechatApiError. */
  postJson(path: string, body: unknown): Promise<Record<string, unknown>>;
};

export function createWechatApi(config: WechatApiConfig): WechatApi {
  const base = (config.apiBaseUrl ?? "https://api.weixin.qq.com").replace(/\/$/, "");
  const timeoutMs = config.timeoutMs ?? 5_000;
  const now = config.now ?? Date.now;

  async function getJson(url: string, init?: RequestInit): Promise<Record<string, unknown>> {
    const response = await fetch(url, {
      ...init,
      signal: AbortSignal.timeout(timeoutMs),
      redirect: "manual",
    });
    const body = (await response.json().catch(() => null)) as Record<string, unknown> | null;
    if (!response.ok || !body) throw new WechatApiError(`wechat answered ${response.status}`, null);
    const errcode = typeof body.errcode === "number" ? body.errcode : 0;
    if (errcode !== 0) throw new WechatApiError(String(body.errmsg ?? `errcode ${errcode}`), errcode);
    return body;
  }

  /** One fetch in flight per value; later callers share it and then the cached result. */
  function cachedValue(fetchValue: () => Promise<{ value: string; expiresInS: number }>) {
    let cached: Cached | null = null;
    let inFlight: Promise<string> | null = null;
    return async (): Promise<string> => {
      if (cached && cached.expiresAtMs > now()) return cached.value;
      inFlight ??= fetchValue()
        .then(({ value, expiresInS }) => {
          cached = { value, expiresAtMs: now() + expiresInS * 1000 - EARLY_MS };
          return value;
        })
        .finally(() => {
          inFlight = null;
        });
      return inFlight;
    };
  }

  const accessToken = cachedValue(async () => {
    const query = new URLSearchParams({
      grant_type: "client_credential",
      appid: config.appId,
      secret: config.appSecret,
    });
    const body = await getJson(`${base}/cgi-bin/token?${query}`);
    return { value: String(body.access_token), expiresInS: Number(body.expires_in ?? 7200) };
  });

  const jsapiTicket = cachedValue(async () => {
    const query = new URLSearchParams({ access_token: await accessToken(), type: "jsapi" });
    const body = await getJson(`${base}/cgi-bin/ticket/getticket?${query}`);
    return { value: String(body.ticket), expiresInS: Number(body.expires_in ?? 7200) };
  });

  return {
    appId: config.appId,
    accessToken,
    jsapiTicket,
    async postJson(path, body) {
      return getJson(`${base}${path}?access_token=${encodeURIComponent(await accessToken())}`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
    },
    async wxacode({ scene, page, width }) {
      const url = `${base}/wxa/getwxacodeunlimit?access_token=${encodeURIComponent(await accessToken())}`;
      const response = await fetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ scene, page, width, check_path: false }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      const bytes = Buffer.from(await response.arrayBuffer());
      // an error comes back as JSON; the code itself as an image
      if ((response.headers.get("content-type") ?? "").includes("json") || !response.ok) {
        const body = JSON.parse(bytes.toString("utf8") || "{}") as { errcode?: number; errmsg?: string };
        throw new WechatApiError(body.errmsg ?? `wechat answered ${response.status}`, body.errcode ?? null);
      }
      return bytes;
    },
  };
}
