// 快递100 实时快递查询 (poll/query.do): a form POST of customer, param (JSON of com, num, phone) and
// sign = MD5(param + key + customer) in upper case, as their documentation says. The answer's state
// (0 在途, 1 揽收, 2 疑难, 3 签收, 4 退签, 5 派件, 6 退回, 7 转投, 8–15 清关/拒签…) maps onto ours; its
// times are Beijing wall-clock. A slow answer is cut at `timeoutMs`; anything unreadable is "malformed".
import { createHash } from "node:crypto";
import type { CarrierAnswer, ParcelState, RouteEvent } from "@liebian/domain";
import { withMaskedSecrets } from "../payment/secrets.ts";
import type { ParcelCarrier, ParcelQuery } from "./carrier.ts";

export type Kuaidi100Config = {
  customer: string;
  /** The 授权key of the enterprise account (signs every request). */
  secretKey: string;
  /** https://poll.kuaidi100.com unless pointed at a fake gateway. */
  baseUrl?: string;
  timeoutMs?: number;
};

/** MD5(param + key + customer), 32 upper-case hex digits. */
export function kuaidi100Sign(param: string, key: string, customer: string): string {
  return createHash("md5")
    .update(param + key + customer, "utf8")
    .digest("hex")
    .toUpperCase();
}

const STATES: Record<string, ParcelState> = {
  "0": "in_transit",
  "1": "in_transit",
  "2": "problem",
  "3": "signed",
  "4": "returned",
  "5": "delivering",
  "6": "returned",
  "7": "in_transit",
  "8": "in_transit",
  "10": "in_transit",
  "11": "in_transit",
  "12": "in_transit",
  "13": "in_transit",
  "14": "problem",
};

const TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

/** The route from a 200 answer, or null when it is not one we can read. */
export function readKuaidi100Route(body: Record<string, unknown>): CarrierAnswer | null {
  const state = STATES[String(body.state)];
  if (!state || !Array.isArray(body.data)) return null;
  const events: RouteEvent[] = [];
  for (const item of body.data as Record<string, unknown>[]) {
    const time = typeof item?.ftime === "string" ? item.ftime : item?.time;
    if (typeof time !== "string" || !TIME.test(time) || typeof item.context !== "string") return null;
    events.push({ atMs: Date.parse(`${time.replace(" ", "T")}+08:00`), text: item.context });
  }
  return { kind: "route", state, events };
}

export function createKuaidi100(config: Kuaidi100Config): ParcelCarrier {
  withMaskedSecrets(config);
  const url = `${(config.baseUrl ?? "https://poll.kuaidi100.com").replace(/\/$/, "")}/poll/query.do`;
  const timeoutMs = config.timeoutMs ?? 5_000;
  return {
    name: "kuaidi100",
    async query(parcel: ParcelQuery): Promise<CarrierAnswer> {
      const param = JSON.stringify({
        com: parcel.carrierCode,
        num: parcel.trackingNo,
        ...(parcel.phone ? { phone: parcel.phone } : {}),
        resultv2: "0",
        show: "0",
        order: "desc",
      });
      const form = new URLSearchParams({
        customer: config.customer,
        sign: kuaidi100Sign(param, config.secretKey, config.customer),
        param,
      });
      let text: string;
      let status: number;
      try {
        const response = await fetch(url, {
          method: "POST",
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
          body: form.toString(),
          signal: AbortSignal.timeout(timeoutMs),
          redirect: "manual",
        });
        status = response.status;
        text = await response.text();
      } catch (error) {
        const name = (error as Error).name;
        return {
          kind: "failed",
          reason: name === "TimeoutError" || name === "AbortError" ? "timeout" : "unavailable",
        };
      }
      if (status >= 500) return { kind: "failed", reason: "unavailable", detail: `HTTP ${status}` };
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(text) as Record<string, unknown>;
      } catch {
        return { kind: "failed", reason: "malformed", detail: text.slice(0, 80) };
      }
      if (body === null || typeof body !== "object") return { kind: "failed", reason: "malformed" };
      if (String(body.status) === "200") {
        return (
          readKuaidi100Route(body) ?? { kind: "failed", reason: "malformed", detail: "unreadable route" }
        );
      }
      // {"result":false,"returnCode":"500","message":"查询无结果，请隔段时间再查"}: the carrier has nothing yet
      const code = String(body.returnCode ?? "");
      if (code === "500") return { kind: "not_found" };
      if (code)
        return { kind: "failed", reason: "rejected", detail: `${code} ${String(body.message ?? "")}`.trim() };
      return { kind: "failed", reason: "malformed", detail: text.slice(0, 80) };
    },
  };
}
