// After-sale routes: the shopper's request, return parcel and cancel; the staff queue and review; finance's
// 待退款确认 queue, its refund confirmation, and the preview every money confirmation shows.
import type { FastifyRequest } from "fastify";
import type { AppDeps } from "../../deps.ts";
import { currentUserId, staffActor } from "../../http/authenticate.ts";
import { moneyPermission } from "../../http/money-actions.ts";
import type { App } from "../../http/types.ts";
import {
  AfterSaleMoveResponse,
  AfterSalePage,
  AfterSaleResponse,
  ApproveBody,
  ConfirmRefundBody,
  ConfirmReturnBody,
  IdParams,
  ListQuery,
  RefundPreviewQuery,
  RefundPreviewResponse,
  RejectBody,
  RequestAfterSaleBody,
  ReturnParcelBody,
  StaffAfterSalePage,
  StaffListQuery,
} from "./schemas.ts";
import {
  approveAfterSale,
  cancelAfterSale,
  confirmRefund,
  confirmReturn,
  getShopperAfterSale,
  getStaffAfterSale,
  listRefundQueue,
  listShopperAfterSales,
  listStaffAfterSales,
  previewAfterSaleRefund,
  rejectAfterSale,
  requestAfterSale,
  retryRefund,
  shipBack,
} from "./service.ts";

const roleOf = (request: FastifyRequest) => request.staff!.role;
const adjustment = (body: { refundFen?: number | undefined; refundReason?: string | null | undefined }) => ({
  refundFen: body.refundFen,
  reason: body.refundReason,
});

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
      schema: { tags: admin, querystring: StaffListQuery, response: { 200: StaffAfterSalePage } },
    },
    async (request) => listStaffAfterSales(deps.db, request.query),
  );
  app.get(
    "/api/admin/v1/after-sales/:id",
    { config: review, schema: { tags: admin, params: IdParams, response: { 200: AfterSaleResponse } } },
    async (request) => getStaffAfterSale(deps.db, request.params.id),
  );
  app.get(
    "/api/admin/v1/after-sales/:id/refund-preview",
    {
      // Everyone who can see orders may see what a refund would do; doing it is checked on the move.
      config: { permission: "orders.read" },
      schema: {
        tags: admin,
        params: IdParams,
        querystring: RefundPreviewQuery,
        response: { 200: RefundPreviewResponse },
      },
    },
    async (request) => previewAfterSaleRefund(deps, request.params.id, request.query.refundFen),
  );
  app.post(
    "/api/admin/v1/after-sales/:id/approve",
    {
      config: review,
      schema: { tags: admin, params: IdParams, body: ApproveBody, response: { 200: AfterSaleMoveResponse } },
    },
    async (request) =>
      approveAfterSale(deps, staffActor(request), roleOf(request), request.params.id, {
        note: request.body.note,
        ...adjustment(request.body),
      }),
  );
  app.post(
    "/api/admin/v1/after-sales/:id/reject",
    {
      config: review,
      schema: { tags: admin, params: IdParams, body: RejectBody, response: { 200: AfterSaleMoveResponse } },
    },
    async (request) =>
      rejectAfterSale(deps, staffActor(request), roleOf(request), request.params.id, request.body.note),
  );
  app.post(
    "/api/admin/v1/after-sales/:id/confirm-return",
    {
      config: review,
      schema: {
        tags: admin,
        params: IdParams,
        body: ConfirmReturnBody.optional(),
        response: { 200: AfterSaleMoveResponse },
      },
    },
    async (request) => {
      const body = request.body ?? { restock: true };
      return confirmReturn(deps, staffActor(request), roleOf(request), request.params.id, {
        restock: body.restock,
        ...adjustment(body),
      });
    },
  );
  app.get(
    "/api/admin/v1/refund-queue",
    {
      config: { permission: moneyPermission("after_sale.refund") },
      schema: { tags: admin, querystring: ListQuery, response: { 200: StaffAfterSalePage } },
    },
    async (request) => listRefundQueue(deps.db, request.query),
  );
  app.post(
    "/api/admin/v1/after-sales/:id/refund",
    {
      config: { permission: moneyPermission("after_sale.refund") },
      schema: {
        tags: admin,
        params: IdParams,
        body: ConfirmRefundBody.optional(),
        response: { 200: AfterSaleMoveResponse },
      },
    },
    async (request) =>
      confirmRefund(
        deps,
        staffActor(request),
        roleOf(request),
        request.params.id,
        adjustment(request.body ?? {}),
      ),
  );
  app.post(
    "/api/admin/v1/after-sales/:id/retry-refund",
    {
      config: { permission: moneyPermission("after_sale.retry_refund") },
      schema: { tags: admin, params: IdParams, response: { 200: AfterSaleMoveResponse } },
    },
    async (request) => retryRefund(deps, staffActor(request), roleOf(request), request.params.id),
  );
}
