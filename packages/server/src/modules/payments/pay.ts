// Starting a payment: the shopper's own payable order becomes a provider trade (out_trade_no = order number)
// for what the shop balance does not pay, and the sandbox's hosted pay page is checked and completed here.
import type { AppDeps } from "../../deps.ts";
import { AppError, notFound } from "../../errors/app-error.ts";
import { findOrderState } from "../orders/repo.ts";
import { findPayableOrder } from "../orders/service.ts";
import { holdBeforeProvider } from "../wallet/hold.ts";
import { handlePaymentNotification } from "./notify.ts";
import { providerNamed } from "./providers.ts";
import { ensurePendingPayment, hasPendingTrade } from "./repo.ts";

type Deps = Pick<AppDeps, "db" | "now" | "config" | "paymentProviders">;

export function notifyUrl(deps: Pick<AppDeps, "config">, provider: string): string {
  return `${deps.config.publicUrl}/api/v1/payments/notify/${provider}`;
}

export async function createOrderPayment(
  deps: Deps,
  userId: number,
  orderNo: string,
  providerName: string,
  payerClientIp?: string,
  walletFen?: number,
) {
  const provider = providerNamed(deps, providerName);
  if (!provider)
    throw new AppError("PAYMENT_PROVIDER_UNAVAILABLE", "This payment method is not enabled", {
      provider: providerName,
    });
  const now = deps.now();
  const order = await findPayableOrder(deps.db, orderNo, userId, now);
  // A trade already started for the whole amount may still be paid: a balance part now would not match it.
  if (walletFen && order.walletFen === 0 && (await hasPendingTrade(deps.db, order.orderId)))
    throw new AppError("WALLET_PART_FIXED", "This order's payment was started without the balance", {
      heldFen: 0,
      payableFen: order.amountFen,
    });
  // A balance part asked for (or held by an earlier tap) is held first; the provider is asked for the rest.
  const amountFen =
    walletFen || order.walletFen > 0
      ? (await holdBeforeProvider(deps, userId, orderNo, provider.name, walletFen)).providerFen
      : order.amountFen;
  const created = await provider.createPayment({
    outTradeNo: order.orderNo,
    amountFen,
    description: order.subject.slice(0, 120),
    channel: provider.channels.includes("h5") ? "h5" : provider.channels[0]!,
    notifyUrl: notifyUrl(deps, provider.name),
    // WeChat H5 requires scene_info.payer_client_ip: the buyer's address as our server saw it.
    payerClientIp,
    returnUrl: `/orders/${order.orderNo}`,
    expiresAtMs: order.closeDueAt.getTime(),
  });
  if (!created.ok) {
    throw new AppError("PAYMENT_PROVIDER_FAILED", created.message, {
      code: created.code,
      retryable: created.retryable,
    });
  }
  await ensurePendingPayment(deps.db, {
    orderId: order.orderId,
    orderNo: order.orderNo,
    provider: provider.name,
    outTradeNo: order.orderNo,
    amountFen,
    at: now,
  });
  return created;
}

function sandboxOf(deps: Pick<AppDeps, "paymentProviders">) {
  const sandbox = deps.paymentProviders?.sandbox;
  if (!sandbox)
    throw new AppError("PAYMENT_PROVIDER_UNAVAILABLE", "The sandbox is not enabled", { provider: "sandbox" });
  return sandbox;
}

export function checkSandboxLink(deps: Deps, query: Record<string, string | undefined>) {
  const checked = sandboxOf(deps).checkPayLink(query, deps.now().getTime());
  if (!checked.ok) throw new AppError(checked.code, "This pay link is not valid", {});
  return checked;
}

/**
 * The shopper pressed pay (or fail) on the sandbox page: the sandbox signs its notification and hands it
 * straight to the notify use case in this process, which verifies the signature as for any delivery —
 * no HTTP request to ourselves, so on the embedded engine it is not cut off by a delivery timeout while
 * it waits its turn for the database.
 */
export async function completeSandboxPayment(
  deps: Deps,
  userId: number,
  input: Record<string, string | undefined> & { result: "paid" | "failed" },
) {
  const link = checkSandboxLink(deps, input);
  const sandbox = sandboxOf(deps);
  const order = await findOrderState(deps.db, { orderNo: link.outTradeNo });
  if (!order || order.buyerUserId !== userId) throw notFound("Order", { orderNo: link.outTradeNo });
  const simulated = await sandbox.simulate({
    outTradeNo: link.outTradeNo,
    result: input.result,
    deliver: "once",
    amountFen: link.amountFen,
    transport: async (signed) => {
      const { ack } = await handlePaymentNotification(
        deps,
        "sandbox",
        signed.headers,
        Buffer.from(signed.body),
      );
      return { status: ack.status, body: ack.body };
    },
  });
  if (!simulated.ok)
    throw new AppError("PAYMENT_PROVIDER_FAILED", simulated.message, { code: simulated.code });
  await sandbox.settle();
  const after = (await findOrderState(deps.db, { orderId: order.id }))!;
  return { orderNo: after.orderNo, status: after.status, paid: after.paidAt !== null };
}
