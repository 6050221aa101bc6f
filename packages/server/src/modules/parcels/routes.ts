// Parcel routes on the order page: the shopper's own order (due parcels are asked about first) and staff.
import type { AppDeps } from "../../deps.ts";
import { currentUserId } from "../../http/authenticate.ts";
import { IdParams } from "../../http/input-types.ts";
import type { App } from "../../http/types.ts";
import { getShopperOrder, getStaffOrder } from "../orders/service.ts";
import { ParcelTracksResponse } from "./schemas.ts";
import { loadOrderTracks } from "./service.ts";

export function registerParcelRoutes(app: App, deps: AppDeps): void {
  app.get(
    "/api/v1/orders/:id/parcels",
    {
      config: { auth: "user" },
      schema: { tags: ["shopper: orders"], params: IdParams, response: { 200: ParcelTracksResponse } },
    },
    async (request) => {
      await getShopperOrder(deps.db, currentUserId(request), request.params.id);
      return { items: await loadOrderTracks(deps, request.params.id, true) };
    },
  );
  app.get(
    "/api/admin/v1/orders/:id/parcels",
    {
      config: { permission: "orders.read" },
      schema: { tags: ["admin: orders"], params: IdParams, response: { 200: ParcelTracksResponse } },
    },
    async (request) => {
      await getStaffOrder(deps.db, request.params.id);
      return { items: await loadOrderTracks(deps, request.params.id, false) };
    },
  );
}
