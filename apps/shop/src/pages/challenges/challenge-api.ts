// The shop's group-challenge calls: a challenge's progress, and the challenge one of my orders joined.
import { api, call } from "../../lib/api.ts";

export type Challenge = Awaited<ReturnType<typeof loadChallenge>>;
export type OrderChallenge = Awaited<ReturnType<typeof loadOrderChallenge>>;

export const loadChallenge = (id: number) =>
  call(api.GET("/api/v1/group-challenges/{id}", { params: { path: { id } } }));
export const loadOrderChallenge = (orderId: number) =>
  call(api.GET("/api/v1/orders/{id}/group-challenge", { params: { path: { id: orderId } } }));

/** 8000 → "8折", 8500 → "8.5折"; the full price reads as 原价 (the caller's text). */
export function zheText(payBps: number): string {
  return `${payBps / 1000}折`;
}
