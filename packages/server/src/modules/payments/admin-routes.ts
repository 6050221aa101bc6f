// Admin routes of the payments area: records and the daily reconciliation report (permission payments.read).
import { z } from "zod";
import type { AppDeps } from "../../deps.ts";
import { staffActor } from "../../http/authenticate.ts";
import { fromDigits, Id, IdParams } from "../../http/input-types.ts";
import { moneyPermission } from "../../http/money-actions.ts";
import type { App } from "../../http/types.ts";
import { dailyReport, listPayments, listRefunds, refundView } from "./admin.ts";
import { retryAutomaticRefund } from "./refunds.ts";
import {
  AlipaySettingsBody,
  listPaymentSettings,
  SandboxSettingsBody,
  savePaymentSettings,
  saveSandboxSetting,
  WechatSettingsBody,
} from "./settings.ts";

const RecordQuery = z.strictObject({
  cursor: Id.optional(),
  limit: fromDigits(z.number().int().min(1).max(100).default(20)),
  provider: z.enum(["sandbox", "wechat", "alipay"]).optional(),
  status: z.string().max(20).optional(),
  orderNo: z.string().max(64).optional(),
});

const Payment = z.object({
  id: z.number(),
  orderId: z.number(),
  orderNo: z.string(),
  provider: z.string(),
  outTradeNo: z.string(),
  transactionId: z.string().nullable(),
  amountFen: z.number(),
  status: z.string(),
  createdAt: z.date(),
  paidAt: z.date().nullable(),
});

const Refund = z.object({
  id: z.number(),
  afterSaleId: z.number().nullable(),
  orderId: z.number(),
  orderNo: z.string(),
  provider: z.string(),
  outRefundNo: z.string(),
  providerRefundId: z.string().nullable(),
  amountFen: z.number(),
  status: z.string(),
  reason: z.string(),
  failureReason: z.string().nullable(),
  createdAt: z.date(),
  doneAt: z.date().nullable(),
});

const Total = z.object({ provider: z.string(), count: z.number(), totalFen: z.number() });
const Report = z.object({
  date: z.string(),
  payments: z.array(Total),
  refunds: z.array(Total),
  payouts: z.array(Total),
});

const ProviderSettings = z.object({
  provider: z.string(),
  enabled: z.boolean(),
  configured: z.boolean(),
  /** Ids and public keys, as saved. */
  settings: z.record(z.string(), z.unknown()),
  /** Each secret's hint (key fingerprint, or the last four characters), null when not set. Never the value. */
  secrets: z.record(z.string(), z.string().nullable()),
  /** What to enter in the provider's merchant platform. */
  paymentNotifyUrl: z.string(),
  refundNotifyUrl: z.string(),
});

const tags = ["admin: payments"];

export function registerPaymentAdminRoutes(app: App, deps: AppDeps): void {
  app.get(
    "/api/admin/v1/payments",
    {
      config: { permission: "payments.read" },
      schema: {
        tags,
        querystring: RecordQuery,
        response: { 200: z.object({ items: z.array(Payment), nextCursor: z.number().nullable() }) },
      },
    },
    async (request) => listPayments(deps.db, request.query),
  );

  app.get(
    "/api/admin/v1/refunds",
    {
      config: { permission: "payments.read" },
      schema: {
        tags,
        querystring: RecordQuery,
        response: { 200: z.object({ items: z.array(Refund), nextCursor: z.number().nullable() }) },
      },
    },
    async (request) => listRefunds(deps.db, request.query),
  );

  app.get(
    "/api/admin/v1/payments/report",
    {
      config: { permission: "payments.read" },
      schema: {
        tags,
        // A calendar date that exists: "4474-14-15" matched the old digits-only pattern and failed in the query.
        querystring: z.strictObject({ date: z.iso.date() }),
        response: { 200: Report },
      },
    },
    async (request) => dailyReport(deps.db, request.query.date),
  );

  app.get(
    "/api/admin/v1/payments/settings",
    {
      config: { permission: "payments.configure" },
      schema: { tags, response: { 200: z.object({ items: z.array(ProviderSettings) }) } },
    },
    async () => ({ items: await listPaymentSettings(deps) }),
  );

  app.put(
    "/api/admin/v1/payments/settings/wechat",
    {
      config: { permission: moneyPermission("payment.accounts") },
      schema: { tags, body: WechatSettingsBody, response: { 200: ProviderSettings } },
    },
    async (request) => savePaymentSettings(deps, staffActor(request), "wechat", request.body, deps.now()),
  );

  app.put(
    "/api/admin/v1/payments/settings/sandbox",
    {
      config: { permission: moneyPermission("payment.accounts") },
      schema: { tags, body: SandboxSettingsBody, response: { 200: ProviderSettings } },
    },
    async (request) => saveSandboxSetting(deps, staffActor(request), request.body.enabled, deps.now()),
  );

  app.put(
    "/api/admin/v1/payments/settings/alipay",
    {
      config: { permission: moneyPermission("payment.accounts") },
      schema: { tags, body: AlipaySettingsBody, response: { 200: ProviderSettings } },
    },
    async (request) => savePaymentSettings(deps, staffActor(request), "alipay", request.body, deps.now()),
  );

  app.post(
    "/api/admin/v1/refunds/:id/retry",
    {
      config: { permission: moneyPermission("payment.retry_refund") },
      schema: {
        tags,
        params: IdParams,
        response: { 200: Refund },
      },
    },
    async (request) => refundView(await retryAutomaticRefund(deps, staffActor(request), request.params.id)),
  );
}
