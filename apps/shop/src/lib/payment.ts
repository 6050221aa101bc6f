// Starting a payment for an order: ask the server for the provider's next step and follow it. The sandbox
// answers with its hosted pay page in this shop; a real provider may answer with its own page or a QR code.
import { api, call } from "./api.ts";
import type { PayReply } from "./types.ts";

export type PayProvider = "sandbox" | "wechat" | "alipay";

const PAYING_KEY = "liebian.shop.paying";

/** The order being paid, so the result page can lead back to it (the pay link carries only its number). */
export function rememberPaying(orderNo: string, orderId: number): void {
  sessionStorage.setItem(PAYING_KEY, JSON.stringify({ orderNo, orderId }));
}

export function payingOrderId(orderNo: string): number | null {
  try {
    const saved = JSON.parse(sessionStorage.getItem(PAYING_KEY) ?? "null") as {
      orderNo: string;
      orderId: number;
    } | null;
    return saved?.orderNo === orderNo ? saved.orderId : null;
  } catch {
    return null;
  }
}

export type PayStep =
  | { kind: "page"; url: string }
  | { kind: "qr"; codeUrl: string }
  | { kind: "unsupported" };

/**
 * How the shopper pays: a provider for everything, a provider for what the shop balance does not pay
 * (`walletFen`), or the balance for all of it (`balance`: paid at once, no provider step).
 */
export type PayChoice =
  | { provider: PayProvider }
  | { provider: PayProvider; walletFen: number }
  | { provider: "balance" };

export async function startPayment(
  order: { id: number; orderNo: string },
  choice: PayChoice,
): Promise<PayStep> {
  rememberPaying(order.orderNo, order.id);
  const reply = await call(
    api.POST("/api/v1/orders/{orderNo}/pay", {
      params: { path: { orderNo: order.orderNo } },
      body: choice,
    }),
  );
  return stepOf(reply);
}

/** Where the shopper goes next for a started payment. */
export function stepOf(reply: PayReply): PayStep {
  if (reply.kind === "paid")
    return { kind: "page", url: `/pay/result?orderNo=${encodeURIComponent(reply.orderNo)}&paid=1` };
  if (reply.kind === "redirect") return { kind: "page", url: reply.url };
  if (reply.kind === "qr") return { kind: "qr", codeUrl: reply.codeUrl };
  // JSAPI parameters only work inside WeChat's own browser
  return { kind: "unsupported" };
}
