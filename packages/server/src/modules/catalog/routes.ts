// Catalog routes: staff edit categories and products; shoppers browse the tree, the feed and product pages.
import { z } from "zod";
import type { AppDeps } from "../../deps.ts";
import { staffActor } from "../../http/authenticate.ts";
import type { App } from "../../http/types.ts";
import {
  AdminProductQuery,
  BulkStatusBody,
  CategoryBody,
  CategoryResponse,
  IdParams,
  ProductBody,
  ProductPage,
  ProductResponse,
  ShopProductQuery,
  UpdateCategoryBody,
} from "./schemas.ts";
import {
  createCategory,
  createProduct,
  deleteCategory,
  getCategories,
  getProductForShopper,
  getProductForStaff,
  listProducts,
  setProductStatus,
  updateCategory,
  updateProduct,
} from "./service.ts";

export function registerCatalogRoutes(app: App, deps: AppDeps): void {
  const shop = ["shopper: catalog"];
  app.get(
    "/api/v1/categories",
    { schema: { tags: shop, response: { 200: z.array(CategoryResponse) } } },
    async () => getCategories(deps.db),
  );
  app.get(
    "/api/v1/products",
    { schema: { tags: shop, querystring: ShopProductQuery, response: { 200: ProductPage } } },
    async (request) => listProducts(deps.db, request.query, "shopper"),
  );
  app.get(
    "/api/v1/products/:id",
    { schema: { tags: shop, params: IdParams, response: { 200: ProductResponse } } },
    async (request) => getProductForShopper(deps.db, request.params.id),
  );

  const tags = ["admin: catalog"];
  const read = { permission: "catalog.read" } as const;
  const write = { permission: "catalog.write" } as const;
  app.get(
    "/api/admin/v1/categories",
    { config: read, schema: { tags, response: { 200: z.array(CategoryResponse) } } },
    async () => getCategories(deps.db),
  );
  app.post(
    "/api/admin/v1/categories",
    { config: write, schema: { tags, body: CategoryBody, response: { 201: CategoryResponse } } },
    async (request, reply) =>
      reply.status(201).send(await createCategory(deps, staffActor(request), request.body)),
  );
  app.patch(
    "/api/admin/v1/categories/:id",
    {
      config: write,
      schema: { tags, params: IdParams, body: UpdateCategoryBody, response: { 200: CategoryResponse } },
    },
    async (request) => updateCategory(deps, staffActor(request), request.params.id, request.body),
  );
  app.delete(
    "/api/admin/v1/categories/:id",
    { config: write, schema: { tags, params: IdParams, response: { 204: z.null() } } },
    async (request, reply) => {
      await deleteCategory(deps, staffActor(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
  app.get(
    "/api/admin/v1/products",
    { config: read, schema: { tags, querystring: AdminProductQuery, response: { 200: ProductPage } } },
    async (request) => listProducts(deps.db, request.query, "staff"),
  );
  app.get(
    "/api/admin/v1/products/:id",
    { config: read, schema: { tags, params: IdParams, response: { 200: ProductResponse } } },
    async (request) => getProductForStaff(deps.db, request.params.id),
  );
  app.post(
    "/api/admin/v1/products",
    { config: write, schema: { tags, body: ProductBody, response: { 201: ProductResponse } } },
    async (request, reply) =>
      reply.status(201).send(await createProduct(deps, staffActor(request), request.body)),
  );
  app.put(
    "/api/admin/v1/products/:id",
    {
      config: write,
      schema: { tags, params: IdParams, body: ProductBody, response: { 200: ProductResponse } },
    },
    async (request) => updateProduct(deps, staffActor(request), request.params.id, request.body),
  );
  app.post(
    "/api/admin/v1/products/status",
    {
      config: write,
      schema: { tags, body: BulkStatusBody, response: { 200: z.object({ updated: z.number() }) } },
    },
    async (request) => setProductStatus(deps, staffActor(request), request.body.ids, request.body.status),
  );
}
