// The demo's carrier: a made-up route that moves on with time since shipping, so a shop without a
// carrier account still shows a parcel travelling and being signed for.
import type { CarrierAnswer, ParcelState, RouteEvent } from "./route.ts";

const STEPS: { text: string; state: ParcelState }[] = [
  { text: "【深圳市】快件已由商家交给快递员揽收", state: "in_transit" },
  { text: "【深圳市】快件已到达 深圳转运中心", state: "in_transit" },
  { text: "【深圳市】快件已从 深圳转运中心 发出，下一站 收件城市转运中心", state: "in_transit" },
  { text: "【收件城市】快件已到达 收件城市转运中心", state: "in_transit" },
  { text: "【收件城市】快递员正在派送，请保持电话畅通", state: "delivering" },
  { text: "【收件城市】快件已签收，签收人：本人。感谢使用，期待再次为您服务", state: "signed" },
];

/**
 * The sandbox route of a parcel `stepMs` after each step: nothing just after shipping, then one step more
 * per `stepMs` until signed for. Example: stepMs 1 h, 2.5 h after shipping → three steps, in transit.
 */
export function sandboxRoute(shippedAtMs: number, nowMs: number, stepMs: number): CarrierAnswer {
  const reached = Math.min(STEPS.length, Math.floor((nowMs - shippedAtMs) / stepMs));
  if (reached <= 0) return { kind: "not_found" };
  const events: RouteEvent[] = STEPS.slice(0, reached).map((step, i) => ({
    atMs: shippedAtMs + (i + 1) * stepMs,
    text: step.text,
  }));
  return { kind: "route", state: STEPS[reached - 1]!.state, events: events.reverse() };
}
