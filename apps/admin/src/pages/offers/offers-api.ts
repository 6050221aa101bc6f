// The calls of the offer screens (新客首单礼, 有礼邀请, 买赠) and the booking-slot screens, typed off the SDK.
import type { paths } from "@liebian/sdk";
import { api, call } from "../../lib/api.ts";

type Json<R> = R extends { content: { "application/json": infer B } } ? B : never;
export type InviteGiftGrant = Json<
  paths["/api/admin/v1/activities/{id}/invite-gifts"]["get"]["responses"][200]
>[number];
export type Slot = Json<paths["/api/admin/v1/service-slots"]["get"]["responses"][200]>[number];
export type SlotBooking = Json<paths["/api/admin/v1/service-bookings"]["get"]["responses"][200]>[number];
export type SlotEdit = NonNullable<
  paths["/api/admin/v1/service-slots/{id}"]["put"]["requestBody"]
>["content"]["application/json"];

/** The offer kinds these screens edit, as the server names them. */
export const OFFER_KINDS = ["welcome_offer", "invite_gift", "gift"] as const;
export type OfferKind = (typeof OFFER_KINDS)[number];

export const offersApi = {
  inviteGifts: (id: number) =>
    call(api.GET("/api/admin/v1/activities/{id}/invite-gifts", { params: { path: { id } } })),
  slots: (productId: number) =>
    call(api.GET("/api/admin/v1/service-slots", { params: { query: { productId } } })),
  createSlot: (body: SlotEdit & { productId: number }) =>
    call(api.POST("/api/admin/v1/service-slots", { body })),
  editSlot: (id: number, body: SlotEdit) =>
    call(api.PUT("/api/admin/v1/service-slots/{id}", { params: { path: { id } }, body })),
  deleteSlot: (id: number) =>
    call(api.DELETE("/api/admin/v1/service-slots/{id}", { params: { path: { id } } })),
  bookings: (productId: number) =>
    call(api.GET("/api/admin/v1/service-bookings", { params: { query: { productId } } })),
};
