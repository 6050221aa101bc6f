// Payment routes: the shopper starts a payment and uses the sandbox pay page; providers post notifications
// to /api/v1/payments/notify/:provider, read as the raw bytes they signed.
import { z } from "zod";
import type { AppDeps } from "../../deps.ts";
import { AppError } from "../../errors/app-error.ts";
import { currentUserId } from "../../http/authenticate.ts";
import { fastSerialized } from "../../http/serializer.ts";
import type { App } from "../../http/types.ts";
import { registerPaymentAdminRoutes } from "./admin-routes.ts";
import { registerPaymentMethodRoutes } from "./methods-routes.ts";
import { handlePaymentNotification } from "./notify.ts";
import { checkSandboxLink, completeSandboxPayment, createOrderPayment } from "./pay.ts";
import { payOrderWithBalance } from "./pay-with-balance.ts";
import { handleRefundNotification } from "./refund-notify.ts";

const PayBody = z.strictObject({
  /** `balance` pays the whole order from the shop balance, with no provider. */
  provider: z.enum(["sandbox", "wechat", "alipay", "balance"]),
  /** With a provider: the part paid from the shop balance (held now; the provider is asked for the rest). */
  walletFen: z.number().int().min(0).max(1e12).optional(),
});
const PayReply = z.union([
  z.object({ kind: z.literal("paid"), orderNo: z.string() }),
  z.object({ kind: z.literal("redirect"), url: z.string() }),
  z.object({ kind: z.literal("qr"), codeUrl: z.string() }),
  z.object({ kind: z.literal("jsapi_params"), params: z.record(z.string(), z.string()) }),
]);
const LinkQuery = z.strictObject({
  tradeNo: z.string().max(64),
  amount: z.string().max(20),
  expires: z.string().max(20),
  return: z.string().max(500).optional(),
  sig: z.string().max(1000),
});
const LinkReply = z.object({
  outTradeNo: z.string(),
  amountFen: z.number(),
  expiresAtMs: z.number(),
  returnUrl: z.string(),
});
const CompleteBody = LinkQuery.extend({ result: z.enum(["paid", "failed"]) });
const CompleteReply = z.object({ orderNo: z.string(), status: z.string(), paid: z.boolean() });

// The checkout's pay and sandbox-complete answers: written by generated code, not parsed again (http/serializer.ts).
fastSerialized.add(PayReply);
fastSerialized.add(CompleteReply);

const NOTIFY_BODY_LIMIT = 64 * 1024;

export function registerPaymentRoutes(app: App, deps: AppDeps): void {
  registerPaymentAdminRoutes(app, deps);
  registerPaymentMethodRoutes(app, deps);
  app.post(
    "/api/v1/orders/:orderNo/pay",
    {
      config: { auth: "user" },
      schema: {
        tags: ["shop: payments"],
        params: z.object({ orderNo: z.string().max(64) }),
        body: PayBody,
        response: { 200: PayReply },
      },
    },
    async (request) => {
      const { provider, walletFen } = request.body;
      if (provider === "balance") {
        if (walletFen !== undefined)
          throw new AppError("WALLET_PART_INVALID", "The whole order is paid from the balance", {
            walletFen,
          });
        return payOrderWithBalance(deps, currentUserId(request), request.params.orderNo);
      }
      const created = await createOrderPayment(
        deps,
        currentUserId(request),
        request.params.orderNo,
        provider,
        request.ip,
        walletFen,
      );
      const { ok: _ok, ...reply } = created as typeof created & { ok: true };
      return reply as z.infer<typeof PayReply>;
    },
  );

  app.get(
    "/api/v1/pay/sandbox/check",
    { schema: { tags: ["shop: payments"], querystring: LinkQuery, response: { 200: LinkReply } } },
    async (request) => {
      const { ok: _ok, ...link } = checkSandboxLink(deps, request.query);
      return link;
    },
  );

  app.post(
    "/api/v1/pay/sandbox/complete",
    {
      config: { auth: "user" },
      schema: { tags: ["shop: payments"], body: CompleteBody, response: { 200: CompleteReply } },
    },
    async (request) => completeSandboxPayment(deps, currentUserId(request), request.body),
  );

  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser("*", { parseAs: "buffer", bodyLimit: NOTIFY_BODY_LIMIT }, (_req, body, done) =>
      done(null, body),
    );
    const notifyRoute = (path: string, handle: typeof handleRefundNotification) =>
      scope.post(
        path,
        {
          bodyLimit: NOTIFY_BODY_LIMIT,
          schema: { tags: ["providers"], params: z.object({ provider: z.string().max(20) }) },
        },
        async (request, reply) => {
          const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
          const provider = (request.params as { provider: string }).provider;
          const { ack, refused } = await handle(deps, provider, request.headers, raw);
          // The reason only: never the body or headers, which carry signatures and personal data.
          if (refused)
            request.log.warn({ provider, status: ack.status, reason: refused }, "notification refused");
          reply.code(ack.status);
          if (ack.contentType) reply.header("content-type", ack.contentType);
          return reply.send(ack.body === "" ? undefined : ack.body);
        },
      );
    notifyRoute("/api/v1/payments/notify/:provider", handlePaymentNotification);
    notifyRoute("/api/v1/payments/notify/:provider/refund", handleRefundNotification);
  });
}
