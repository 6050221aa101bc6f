// Payment routes: the shopper starts a payment and uses the sandbox pay page; providers post notifications
// to /api/v1/payments/notify/:provider, read as the raw bytes they signed.
import { z } from "zod";
import type { AppDeps } from "../../deps.ts";
import { currentUserId } from "../../http/authenticate.ts";
import { fastSerialized } from "../../http/serializer.ts";
import type { App } from "../../http/types.ts";
import { registerPaymentAdminRoutes } from "./admin-routes.ts";
import { registerPaymentMethodRoutes } from "./methods-routes.ts";
import { handlePaymentNotification } from "./notify.ts";
import { checkSandboxLink, completeSandboxPayment, startOrderPayment } from "./pay.ts";
import { handleRefundNotification } from "./refund-notify.ts";
import { PayBody, PayReply } from "./schemas.ts";

const LinkQuery = z.strictObject({
  tradeNo: z.string().max(64),
  amount: z.string().max(20),
  expires: z.string().max(20),
  payer: z.string().max(20).optional(),
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
    async (request) =>
      startOrderPayment(deps, currentUserId(request), request.params.orderNo, request.body, request.ip),
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
