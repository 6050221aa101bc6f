// After-sale routes: the shopper's request, return parcel and cancel; the staff queue and review.
import type { AppDeps } from "../../deps.ts";
import { currentUserId, staffActor } from "../../http/authenticate.ts";
import type { App } from "../../http/types.ts";
import {
  AfterSaleMoveResponse,
  AfterSalePage,
  AfterSaleResponse,
  ApproveBody,
  IdParams,
  ListQuery,
  RejectBody,
  RequestAfterSaleBody,
  ReturnParcelBody,
  StaffListQuery,
} from "./schemas.ts";
import {
  approveAfterSale,
  cancelAfterSale,
  confirmReturn,
  getShopperAfterSale,
  getStaffAfterSale,
  listShopperAfterSales,
  listStaffAfterSales,
  rejectAfterSale,
  requestAfterSale,
  retryRefund,
  shipBack,
} from "./service.ts";

export function registerAfterSaleRoutes(app: App, deps: AppDeps): void {
  const tags = ["shopper: after-sales"];
  const auth = { auth: "user" } as const;
  app.post(
    "/api/v1/orders/:id/after-sales",
    {
      config: auth,
      schema: { tags, params: IdParams, body: RequestAfterSaleBody, response: { 201: AfterSaleResponse } },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await requestAfterSale(deps, currentUserId(request), request.params.id, request.body)),
  );
  app.get(
    "/api/v1/after-sales",
    { config: auth, schema: { tags, querystring: ListQuery, response: { 200: AfterSalePage } } },
    async (request) => listShopperAfterSales(deps.db, currentUserId(request), request.query),
  );
  app.get(
    "/api/v1/after-sales/:id",
    { config: auth, schema: { tags, params: IdParams, response: { 200: AfterSaleResponse } } },
    async (request) => getShopperAfterSale(deps.db, currentUserId(request), request.params.id),
  );
  app.post(
    "/api/v1/after-sales/:id/return-parcel",
    {
      config: auth,
      schema: { tags, params: IdParams, body: ReturnParcelBody, response: { 200: AfterSaleMoveResponse } },
    },
    async (request) => shipBack(deps, currentUserId(request), request.params.id, request.body),
  );
  app.post(
    "/api/v1/after-sales/:id/cancel",
    { config: auth, schema: { tags, params: IdParams, response: { 200: AfterSaleMoveResponse } } },
    async (request) => cancelAfterSale(deps, currentUserId(request), request.params.id),
  );

  const admin = ["admin: after-sales"];
  const review = { permission: "aftersale.review" } as const;
  app.get(
    "/api/admin/v1/after-sales",
    {
      config: review,
      schema: { tags: admin, querystring: StaffListQuery, response: { 200: AfterSalePage } },
    },
    async (request) => listStaffAfterSales(deps.db, request.query),
  );
  app.get(
    "/api/admin/v1/after-sales/:id",
    { config: review, schema: { tags: admin, params: IdParams, response: { 200: AfterSaleResponse } } },
    async (request) => getStaffAfterSale(deps.db, request.params.id),
  );
  app.post(
    "/api/admin/v1/after-sales/:id/approve",
    {
      config: review,
      schema: { tags: admin, params: IdParams, body: ApproveBody, response: { 200: AfterSaleMoveResponse } },
    },
    async (request) => approveAfterSale(deps, staffActor(request), request.params.id, request.body.note),
  );
  app.post(
    "/api/admin/v1/after-sales/:id/reject",
    {
      config: review,
      schema: { tags: admin, params: IdParams, body: RejectBody, response: { 200: AfterSaleMoveResponse } },
    },
    async (request) => rejectAfterSale(deps, staffActor(request), request.params.id, request.body.note),
  );
  app.post(
    "/api/admin/v1/after-sales/:id/confirm-return",
    { config: review, schema: { tags: admin, params: IdParams, response: { 200: AfterSaleMoveResponse } } },
    async (request) => confirmReturn(deps, staffActor(request), request.params.id),
  );
  app.post(
    "/api/admin/v1/after-sales/:id/retry-refund",
    {
      config: { permission: "refund.execute" },
      schema: { tags: admin, params: IdParams, response: { 200: AfterSaleMoveResponse } },
    },
    async (request) => retryRefund(deps, staffActor(request), request.params.id),
  );
}
