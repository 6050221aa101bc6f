// Storefront routes: the distributor's editor (their page and picks) and the public storefront by code.
import type { AppDeps } from "../../deps.ts";
import { currentUserId } from "../../http/authenticate.ts";
import type { App } from "../../http/types.ts";
import {
  MyStorefront,
  PublicStorefront,
  StorefrontBody,
  StorefrontParams,
  StorefrontPicksBody,
  StorefrontProductPage,
  StorefrontProductParams,
  StorefrontProductsQuery,
} from "./schemas.ts";
import {
  addPick,
  myStorefront,
  publicStorefront,
  removePick,
  saveStorefront,
  setPicks,
  storefrontProducts,
} from "./service.ts";

export function registerStorefrontRoutes(app: App, deps: AppDeps): void {
  const tags = ["shopper: storefronts"];
  const auth = { auth: "user" } as const;
  const base = "/api/v1/distribution/storefront";
  app.get(base, { config: auth, schema: { tags, response: { 200: MyStorefront } } }, async (request) =>
    myStorefront(deps, currentUserId(request)),
  );
  app.put(
    base,
    { config: auth, schema: { tags, body: StorefrontBody, response: { 200: MyStorefront } } },
    async (request) => saveStorefront(deps, currentUserId(request), request.body),
  );
  app.put(
    `${base}/products`,
    { config: auth, schema: { tags, body: StorefrontPicksBody, response: { 200: MyStorefront } } },
    async (request) => setPicks(deps, currentUserId(request), request.body.productIds),
  );
  app.post(
    `${base}/products/:productId`,
    { config: auth, schema: { tags, params: StorefrontProductParams, response: { 200: MyStorefront } } },
    async (request) => addPick(deps, currentUserId(request), request.params.productId),
  );
  app.delete(
    `${base}/products/:productId`,
    { config: auth, schema: { tags, params: StorefrontProductParams, response: { 200: MyStorefront } } },
    async (request) => removePick(deps, currentUserId(request), request.params.productId),
  );

  app.get(
    "/api/v1/storefronts/:code",
    {
      config: { auth: "public" },
      schema: { tags, params: StorefrontParams, response: { 200: PublicStorefront } },
    },
    async (request) => publicStorefront(deps, request.params.code),
  );
  app.get(
    "/api/v1/storefronts/:code/products",
    {
      config: { auth: "public" },
      schema: {
        tags,
        params: StorefrontParams,
        querystring: StorefrontProductsQuery,
        response: { 200: StorefrontProductPage },
      },
    },
    async (request) => storefrontProducts(deps, request.params.code, request.query),
  );
}
