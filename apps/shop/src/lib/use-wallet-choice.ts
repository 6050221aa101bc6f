// The shop balance as a way to pay: whether the shopper uses it, and what that makes of a payment — all of
// the order from the balance when it covers it, else the balance part with the rest by a provider. A part
// already held for the order is fixed (the provider trade carries the rest), so it stays on.
import { useState } from "react";
import type { PayChoice, PayProvider } from "./payment.ts";
import { useLoad } from "./use-load.ts";
import { walletApi } from "./wallet-api.ts";

export type WalletChoice = {
  /** Spendable now, plus what is already held for this order. */
  availableFen: number | null;
  use: boolean;
  setUse: (use: boolean) => void;
  /** The held part cannot be changed. */
  fixed: boolean;
  /** What the balance pays of `payableFen` with the current choice. */
  walletPartOf: (payableFen: number) => number;
  /** The request for paying `payableFen`: null when a provider is needed and none is chosen. */
  choiceFor: (payableFen: number, provider: PayProvider | null) => PayChoice | null;
};

export function useWalletChoice(heldFen = 0): WalletChoice {
  const [wallet] = useLoad(walletApi.balance);
  const [chosen, setUse] = useState(false);
  const fixed = heldFen > 0;
  const availableFen = wallet ? wallet.balanceFen + heldFen : null;
  const use = fixed || (chosen && (availableFen ?? 0) > 0);
  const walletPartOf = (payableFen: number) =>
    !use ? 0 : fixed ? heldFen : Math.min(availableFen ?? 0, payableFen);
  const choiceFor = (payableFen: number, provider: PayProvider | null): PayChoice | null => {
    const part = walletPartOf(payableFen);
    if (part > 0 && part >= payableFen) return { provider: "balance" };
    if (!provider) return null;
    return part > 0 && !fixed ? { provider, walletFen: part } : { provider };
  };
  return { availableFen, use, setUse, fixed, walletPartOf, choiceFor };
}
