// What a shopper sends to start paying an order and what the next step is: shared by the pay route and by
// placing an order with `pay` (the order and its payment's first step in one request).
import { z } from "zod";

export const ProviderName = z.enum(["sandbox", "wechat", "alipay"]);

export const PayBody = z.strictObject({
  /** `balance` pays the whole order from the shop balance, with no provider. */
  provider: z.enum([...ProviderName.options, "balance"]),
  /** With a provider: the part paid from the shop balance (held now; the provider is asked for the rest). */
  walletFen: z.number().int().min(0).max(1e12).optional(),
});
export type PayChoice = z.infer<typeof PayBody>;

/** The provider's next step: paid already (balance), a page to open, a QR code, or WeChat JSAPI params. */
export const PayReply = z.union([
  z.object({ kind: z.literal("paid"), orderNo: z.string() }),
  z.object({ kind: z.literal("redirect"), url: z.string() }),
  z.object({ kind: z.literal("qr"), codeUrl: z.string() }),
  z.object({ kind: z.literal("jsapi_params"), params: z.record(z.string(), z.string()) }),
]);
export type PayStep = z.infer<typeof PayReply>;
