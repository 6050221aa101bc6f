// The points screens' shapes (read off the generated SDK) and calls: the points rule, the points shop's goods,
// and one shopper's points as staff see them.
import type { paths } from "@liebian/sdk";
import { api, call } from "../../lib/api.ts";

type Json<R> = R extends { content: { "application/json": infer B } } ? B : never;
export type PointsRule = Json<paths["/api/admin/v1/points/settings"]["get"]["responses"][200]>;
export type PointsShopItem = Json<paths["/api/admin/v1/points/shop-items"]["get"]["responses"][200]>[number];
export type PointsShopItemBody = NonNullable<
  paths["/api/admin/v1/points/shop-items"]["post"]["requestBody"]
>["content"]["application/json"];
export type PointsShopItemPatch = NonNullable<
  paths["/api/admin/v1/points/shop-items/{id}"]["patch"]["requestBody"]
>["content"]["application/json"];
export type ShopperPoints = Json<paths["/api/admin/v1/customers/{id}/points"]["get"]["responses"][200]>;

export const pointsApi = {
  rule: () => call(api.GET("/api/admin/v1/points/settings")),
  saveRule: (body: Partial<PointsRule>) => call(api.PUT("/api/admin/v1/points/settings", { body })),
  items: () => call(api.GET("/api/admin/v1/points/shop-items")),
  createItem: (body: PointsShopItemBody) => call(api.POST("/api/admin/v1/points/shop-items", { body })),
  editItem: (id: number, body: PointsShopItemPatch) =>
    call(api.PATCH("/api/admin/v1/points/shop-items/{id}", { params: { path: { id } }, body })),
  shopper: (id: number, beforeId?: number) =>
    call(
      api.GET("/api/admin/v1/customers/{id}/points", {
        params: { path: { id }, query: beforeId ? { beforeId } : {} },
      }),
    ),
};
