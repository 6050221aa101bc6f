// Points-shop routes: staff list, add and edit goods for points (marketing permissions); the shop lists what
// is on sale and a signed-in shopper redeems one unit (once per Idempotency-Key).
import { z } from "zod";
import type { AppDeps } from "../../deps.ts";
import { currentUserId, staffActor } from "../../http/authenticate.ts";
import { idempotencyOf } from "../../http/idempotency.ts";
import { IdParams, somethingToUpdate } from "../../http/input-types.ts";
import type { App } from "../../http/types.ts";
import { OrderDetail } from "../orders/schemas.ts";
import { PointsShopItemBody, PointsShopItemPatch, PointsShopItemResponse, RedeemBody } from "./schemas.ts";
import {
  createPointsShopItem,
  editPointsShopItem,
  getPointsShopItems,
  redeemPointsShopItem,
} from "./service.ts";

export function registerPointsShopRoutes(app: App, deps: AppDeps): void {
  const shop = ["shopper: points"];
  app.get(
    "/api/v1/points-shop/items",
    { schema: { tags: shop, response: { 200: z.array(PointsShopItemResponse) } } },
    async () => getPointsShopItems(deps.db, true),
  );
  app.post(
    "/api/v1/points-shop/items/:id/redeem",
    {
      config: { auth: "user" },
      schema: { tags: shop, params: IdParams, body: RedeemBody, response: { 201: OrderDetail } },
    },
    async (request, reply) => {
      const userId = currentUserId(request);
      const result = await redeemPointsShopItem(
        deps,
        userId,
        request.params.id,
        request.body,
        idempotencyOf(request, `points-shop:user:${userId}`),
      );
      if (result.replayed) reply.header("idempotent-replayed", "true");
      return reply.status(201).send(result.order);
    },
  );

  const tags = ["admin: points"];
  app.get(
    "/api/admin/v1/points/shop-items",
    {
      config: { permission: "marketing.read" },
      schema: { tags, response: { 200: z.array(PointsShopItemResponse) } },
    },
    async () => getPointsShopItems(deps.db, false),
  );
  app.post(
    "/api/admin/v1/points/shop-items",
    {
      config: { permission: "marketing.write" },
      schema: { tags, body: PointsShopItemBody, response: { 201: PointsShopItemResponse } },
    },
    async (request, reply) =>
      reply.status(201).send(await createPointsShopItem(deps, staffActor(request), request.body)),
  );
  app.patch(
    "/api/admin/v1/points/shop-items/:id",
    {
      config: { permission: "marketing.write" },
      schema: {
        tags,
        params: IdParams,
        body: somethingToUpdate(PointsShopItemPatch),
        response: { 200: PointsShopItemResponse },
      },
    },
    async (request) => editPointsShopItem(deps, staffActor(request), request.params.id, request.body),
  );
}
