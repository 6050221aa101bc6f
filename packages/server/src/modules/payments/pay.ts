// Starting a payment: the shopper's own payable order becomes a provider trade (out_trade_no = order number)
// for what the shop balance does not pay, and the sandbox's hosted pay page is checked and completed here.
import type { AppDeps } from "../../deps.ts";
import { AppError, notFound } from "../../errors/app-error.ts";
import { findOrderState } from "../orders/repo.ts";
import { payableOrderOf } from "../orders/service.ts";
import { holdBeforeProvider } from "../wallet/hold.ts";
import { handlePaymentNotification } from "./notify.ts";
import { payOrderWithBalance } from "./pay-with-balance.ts";
import { providerNamed } from "./providers.ts";
import { dropStartedTrade, ensurePendingPayment, findOrderStartingTrade, hasPendingTrade } from "./repo.ts";
import type { PayChoice, PayStep } from "./schemas.ts";

type Deps = Pick<AppDeps, "db" | "now" | "config" | "paymentProviders">;

export function notifyUrl(deps: Pick<AppDeps, "config">, provider: string): string {
  return `${deps.config.publicUrl}/api/v1/payments/notify/${provider}`;
}

/** The shopper's choice for one of their orders: paid from the balance at once, or the provider's next step. */
export async function startOrderPayment(
  deps: Deps,
  userId: number,
  orderNo: string,
  choice: PayChoice,
  payerClientIp?: string,
): Promise<PayStep> {
  const { provider, walletFen } = choice;
  if (provider === "balance") {
    if (walletFen !== undefined)
      throw new AppError("WALLET_PART_INVALID", "The whole order is paid from the balance", { walletFen });
    return payOrderWithBalance(deps, userId, orderNo);
  }
  const { ok: _ok, ...step } = await createOrderPayment(
    deps,
    userId,
    orderNo,
    provider,
    payerClientIp,
    walletFen,
  );
  return step;
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
  // One statement reads the order and, when the provider is asked for the whole payable total (no balance
  // part asked for or held), starts its pending trade; a balance part goes the longer way below.
  const start = !walletFen;
  const found = await findOrderStartingTrade(deps.db, {
    orderNo,
    buyerUserId: userId,
    provider: provider.name,
    at: now,
    start,
  });
  const order = payableOrderOf(found, orderNo, userId, now);
  const startedId = found?.startedId ?? null;
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
  // a trade the provider refuses (or never answers) leaves no pending row, as if never started
  const refused = async () => {
    if (startedId !== null) await dropStartedTrade(deps.db, startedId);
  };
  const created = await provider
    .createPayment({
      outTradeNo: order.orderNo,
      amountFen,
      description: order.subject.slice(0, 120),
      channel: provider.channels.includes("h5") ? "h5" : provider.channels[0]!,
      notifyUrl: notifyUrl(deps, provider.name),
      // WeChat H5 requires scene_info.payer_client_ip: the buyer's address as our server saw it.
      payerClientIp,
      payerUserId: userId,
      returnUrl: `/orders/${order.orderNo}`,
      expiresAtMs: order.closeDueAt.getTime(),
    })
    .catch(async (error: unknown) => {
      await refused();
      throw error;
    });
  if (!created.ok) {
    await refused();
    throw new AppError("PAYMENT_PROVIDER_FAILED", created.message, {
      code: created.code,
      retryable: created.retryable,
    });
  }
  // the trade's pending row: started with the read above, or (a balance part) made now once
  if (!(start && order.walletFen === 0))
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
  // the link names the shopper it was made for (authenticated with it): nobody else completes it
  if (link.payer !== String(userId)) throw notFound("Order", { orderNo: link.outTradeNo });
  // the order's status after the notification, when applying it told (a payment that just paid it)
  let statusAfter: string | undefined;
  const simulated = await sandbox.simulate({
    outTradeNo: link.outTradeNo,
    result: input.result,
    deliver: "once",
    amountFen: link.amountFen,
    transport: async (signed) => {
      const { ack, orderStatus } = await handlePaymentNotification(
        deps,
        "sandbox",
        signed.headers,
        Buffer.from(signed.body),
      );
      statusAfter = orderStatus;
      return { status: ack.status, body: ack.body };
    },
  });
  if (!simulated.ok)
    throw new AppError("PAYMENT_PROVIDER_FAILED", simulated.message, { code: simulated.code });
  await sandbox.settle();
  if (statusAfter !== undefined) return { orderNo: link.outTradeNo, status: statusAfter, paid: true };
  const after = await findOrderState(deps.db, { orderNo: link.outTradeNo });
  if (!after) throw notFound("Order", { orderNo: link.outTradeNo });
  return { orderNo: after.orderNo, status: after.status, paid: after.paidAt !== null };
}
