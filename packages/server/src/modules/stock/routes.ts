// Staff stock pages: manual adjustment, the stock log and the low-stock list.
import { z } from "zod";
import { stockReasons } from "../../db/schema/commerce.ts";
import type { AppDeps } from "../../deps.ts";
import { staffActor } from "../../http/authenticate.ts";
import { fromDigits, Id, IdParams } from "../../http/input-types.ts";
import type { App } from "../../http/types.ts";
import { adjustStock, getLowStock, getStockLog } from "./service.ts";

const AdjustStockBody = z.strictObject({
  delta: z
    .number()
    .int()
    .min(-1_000_000)
    .max(1_000_000)
    .refine((d) => d !== 0, "delta must not be 0"),
  note: z.string().trim().min(1).max(200),
});
const StockLogQuery = z.strictObject({
  skuId: Id.optional(),
  /** Part of a product title or SKU code, as staff type it (case-insensitive). */
  q: z.string().trim().min(1).max(100).optional(),
  cursor: Id.optional(),
  limit: fromDigits(z.number().int().min(1).max(100).default(20)),
});
const StockLogEntry = z.object({
  id: z.number(),
  skuId: z.number(),
  /** The SKU in words: its product's title and its spec ("颜色:红 / 尺码:M"), and its code if it has one. */
  title: z.string(),
  skuLabel: z.string(),
  skuCode: z.string().nullable(),
  /** The order by its number, and the staff member by name, where the change came from one. */
  orderNo: z.string().nullable(),
  staffName: z.string().nullable(),
  delta: z.number(),
  stockAfter: z.number(),
  reason: z.enum(stockReasons),
  orderId: z.number().nullable(),
  staffId: z.number().nullable(),
  userId: z.number().nullable(),
  /** The after-sale whose returned units came back (reason after_sale_return). */
  afterSaleId: z.number().nullable(),
  note: z.string().nullable(),
  at: z.date(),
});
const LowStockQuery = z.strictObject({
  threshold: fromDigits(z.number().int().min(0).max(100_000).default(10)),
  limit: fromDigits(z.number().int().min(1).max(200).default(50)),
});
const LowStockItem = z.object({
  skuId: z.number(),
  productId: z.number(),
  title: z.string(),
  specValues: z.array(z.string()),
  code: z.string().nullable(),
  stock: z.number(),
  status: z.string(),
});

export function registerStockRoutes(app: App, deps: AppDeps): void {
  const tags = ["admin: stock"];
  app.post(
    "/api/admin/v1/skus/:id/stock-adjustments",
    {
      config: { permission: "catalog.write" },
      schema: {
        tags,
        params: IdParams,
        body: AdjustStockBody,
        response: { 200: z.object({ skuId: z.number(), stock: z.number() }) },
      },
    },
    async (request) =>
      adjustStock(deps.db, staffActor(request), { skuId: request.params.id, ...request.body }),
  );
  app.get(
    "/api/admin/v1/stock-log",
    {
      config: { permission: "catalog.read" },
      schema: {
        tags,
        querystring: StockLogQuery,
        response: { 200: z.object({ items: z.array(StockLogEntry), nextCursor: z.number().nullable() }) },
      },
    },
    async (request) => getStockLog(deps.db, request.query),
  );
  app.get(
    "/api/admin/v1/low-stock",
    {
      config: { permission: "catalog.read" },
      schema: { tags, querystring: LowStockQuery, response: { 200: z.array(LowStockItem) } },
    },
    async (request) => getLowStock(deps.db, request.query),
  );
}
