// Staff routes of service goods: redeem a code (the order is then received) and list the codes.
import type { AppDeps } from "../../deps.ts";
import { staffActor } from "../../http/authenticate.ts";
import type { App } from "../../http/types.ts";
import { OrderDetail } from "../orders/schemas.ts";
import { RedeemBody, RedemptionPage, RedemptionQuery } from "./schemas.ts";
import { listRedemptions, redeemCode } from "./service.ts";

export function registerServiceGoodsRoutes(app: App, deps: AppDeps): void {
  const tags = ["admin: service goods"];
  app.post(
    "/api/admin/v1/redemptions",
    {
      config: { permission: "orders.fulfil" },
      schema: { tags, body: RedeemBody, response: { 200: OrderDetail } },
    },
    async (request) => redeemCode(deps, staffActor(request), request.body.code),
  );
  app.get(
    "/api/admin/v1/redemptions",
    {
      config: { permission: "orders.read" },
      schema: { tags, querystring: RedemptionQuery, response: { 200: RedemptionPage } },
    },
    async (request) => listRedemptions(deps.db, request.query),
  );
}
