// The shop's review calls: a product's reviews with their summary, one review, sharing a good one, the lines of
// an order to review, writing one.
import { api, call } from "./api.ts";

export const reviewsApi = {
  forProduct: (id: number, cursor?: number) =>
    call(api.GET("/api/v1/products/{id}/reviews", { params: { path: { id }, query: { limit: 5, cursor } } })),
  reviewable: (orderId: number) =>
    call(api.GET("/api/v1/orders/{id}/reviewable", { params: { path: { id: orderId } } })),
  one: (id: number) => call(api.GET("/api/v1/reviews/{id}", { params: { path: { id } } })),
  /** A distributor's short link and card text for a good review. */
  share: (id: number) => call(api.GET("/api/v1/reviews/{id}/share", { params: { path: { id } } })),
  create: (body: { orderItemId: number; rating: number; text: string; photos: string[] }) =>
    call(api.POST("/api/v1/reviews", { body })),
};
