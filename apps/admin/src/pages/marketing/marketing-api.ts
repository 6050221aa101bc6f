// The marketing screens' shapes (read off the generated SDK) and the pickers' loads: products by title search,
// one product's SKUs, categories, shoppers by nickname or phone.
import type { paths } from "@liebian/sdk";
import { api, call } from "../../lib/api.ts";

type Json<R> = R extends { content: { "application/json": infer B } } ? B : never;
export type Activity = Json<paths["/api/admin/v1/activities"]["get"]["responses"][200]>[number];
export type ActivityBody = NonNullable<
  paths["/api/admin/v1/activities"]["post"]["requestBody"]
>["content"]["application/json"];
export type ChallengeResults = Json<
  paths["/api/admin/v1/group-challenges/{id}/results"]["get"]["responses"][200]
>;
export type CouponTemplate = Json<paths["/api/admin/v1/coupon-templates"]["get"]["responses"][200]>[number];
export type CouponTemplateBody = NonNullable<
  paths["/api/admin/v1/coupon-templates"]["post"]["requestBody"]
>["content"]["application/json"];

/** The line-price kinds (one price per SKU) and the threshold kinds (tiers over a cart), as the server names them. */
export const PRICE_KINDS = ["flash_sale", "timed_discount"] as const;
export const THRESHOLD_KINDS = [
  "threshold_amount_off",
  "threshold_percent_off",
  "threshold_free_shipping",
] as const;
export const COUPON_KINDS = ["coupon_amount_off", "coupon_percent_off", "coupon_free_shipping"] as const;
export type PriceKind = (typeof PRICE_KINDS)[number];
export type ThresholdKind = (typeof THRESHOLD_KINDS)[number];
export type CouponKind = (typeof COUPON_KINDS)[number];

export const marketingApi = {
  activities: () => call(api.GET("/api/admin/v1/activities")),
  createActivity: (body: ActivityBody) => call(api.POST("/api/admin/v1/activities", { body })),
  editActivity: (id: number, body: ActivityBody) =>
    call(api.PUT("/api/admin/v1/activities/{id}", { params: { path: { id } }, body })),
  stopActivity: (id: number) =>
    call(api.POST("/api/admin/v1/activities/{id}/stop", { params: { path: { id } } })),
  challengeResults: (id: number) =>
    call(api.GET("/api/admin/v1/group-challenges/{id}/results", { params: { path: { id } } })),
  coupons: () => call(api.GET("/api/admin/v1/coupon-templates")),
  createCoupon: (body: CouponTemplateBody) => call(api.POST("/api/admin/v1/coupon-templates", { body })),
  stopCoupon: (id: number) =>
    call(api.POST("/api/admin/v1/coupon-templates/{id}/stop", { params: { path: { id } } })),
  issueCoupons: (id: number, userIds: number[]) =>
    call(
      api.POST("/api/admin/v1/coupon-templates/{id}/issue", {
        params: { path: { id } },
        body: { userIds },
      }),
    ),
  products: (q: string | undefined) =>
    call(api.GET("/api/admin/v1/products", { params: { query: { status: "on_sale", limit: 50, q } } })),
  product: (id: number) => call(api.GET("/api/admin/v1/products/{id}", { params: { path: { id } } })),
  categories: () => call(api.GET("/api/admin/v1/categories")),
  customers: (q: string) => call(api.GET("/api/admin/v1/customers", { params: { query: { q, limit: 20 } } })),
};

/** How an activity's state is tagged in lists. */
export const stateColor = { upcoming: "blue", running: "green", ended: "default", stopped: "red" } as const;
