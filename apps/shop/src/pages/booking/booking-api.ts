// The booking calls of a service order (课程 / 体验课): its product's slots with places left, its booking, book
// and cancel.
import type { paths } from "@liebian/sdk";
import { api, call } from "../../lib/api.ts";

type Json<R> = R extends { content: { "application/json": infer B } } ? B : never;
export type ShopSlot = Json<paths["/api/v1/products/{id}/slots"]["get"]["responses"][200]>[number];
export type Booking = NonNullable<
  Json<paths["/api/v1/orders/{id}/booking"]["get"]["responses"][200]>["booking"]
>;

export const bookingApi = {
  slots: (productId: number) =>
    call(api.GET("/api/v1/products/{id}/slots", { params: { path: { id: productId } } })),
  booking: (orderId: number) =>
    call(api.GET("/api/v1/orders/{id}/booking", { params: { path: { id: orderId } } })),
  book: (orderId: number, slotId: number) =>
    call(api.POST("/api/v1/orders/{id}/booking", { params: { path: { id: orderId } }, body: { slotId } })),
  cancel: (orderId: number) =>
    call(api.DELETE("/api/v1/orders/{id}/booking", { params: { path: { id: orderId } } })),
};
