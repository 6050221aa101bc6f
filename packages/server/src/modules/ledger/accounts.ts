// The chart of accounts (money-payments-security.md §1.6): account codes and which side is normal.
// Balances are stored debit positive; `owedFen` flips a credit-normal balance to what is owed to its holder.

export const ledgerAccount = {
  gatewayClearing: (provider: string) => `gateway_clearing:${provider}`,
  merchantRevenue: "merchant_revenue",
  commissionFrozen: (userId: number) => `commission_frozen:u:${userId}`,
  commissionAvailable: (userId: number) => `commission_available:u:${userId}`,
  withdrawalHold: (userId: number) => `withdrawal_hold:u:${userId}`,
  payoutClearing: (method: string) => `payout_clearing:${method}`,
  refundClearing: "refund_clearing",
  fees: "fees",
  rewardExpense: "reward_expense",
} as const;

/** A credit-normal account's stored balance, read as the amount it holds for its owner. */
export function owedFen(balanceFen: number): number {
  return balanceFen === 0 ? 0 : -balanceFen;
}
