// A shopper's cart.
import { z } from "zod";
import type { AppDeps } from "../../deps.ts";
import { currentUserId } from "../../http/authenticate.ts";
import { IdParams, somethingToUpdate } from "../../http/input-types.ts";
import type { App } from "../../http/types.ts";
import { recordServerEvent } from "../tracking/service.ts";
import { MAX_LINE_QUANTITY } from "./repo.ts";
import { addToCart, changeCartLine, getCart, removeCartLines, selectAll } from "./service.ts";

const Quantity = z.number().int().min(1).max(MAX_LINE_QUANTITY);
const CartResponse = z.object({
  lines: z.array(
    z.object({
      id: z.number(),
      skuId: z.number(),
      productId: z.number(),
      title: z.string(),
      specValues: z.array(z.string()),
      imageUrl: z.string().nullable(),
      priceFen: z.number(),
      quantity: z.number(),
      stock: z.number(),
      selected: z.boolean(),
      problem: z.enum(["off_sale", "out_of_stock", "insufficient_stock"]).nullable(),
    }),
  ),
  selectedCount: z.number(),
  selectedGoodsFen: z.number(),
});

export function registerCartRoutes(app: App, deps: AppDeps): void {
  const tags = ["shopper: cart"];
  const config = { auth: "user" } as const;
  app.get("/api/v1/cart", { config, schema: { tags, response: { 200: CartResponse } } }, async (request) =>
    getCart(deps.db, currentUserId(request)),
  );
  app.post(
    "/api/v1/cart/items",
    {
      config,
      schema: {
        tags,
        body: z.strictObject({ skuId: z.number().int().positive(), quantity: Quantity }),
        response: { 200: CartResponse },
      },
    },
    async (request) => {
      const userId = currentUserId(request);
      const cart = await addToCart(deps, userId, request.body);
      const productId = cart.lines.find((l) => l.skuId === request.body.skuId)?.productId ?? null;
      await recordServerEvent(deps, {
        kind: "add_to_cart",
        userId,
        productId,
        quantity: request.body.quantity,
      });
      return cart;
    },
  );
  app.patch(
    "/api/v1/cart/items/:id",
    {
      config,
      schema: {
        tags,
        params: IdParams,
        body: somethingToUpdate(
          z.strictObject({ quantity: Quantity.optional(), selected: z.boolean().optional() }),
        ),
        response: { 200: CartResponse },
      },
    },
    async (request) => changeCartLine(deps, currentUserId(request), request.params.id, request.body),
  );
  app.post(
    "/api/v1/cart/select-all",
    {
      config,
      schema: { tags, body: z.strictObject({ selected: z.boolean() }), response: { 200: CartResponse } },
    },
    async (request) => selectAll(deps, currentUserId(request), request.body.selected),
  );
  app.post(
    "/api/v1/cart/remove",
    {
      config,
      schema: {
        tags,
        body: z.strictObject({ ids: z.array(z.number().int().positive()).min(1).max(100) }),
        response: { 200: CartResponse },
      },
    },
    async (request) => removeCartLines(deps, currentUserId(request), request.body.ids),
  );
}
