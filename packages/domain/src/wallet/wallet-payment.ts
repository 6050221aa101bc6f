// How an order is paid when the shop balance takes part: all of it from the balance (no provider), or a
// part from the balance held at once and the rest through a provider. Once a part is held it is fixed:
// the provider trade already carries the rest, so another split would not match it.
import { type Fen, fen } from "../money.ts";

export type WalletPaymentRequest = {
  payableFen: Fen;
  /** What is already held from the balance for this order (0 when nothing). */
  heldFen: Fen;
  /** "balance" pays everything from the balance; any other name is a provider paying the rest. */
  provider: string;
  /** The balance part asked for with a provider; absent keeps what is held (or none). */
  walletFen?: number;
};

export type WalletPaymentRefusal = "WALLET_PART_INVALID" | "WALLET_PART_FIXED";

export type WalletPaymentPlan =
  /** Hold `holdFen` more (0 when already held), then confirm the whole order as paid by the balance. */
  | { kind: "whole"; holdFen: Fen }
  /** Hold `holdFen` more (0 when already held); the provider is asked for `providerFen`. */
  | { kind: "part"; holdFen: Fen; walletFen: Fen; providerFen: Fen }
  | { kind: "refuse"; reason: WalletPaymentRefusal };

/**
 * Plans the balance's share of a payment.
 * Example: payable ¥100, nothing held, WeChat with ¥30 from the balance →
 * { kind: "part", holdFen: 3000, walletFen: 3000, providerFen: 7000 }.
 */
export function planWalletPayment(request: WalletPaymentRequest): WalletPaymentPlan {
  const { payableFen, heldFen } = request;
  const refuse = (reason: WalletPaymentRefusal): WalletPaymentPlan => ({ kind: "refuse", reason });
  if (request.provider === "balance") {
    if (heldFen > 0 && heldFen !== payableFen) return refuse("WALLET_PART_FIXED");
    if (payableFen <= 0) return refuse("WALLET_PART_INVALID");
    return { kind: "whole", holdFen: fen(payableFen - heldFen) };
  }
  const asked = request.walletFen ?? heldFen;
  if (!Number.isSafeInteger(asked) || asked < 0 || (asked > 0 && asked >= payableFen))
    return refuse("WALLET_PART_INVALID");
  if (heldFen > 0 && asked !== heldFen) return refuse("WALLET_PART_FIXED");
  return {
    kind: "part",
    holdFen: fen(asked - heldFen),
    walletFen: fen(asked),
    providerFen: fen(payableFen - asked),
  };
}
