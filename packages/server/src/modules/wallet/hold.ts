// The shop balance's part of an unpaid order: held from the wallet when the shopper pays (`wallet:hold:<no>`),
// then paid with the order (confirm-payment) or returned when the order is cancelled or closes unpaid
// (`wallet:release:<no>`). The order row lock and its status make exactly one of the two happen.
// The wallet's no-overdraft trigger (ledger_accounts_wallet_check) refuses an overdraft when the hold is
// posted, whatever two checkouts race; a shopper's own accounts are the only ones the hold locks.
import {
  BALANCE_PROVIDER,
  buildWalletHoldPosting,
  buildWalletReleasePosting,
  fen,
  planWalletPayment,
  type WalletPaymentPlan,
} from "@liebian/domain";
import type { Tx } from "../../db/client.ts";
import { isCheckViolation } from "../../db/errors.ts";
import { inTransaction } from "../../db/transaction.ts";
import type { AppDeps } from "../../deps.ts";
import { AppError, notFound } from "../../errors/app-error.ts";
import { postLedgerTransaction } from "../ledger/service.ts";
import { lockOrder, type OrderRow, updateOrderRow } from "../orders/repo.ts";
import { findWalletBalance } from "./repo.ts";

/** Holds `amountFen` of the buyer's balance for their unpaid order, locked by the caller. */
export async function holdWalletPart(tx: Tx, order: OrderRow, amountFen: number, at: Date): Promise<void> {
  // A quick answer for the plain case; the guard itself is the no-overdraft trigger on the wallet account.
  if ((await findWalletBalance(tx, order.buyerUserId)) < amountFen)
    throw new AppError("INSUFFICIENT_BALANCE", "The shop balance is lower than the amount", {
      account: "wallet",
    });
  await updateOrderRow(tx, order.id, { walletFen: order.walletFen + amountFen, updatedAt: at });
  await postLedgerTransaction(
    tx,
    buildWalletHoldPosting({ orderNo: order.orderNo, buyerUserId: order.buyerUserId, amountFen, at }),
  );
}

/** Runs a transaction that debits a wallet; an overdraft refused by the database answers INSUFFICIENT_BALANCE. */
export async function guardWallet<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (isCheckViolation(error, "ledger_accounts_wallet_check"))
      throw new AppError("INSUFFICIENT_BALANCE", "The shop balance is lower than the amount", {
        account: "wallet",
      });
    throw error;
  }
}

/** The shopper's own order, still payable at `now`. */
async function lockPayableOwnOrder(tx: Tx, userId: number, orderNo: string, now: Date) {
  const order = await lockOrder(tx, { orderNo });
  if (!order || order.buyerUserId !== userId) throw notFound("Order", { orderNo });
  const overdue = order.closeDueAt === null || order.closeDueAt <= now;
  if (order.status !== "pending_payment" || overdue)
    throw new AppError("ORDER_STATE_INVALID", "This order can no longer be paid", {
      status: order.status,
      event: "pay",
    });
  return order;
}

/**
 * Locks the shopper's payable order, plans the balance's share of paying it with `provider` (and the balance
 * part asked for), and holds what the plan takes. Refusals answer the plan's reason.
 */
async function lockPlanAndHold(
  tx: Tx,
  userId: number,
  orderNo: string,
  now: Date,
  choice: { provider: string; walletFen?: number | undefined },
): Promise<{ order: OrderRow; plan: Exclude<WalletPaymentPlan, { kind: "refuse" }> }> {
  const order = await lockPayableOwnOrder(tx, userId, orderNo, now);
  const plan = planWalletPayment({
    payableFen: fen(order.payableFen),
    heldFen: fen(order.walletFen),
    provider: choice.provider,
    ...(choice.walletFen === undefined ? {} : { walletFen: choice.walletFen }),
  });
  if (plan.kind === "refuse")
    throw new AppError(plan.reason, "This balance part cannot be used for this order", {
      heldFen: order.walletFen,
      payableFen: order.payableFen,
    });
  if (plan.holdFen > 0) await holdWalletPart(tx, order, plan.holdFen, now);
  return { order, plan };
}

/** Pays the whole order from the balance: holds what is not held yet and answers the locked order. */
export async function holdWholeOrder(tx: Tx, userId: number, orderNo: string, now: Date): Promise<OrderRow> {
  const { order, plan } = await lockPlanAndHold(tx, userId, orderNo, now, { provider: BALANCE_PROVIDER });
  if (plan.kind !== "whole") throw new Error("a balance payment planned as a part");
  return order;
}

/**
 * Before a provider is asked for the rest: holds the balance part the shopper chose (once per order; a
 * later pay keeps it) and answers what the provider is to be paid.
 */
export async function holdBeforeProvider(
  deps: Pick<AppDeps, "db" | "now">,
  userId: number,
  orderNo: string,
  provider: string,
  walletFen: number | undefined,
): Promise<{ providerFen: number; walletFen: number }> {
  return guardWallet(
    inTransaction(deps.db, async (tx) => {
      const { plan } = await lockPlanAndHold(tx, userId, orderNo, deps.now(), { provider, walletFen });
      if (plan.kind !== "part") throw new Error("a provider payment planned as a whole balance payment");
      return { providerFen: plan.providerFen, walletFen: plan.walletFen };
    }),
  );
}

/** An unpaid order ended (cancelled or closed): its held balance goes back (once: keyed by order). */
export async function releaseWalletHold(tx: Tx, order: OrderRow, at: Date): Promise<void> {
  const release = buildWalletReleasePosting({
    orderNo: order.orderNo,
    buyerUserId: order.buyerUserId,
    heldFen: order.walletFen,
    at,
  });
  if (release) await postLedgerTransaction(tx, release);
}
