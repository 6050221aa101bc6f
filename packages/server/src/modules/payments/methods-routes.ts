// The payment methods this shop takes, so checkout offers only providers that are switched on.
import { z } from "zod";
import type { AppDeps } from "../../deps.ts";
import type { App } from "../../http/types.ts";

const PROVIDERS = ["wechat", "alipay", "sandbox"] as const;
const Methods = z.object({ methods: z.array(z.enum(PROVIDERS)) });

export function registerPaymentMethodRoutes(app: App, deps: AppDeps): void {
  app.get(
    "/api/v1/payments/methods",
    { schema: { tags: ["shop: payments"], response: { 200: Methods } } },
    async () => {
      const enabled = deps.paymentProviders ?? {};
      return { methods: PROVIDERS.filter((name) => enabled[name] !== undefined) };
    },
  );
}
