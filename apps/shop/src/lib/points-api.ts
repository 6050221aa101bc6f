// The shopper's points: balance, pending and history; the points shop's goods and a redemption.
import type { paths } from "@liebian/sdk";
import { api, call } from "./api.ts";
import { newIdempotencyKey } from "./idempotency.ts";

type Json<R> = R extends { content: { "application/json": infer B } } ? B : never;
export type MyPoints = Json<paths["/api/v1/me/points"]["get"]["responses"][200]>;
export type PointsEntry = MyPoints["history"][number];
export type PointsShopItem = Json<paths["/api/v1/points-shop/items"]["get"]["responses"][200]>[number];

export const pointsApi = {
  mine: (beforeId?: number) =>
    call(api.GET("/api/v1/me/points", { params: { query: beforeId ? { beforeId } : {} } })),
  items: () => call(api.GET("/api/v1/points-shop/items")),
  /** One key per confirmed redemption: a retried tap replays the order instead of redeeming twice. */
  redeem: (id: number, addressId: number | null, key = newIdempotencyKey()) =>
    call(
      api.POST("/api/v1/points-shop/items/{id}/redeem", {
        params: { path: { id } },
        body: addressId ? { addressId } : {},
        headers: { "Idempotency-Key": key },
      }),
    ),
};
