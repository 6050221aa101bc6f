// A distributor's storefront (微店): their editor (page and picks) and the public page by code.
import { api, call } from "./api.ts";

export const storefrontApi = {
  mine: () => call(api.GET("/api/v1/distribution/storefront")),
  save: (body: { name: string; greeting: string; coverUrl: string | null }) =>
    call(api.PUT("/api/v1/distribution/storefront", { body })),
  pick: (productId: number) =>
    call(
      api.POST("/api/v1/distribution/storefront/products/{productId}", { params: { path: { productId } } }),
    ),
  unpick: (productId: number) =>
    call(
      api.DELETE("/api/v1/distribution/storefront/products/{productId}", { params: { path: { productId } } }),
    ),
  setPicks: (productIds: number[]) =>
    call(api.PUT("/api/v1/distribution/storefront/products", { body: { productIds } })),
  open: (code: string) => call(api.GET("/api/v1/storefronts/{code}", { params: { path: { code } } })),
  products: (code: string, cursor?: number) =>
    call(
      api.GET("/api/v1/storefronts/{code}/products", {
        params: { path: { code }, query: { limit: 10, ...(cursor !== undefined ? { cursor } : {}) } },
      }),
    ),
};

export type MyStorefront = Awaited<ReturnType<typeof storefrontApi.mine>>;
