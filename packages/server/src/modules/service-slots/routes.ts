// Booking-slot routes: staff add and list a service product's slots; shoppers list the places left, book a
// slot for their paid service order, see and cancel the booking.
import { z } from "zod";
import type { AppDeps } from "../../deps.ts";
import { currentUserId, staffActor } from "../../http/authenticate.ts";
import { IdParams } from "../../http/input-types.ts";
import type { App } from "../../http/types.ts";
import {
  AdminBookingResponse,
  BookBody,
  BookingResponse,
  ProductIdQuery,
  SlotBody,
  SlotEditBody,
  SlotResponse,
} from "./schemas.ts";
import {
  bookSlot,
  cancelBooking,
  createSlot,
  deleteSlot,
  editSlot,
  getBooking,
  getProductBookings,
  getSlots,
} from "./service.ts";

export function registerServiceSlotRoutes(app: App, deps: AppDeps): void {
  const tags = ["admin: service goods"];
  const shop = ["shop: service goods"];
  app.post(
    "/api/admin/v1/service-slots",
    {
      config: { permission: "catalog.write" },
      schema: { tags, body: SlotBody, response: { 201: SlotResponse } },
    },
    async (request, reply) =>
      reply.status(201).send(await createSlot(deps, staffActor(request), request.body)),
  );
  app.get(
    "/api/admin/v1/service-slots",
    {
      config: { permission: "catalog.read" },
      schema: { tags, querystring: ProductIdQuery, response: { 200: z.array(SlotResponse) } },
    },
    async (request) => getSlots(deps.db, request.query.productId, null),
  );
  app.put(
    "/api/admin/v1/service-slots/:id",
    {
      config: { permission: "catalog.write" },
      schema: { tags, params: IdParams, body: SlotEditBody, response: { 200: SlotResponse } },
    },
    async (request) => editSlot(deps, staffActor(request), request.params.id, request.body),
  );
  app.delete(
    "/api/admin/v1/service-slots/:id",
    {
      config: { permission: "catalog.write" },
      schema: { tags, params: IdParams, response: { 200: z.object({ deleted: z.boolean() }) } },
    },
    async (request) => deleteSlot(deps, staffActor(request), request.params.id),
  );
  app.get(
    "/api/admin/v1/service-bookings",
    {
      config: { permission: "catalog.read" },
      schema: { tags, querystring: ProductIdQuery, response: { 200: z.array(AdminBookingResponse) } },
    },
    async (request) => getProductBookings(deps.db, request.query.productId),
  );
  app.get(
    "/api/v1/products/:id/slots",
    { schema: { tags: shop, params: IdParams, response: { 200: z.array(SlotResponse) } } },
    async (request) => getSlots(deps.db, request.params.id, deps.now()),
  );
  app.get(
    "/api/v1/orders/:id/booking",
    {
      config: { auth: "user" },
      schema: {
        tags: shop,
        params: IdParams,
        response: { 200: z.object({ booking: BookingResponse.nullable() }) },
      },
    },
    async (request) => getBooking(deps, currentUserId(request), request.params.id),
  );
  app.post(
    "/api/v1/orders/:id/booking",
    {
      config: { auth: "user" },
      schema: { tags: shop, params: IdParams, body: BookBody, response: { 201: BookingResponse } },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await bookSlot(deps, currentUserId(request), request.params.id, request.body.slotId)),
  );
  app.delete(
    "/api/v1/orders/:id/booking",
    {
      config: { auth: "user" },
      schema: { tags: shop, params: IdParams, response: { 200: z.object({ cancelled: z.boolean() }) } },
    },
    async (request) => cancelBooking(deps, currentUserId(request), request.params.id),
  );
}
