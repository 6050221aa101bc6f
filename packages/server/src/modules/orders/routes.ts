// Checkout and order routes for shoppers and staff.

import { z } from "zod";
import type { AppDeps } from "../../deps.ts";
import { AppError } from "../../errors/app-error.ts";
import { currentUserId, staffActor } from "../../http/authenticate.ts";
import { idempotencyOf } from "../../http/idempotency.ts";
import type { App } from "../../http/types.ts";
import { startOrderPayment } from "../payments/pay.ts";
import {
  ExportOrderQuery,
  IdParams,
  OrderDetail,
  OrderPage,
  PlacedOrder,
  PlaceOrderBody,
  QuoteBody,
  QuoteResponse,
  RemarkBody,
  ShipBody,
  ShopperOrderQuery,
  StaffOrderQuery,
} from "./schemas.ts";
import {
  cancelOrder,
  confirmReceipt,
  exportOrdersCsv,
  getShopperOrder,
  getStaffOrder,
  listShopperOrders,
  listStaffOrders,
  placeOrder,
  quoteCheckout,
  setMerchantRemark,
  shipOrder,
} from "./service.ts";

export function registerOrderRoutes(app: App, deps: AppDeps): void {
  const tags = ["shopper: orders"];
  const auth = { auth: "user" } as const;
  app.post(
    "/api/v1/checkout/quote",
    { config: auth, schema: { tags, body: QuoteBody, response: { 200: QuoteResponse } } },
    async (request) => quoteCheckout(deps, currentUserId(request), request.body),
  );
  app.post(
    "/api/v1/orders",
    { config: auth, schema: { tags, body: PlaceOrderBody, response: { 201: PlacedOrder } } },
    async (request, reply) => {
      const userId = currentUserId(request);
      const { pay, ...input } = request.body;
      const result = await placeOrder(deps, userId, input, idempotencyOf(request, `orders:user:${userId}`));
      if (result.replayed) reply.header("idempotent-replayed", "true");
      const order = result.order;
      if (!pay || order.status !== "pending_payment") return reply.status(201).send(order);
      // the order is placed whatever happens next: a payment that cannot start is told beside it
      try {
        const payment = await startOrderPayment(deps, userId, order.orderNo, pay, request.ip);
        return reply.status(201).send({ ...order, payment });
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        return reply
          .status(201)
          .send({ ...order, paymentError: { code: error.code, message: error.message } });
      }
    },
  );
  app.get(
    "/api/v1/orders",
    { config: auth, schema: { tags, querystring: ShopperOrderQuery, response: { 200: OrderPage } } },
    async (request) => listShopperOrders(deps.db, currentUserId(request), request.query),
  );
  app.get(
    "/api/v1/orders/:id",
    { config: auth, schema: { tags, params: IdParams, response: { 200: OrderDetail } } },
    async (request) => getShopperOrder(deps.db, currentUserId(request), request.params.id),
  );
  app.post(
    "/api/v1/orders/:id/cancel",
    { config: auth, schema: { tags, params: IdParams, response: { 200: OrderDetail } } },
    async (request) => cancelOrder(deps, currentUserId(request), request.params.id),
  );
  app.post(
    "/api/v1/orders/:id/confirm-receipt",
    { config: auth, schema: { tags, params: IdParams, response: { 200: OrderDetail } } },
    async (request) => confirmReceipt(deps, currentUserId(request), request.params.id),
  );

  const admin = ["admin: orders"];
  app.get(
    "/api/admin/v1/orders",
    {
      config: { permission: "orders.read" },
      schema: { tags: admin, querystring: StaffOrderQuery, response: { 200: OrderPage } },
    },
    async (request) => listStaffOrders(deps.db, request.query),
  );
  app.get(
    "/api/admin/v1/orders/export.csv",
    {
      config: { permission: "orders.export" },
      schema: { tags: admin, querystring: ExportOrderQuery, response: { 200: z.string() } },
    },
    async (request, reply) => {
      const csv = await exportOrdersCsv(deps.db, staffActor(request), request.query);
      return reply
        .header("content-type", "text/csv; charset=utf-8")
        .header("content-disposition", 'attachment; filename="orders.csv"')
        .send(csv);
    },
  );
  app.get(
    "/api/admin/v1/orders/:id",
    {
      config: { permission: "orders.read" },
      schema: { tags: admin, params: IdParams, response: { 200: OrderDetail } },
    },
    async (request) => getStaffOrder(deps.db, request.params.id),
  );
  app.post(
    "/api/admin/v1/orders/:id/ship",
    {
      config: { permission: "orders.fulfil" },
      schema: { tags: admin, params: IdParams, body: ShipBody, response: { 200: OrderDetail } },
    },
    async (request) => shipOrder(deps, staffActor(request), request.params.id, request.body.parcels),
  );
  app.post(
    "/api/admin/v1/orders/:id/remark",
    {
      config: { permission: "orders.fulfil" },
      schema: { tags: admin, params: IdParams, body: RemarkBody, response: { 200: OrderDetail } },
    },
    async (request) =>
      setMerchantRemark(deps, staffActor(request), request.params.id, request.body.merchantRemark),
  );
}
